"""Property: over any table, no shown figure is 1–4 and no hidden one can be recomputed.

The attacker of these tests knows the rule: shown totals, shown cells, and that a hidden
cell under a shown total is non-zero. A line (row, column, column of row totals) whose
total is shown gives away its hidden cells if there is exactly one, if they add up to
fewer than 5 (a small group together), or if k of them add up to k (all are 1).
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from forum.core.suppression import (
    MIN_GROUP_SIZE,
    SuppressedCounts,
    count_text,
    suppress_choices,
    suppress_small_cells,
    suppress_table,
)

# Small counts are the interesting ones: most cells land around the threshold.
counts = st.one_of(st.integers(0, 6), st.integers(0, 60))


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[int], list[list[int]], bool]:
    n_rows = draw(st.integers(0, 30))
    n_cols = draw(st.integers(0, 30))
    partition = draw(st.booleans())
    rows = [[draw(counts) for _ in range(n_cols)] for _ in range(n_rows)]
    if partition:
        totals = [sum(r[j] for r in rows) for j in range(n_cols)]
    else:  # respondents per column: at least as many as chose any one row
        totals = [max([r[j] for r in rows], default=0) + draw(counts) for j in range(n_cols)]
    return totals, rows, partition


def recoverable(hidden: list[int]) -> bool:
    """Whether hidden cells under a shown total are pinned down (or a small group)."""
    if not hidden:
        return False
    return len(hidden) == 1 or sum(hidden) < MIN_GROUP_SIZE or sum(hidden) <= len(hidden)


def check_line(shown: list[int | None], truth: list[int], total: int | None) -> None:
    for s, t in zip(shown, truth, strict=True):
        assert s is None or s == t
        assert s is None or not 0 < s < MIN_GROUP_SIZE
    assert total is None or not 0 < total < MIN_GROUP_SIZE
    hidden = [t for s, t in zip(shown, truth, strict=True) if s is None]
    if total is not None:
        assert total == sum(truth)
        assert not recoverable(hidden), (shown, truth, total)
    elif sum(truth):
        # A hidden total would be the sum of the cells if they were all shown.
        assert hidden


FEWER = count_text(None)
HIDDEN = count_text(None, protected=True)


def words(shown: SuppressedCounts[str], keys: list[str]) -> list[str]:
    return [count_text(shown.cells[k], protected=shown.hidden_to_protect(k)) for k in keys]


def total_words(shown: SuppressedCounts[str]) -> str:
    return count_text(shown.total, protected=shown.total_protected)


def check_words_true(written: list[str], truth: list[int], total_written: str, total: int) -> None:
    """ "fewer than 5" is only ever said of 1–4 (0 only in a line that is small as a whole),
    and "hidden" (to protect a small group) only of 5 and up."""
    for w, t in zip([*written, total_written], [*truth, total], strict=True):
        if w == FEWER:
            assert 0 < t < MIN_GROUP_SIZE or (t == 0 and total_written == FEWER), (w, t)
        elif w == HIDDEN:
            assert t >= MIN_GROUP_SIZE, (w, t)
        else:
            assert int(w) == t


def pinned_by_words(written: list[str | None], truth: list[int], total: int | None) -> bool:
    """Whether a reader who knows "fewer than 5" is 0–4 and "hidden" is 5 and up (None:
    never written, so anything) can pin a hidden cell of a line with a shown total."""
    if total is None:
        return False
    hidden = [(w, t) for w, t in zip(written, truth, strict=True) if w in (FEWER, HIDDEN, None)]
    if not hidden:
        return False
    mass = total - sum(
        t for w, t in zip(written, truth, strict=True) if w not in (FEWER, HIDDEN, None)
    )
    inf = 10**9
    lows = [MIN_GROUP_SIZE if w == HIDDEN else 0 for w, _t in hidden]
    highs = [MIN_GROUP_SIZE - 1 if w == FEWER else inf for w, _t in hidden]
    for i in range(len(hidden)):
        most = min(highs[i], mass - (sum(lows) - lows[i]))
        least = max(lows[i], mass - (sum(highs) - highs[i]))
        if least >= most and hidden[i][0] is not None:
            return True
    return False


@settings(max_examples=300, deadline=None)
@given(tables())
def test_every_hidden_figure_is_described_truthfully(
    table: tuple[list[int], list[list[int]], bool],
) -> None:
    totals, rows, partition = table
    keys = [f"c{j}" for j in range(len(totals))]
    result = suppress_table(
        dict(zip(keys, totals, strict=True)),
        [dict(zip(keys, r, strict=True)) for r in rows],
        partition=partition,
    )
    for shown, truth in zip([result.totals, *result.rows], [totals, *rows], strict=True):
        written = words(shown, keys)
        check_words_true(written, truth, total_words(shown), sum(truth))
        assert not pinned_by_words(list(written), truth, shown.total), (written, truth)
    if not partition:
        return
    for j, k in enumerate(keys):
        column: list[str | None] = [w for s in result.rows for w in words(s, [k])]
        assert not pinned_by_words(column, [r[j] for r in rows], result.totals.cells[k])
    row_totals: list[str | None] = [total_words(s) for s in result.rows]
    assert not pinned_by_words(row_totals, [sum(r) for r in rows], result.totals.total)


@settings(max_examples=300, deadline=None)
@given(st.lists(counts, max_size=30), st.integers(0, 6), st.booleans())
def test_every_hidden_answer_count_is_described_truthfully(
    cells: list[int], extra: int, partition: bool
) -> None:
    keys = list(range(len(cells)))
    respondents = sum(cells) + extra if partition else max(cells, default=0) + extra
    shown = suppress_choices(
        dict(zip(keys, cells, strict=True)), respondents=respondents, partition=partition
    )
    written = [count_text(shown.cells[k], protected=shown.hidden_to_protect(k)) for k in keys]
    total_written = count_text(shown.total, protected=shown.total_protected)
    for w, t in zip(written, cells, strict=True):
        if w == FEWER:
            assert t < MIN_GROUP_SIZE
            assert t > 0 or total_written == FEWER
        elif w == HIDDEN:
            assert t >= MIN_GROUP_SIZE
    if partition and shown.total is not None:
        # Respondents who chose nothing are never written: the reader knows nothing of them.
        rest = None if extra or any(w in (FEWER, HIDDEN) for w in written) else "0"
        assert not pinned_by_words([*written, rest], [*cells, extra], shown.total)


def test_46_votes_hidden_beside_2_are_not_called_fewer_than_5() -> None:
    shown = suppress_choices({"Fredag": 46, "Lördag": 2}, respondents=48, partition=True)
    assert shown.cells == {"Fredag": None, "Lördag": None}
    assert count_text(shown.cells["Fredag"], protected=shown.hidden_to_protect("Fredag")) == HIDDEN
    assert count_text(shown.cells["Lördag"], protected=shown.hidden_to_protect("Lördag")) == FEWER


def test_four_and_four_under_a_shown_total_are_not_both_fewer_than_5() -> None:
    # 8 hidden in two cells that are each "fewer than 5" would be 4 and 4: hide one more.
    shown = suppress_small_cells({"a": 4, "b": 4, "c": 10, "d": 12})
    assert shown.cells["c"] is None
    assert shown.hidden_to_protect("c")
    assert shown.cells["d"] == 12


@settings(max_examples=300, deadline=None)
@given(tables())
def test_no_table_reveals_a_cell_under_five(table: tuple[list[int], list[list[int]], bool]) -> None:
    totals, rows, partition = table
    keys = [f"c{j}" for j in range(len(totals))]
    result = suppress_table(
        dict(zip(keys, totals, strict=True)),
        [dict(zip(keys, r, strict=True)) for r in rows],
        partition=partition,
    )
    all_truth = [totals, *rows]
    all_shown: list[SuppressedCounts[str]] = [result.totals, *result.rows]
    for shown, truth in zip(all_shown, all_truth, strict=True):
        check_line([shown.cells[k] for k in keys], truth, shown.total)
    if not partition:
        return
    # Columns: the detail rows add up to the column total.
    for j, k in enumerate(keys):
        check_line([s.cells[k] for s in result.rows], [r[j] for r in rows], result.totals.cells[k])
    # The rows' own totals add up to the grand total.
    check_line([s.total for s in result.rows], [sum(r) for r in rows], result.totals.total)


@settings(max_examples=300, deadline=None)
@given(st.lists(counts, max_size=30), st.integers(0, 6), st.booleans())
def test_no_question_result_reveals_a_count_under_five(
    cells: list[int], extra: int, partition: bool
) -> None:
    keys = list(range(len(cells)))
    respondents = sum(cells) + extra if partition else max(cells, default=0) + extra
    shown = suppress_choices(
        dict(zip(keys, cells, strict=True)), respondents=respondents, partition=partition
    )
    assert shown.total is None or not 0 < shown.total < MIN_GROUP_SIZE
    for k in keys:
        value = shown.cells[k]
        assert value is None or (value == cells[k] and not 0 < value < MIN_GROUP_SIZE)
    if partition and shown.total is not None:
        # Respondents who chose no option are a cell of the line too, never printed but
        # known when every option is shown (and a 0 may be assumed by anyone).
        options_shown = all(shown.cells[k] is not None for k in keys)
        rest = extra if extra == 0 or options_shown else None
        check_line([*[shown.cells[k] for k in keys], rest], [*cells, extra], shown.total)


@given(st.lists(counts, max_size=30))
def test_one_line_of_counts_reveals_nothing_under_five(cells: list[int]) -> None:
    shown = suppress_small_cells(dict(enumerate(cells)))
    check_line([shown.cells[k] for k in range(len(cells))], cells, shown.total)
