from forum.core.suppression import suppress_small_cells


def test_cells_under_five_are_hidden_with_a_complementary_cell() -> None:
    result = suppress_small_cells({"girl": 3, "boy": 12, "non_binary": 0, "prefer_not": 7})
    assert result.cells["girl"] is None
    # Otherwise girl = total - boy - prefer_not: the smallest other non-zero cell hides too.
    assert result.cells["prefer_not"] is None
    assert result.cells["boy"] == 12
    assert result.cells["non_binary"] == 0
    assert result.total == 22


def test_two_small_cells_need_no_complementary_cell() -> None:
    result = suppress_small_cells({"a": 2, "b": 3, "c": 10})
    assert result.cells == {"a": None, "b": None, "c": 10}


def test_a_group_smaller_than_five_shows_nothing() -> None:
    result = suppress_small_cells({"a": 2, "b": 2})
    assert result.cells == {"a": None, "b": None}
    assert result.total is None


def test_large_cells_are_shown_as_they_are() -> None:
    result = suppress_small_cells({"a": 5, "b": 9})
    assert result.cells == {"a": 5, "b": 9}
    assert not result.any_suppressed


def test_a_hidden_cell_cannot_be_recomputed_from_the_total() -> None:
    counts = {"akalla": 1, "husby": 6, "kista": 8, "rinkeby": 20}
    result = suppress_small_cells(counts)
    hidden = [k for k, v in result.cells.items() if v is None]
    assert len(hidden) >= 2
    assert result.total is not None
    visible_sum = sum(v for v in result.cells.values() if v is not None)
    # More than one unknown remains, so no single hidden cell is determined.
    assert result.total - visible_sum == sum(counts[k] for k in hidden)


def test_table_suppression_protects_columns_of_a_partition() -> None:
    from forum.core.suppression import suppress_table

    # Respondents per group, and how each group answered a single-choice question.
    totals = {"girl": 9, "boy": 12}
    rows = [{"girl": 3, "boy": 6}, {"girl": 6, "boy": 6}]

    table = suppress_table(totals, rows, partition=True)

    # girl/A = 3 is hidden; girl/B = 6 would give it away as 9 - 6, so it hides too,
    # and so does a cell in each affected row.
    assert table.rows[0].cells["girl"] is None
    assert table.rows[1].cells["girl"] is None
    for row in [table.totals, *table.rows]:
        assert sum(1 for v in row.cells.values() if v is None) != 1
    for key in totals:
        if table.totals.cells[key] is not None:
            assert sum(1 for r in table.rows if r.cells[key] is None) != 1


def test_table_suppression_without_small_cells_changes_nothing() -> None:
    from forum.core.suppression import suppress_table

    table = suppress_table({"a": 10, "b": 12}, [{"a": 5, "b": 6}, {"a": 5, "b": 6}], partition=True)
    assert table.totals.cells == {"a": 10, "b": 12}
    assert [r.cells for r in table.rows] == [{"a": 5, "b": 6}, {"a": 5, "b": 6}]
