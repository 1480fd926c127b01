"""Small-group suppression for every report: no group smaller than 5 is ever shown.

Primary suppression hides each cell with 1–4 members. If that leaves exactly one hidden
cell in a row whose total is shown, it could be recomputed as total minus the rest, so the
smallest remaining non-zero cell is hidden too (complementary, or secondary, suppression).
Zero cells stay visible: "nobody from Akalla took part" is itself a finding the council
needs, and it reveals no one.
"""

from collections.abc import Hashable, Mapping
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
