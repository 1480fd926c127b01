"""Small-group suppression for every report: no group smaller than 5 is ever shown.

Primary suppression hides each cell with 1–4 members. If that leaves exactly one hidden
cell in a row whose total is shown, it could be recomputed as total minus the rest, so the
smallest remaining non-zero cell is hidden too (complementary, or secondary, suppression).
Zero cells stay visible: "nobody from Akalla took part" is itself a finding the council
needs, and it reveals no one.
"""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

MIN_GROUP_SIZE = 5


@dataclass(frozen=True)
class SuppressedCounts[K: Hashable]:
    """Counts per key; ``None`` means suppressed. ``total`` is None if the total is < 5."""

    cells: dict[K, int | None]
    total: int | None

    @property
    def any_suppressed(self) -> bool:
        return any(value is None for value in self.cells.values())


def suppress_small_cells[K: Hashable](
    counts: Mapping[K, int], *, min_size: int = MIN_GROUP_SIZE
) -> SuppressedCounts[K]:
    total = sum(counts.values())
    if total < min_size:
        # The whole group is too small: show nothing but the fact that it is small.
        return SuppressedCounts(cells={key: None for key in counts}, total=None)
    cells: dict[K, int | None] = {
        key: (None if 0 < count < min_size else count) for key, count in counts.items()
    }
    hidden = [key for key, value in cells.items() if value is None]
    if len(hidden) == 1:
        candidates = sorted(
            (count, str(key), key)
            for key, count in counts.items()
            if cells[key] is not None and count > 0
        )
        if candidates:
            cells[candidates[0][2]] = None
    return SuppressedCounts(cells=cells, total=total)


@dataclass(frozen=True)
class SuppressedTable[K: Hashable]:
    """A totals row plus detail rows over the same columns; ``None`` means suppressed."""

    totals: SuppressedCounts[K]
    rows: list[SuppressedCounts[K]]


def suppress_table[K: Hashable](
    totals: Mapping[K, int],
    rows: Sequence[Mapping[K, int]],
    *,
    partition: bool,
    min_size: int = MIN_GROUP_SIZE,
) -> SuppressedTable[K]:
    """Suppress a table so no small cell can be recomputed from a row or a column.

    ``totals`` are the column totals (e.g. respondents per group); ``rows`` the detail
    rows. Every row, the totals row included, follows ``suppress_small_cells``. If the rows
    ``partition`` each column (every respondent is in exactly one row, as with a single
    choice or a scale), a column with exactly one hidden detail cell under a shown column
    total would give it away too, so another cell of that column is hidden; this repeats
    until no row and no column has a lone hidden cell.
    """
    all_rows: list[Mapping[K, int]] = [totals, *rows]
    keys = list(totals)
    hidden: set[tuple[int, K]] = set()
    row_hidden_total = [sum(r.values()) < min_size for r in all_rows]
    for i, row in enumerate(all_rows):
        for key in keys:
            count = row.get(key, 0)
            if row_hidden_total[i] or 0 < count < min_size:
                hidden.add((i, key))

    def hide_smallest(cells: list[tuple[int, K]]) -> bool:
        candidates = sorted(
            (all_rows[i].get(k, 0), i, str(k), k)
            for i, k in cells
            if (i, k) not in hidden and all_rows[i].get(k, 0) > 0
        )
        if not candidates:
            return False
        _count, i, _name, k = candidates[0]
        hidden.add((i, k))
        return True

    changed = True
    while changed:
        changed = False
        for i in range(len(all_rows)):
            if row_hidden_total[i]:
                continue
            cells = [(i, k) for k in keys]
            if sum(1 for c in cells if c in hidden) == 1:
                if not hide_smallest(cells):
                    row_hidden_total[i] = True  # nothing else to hide: hide the row total
                changed = True
        if partition:
            for key in keys:
                if (0, key) in hidden:
                    continue
                cells = [(i, key) for i in range(1, len(all_rows))]
                if sum(1 for c in cells if c in hidden) == 1:
                    if not hide_smallest(cells):
                        hidden.add((0, key))  # nothing else to hide: hide the column total
                    changed = True

    def out(i: int) -> SuppressedCounts[K]:
        row = all_rows[i]
        return SuppressedCounts(
            cells={k: (None if (i, k) in hidden else row.get(k, 0)) for k in keys},
            total=None if row_hidden_total[i] else sum(row.values()),
        )

    return SuppressedTable(totals=out(0), rows=[out(i) for i in range(1, len(all_rows))])
