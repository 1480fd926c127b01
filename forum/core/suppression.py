"""Small-group suppression: the one rule for every figure that leaves the room.

A count of 1–4 people is never shown (``None``, rendered "fewer than 5"). Zero is shown:
"nobody from Akalla took part" is itself a finding, and it reveals no one.

Hiding the small cells (primary suppression) is not enough when a total is shown: a lone
hidden cell is the total minus the rest. So every *line* whose total is shown (a row, and
where the rows partition the respondents, a column and the column of row totals) must keep
its hidden cells "safe": none, or at least two whose sum is 5 or more and larger than their
number (two hidden cells that add up to 2 are both 1). Until it is, the smallest non-zero
cell still shown in that line is hidden too (complementary suppression), or the line's total
when there is nothing left to hide. A hidden total in turn needs a hidden cell beside it, or
it is the sum of what is shown. docs/decisions/0028-one-suppression-rule.md says where the
rule applies (everything but the room's own live results) and why.

Every hidden figure says why it is hidden, so no output calls 46 votes "fewer than 5": a
hidden figure of 5 or more was hidden only to protect a small group ("hidden", with one note
per page), every other hidden figure is "fewer than 5". A reader then knows each hidden cell
is 1–4 or 5 and up, so a line is safe only if no hidden figure is pinned down by those bounds
and the line's total (docs/decisions/0030-why-a-figure-is-hidden.md).
"""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

MIN_GROUP_SIZE = 5


@dataclass(frozen=True)
class SuppressedCounts[K: Hashable]:
    """Counts per key; ``None`` means suppressed. ``total`` is None if it is hidden.

    ``protected``: the hidden cells that are not small themselves (5 and up) but hidden so a
    small group cannot be worked out; ``total_protected`` the same for a hidden total.
    """

    cells: dict[K, int | None]
    total: int | None
    protected: frozenset[K] = frozenset()
    total_protected: bool = False

    @property
    def any_suppressed(self) -> bool:
        return self.total is None or any(value is None for value in self.cells.values())

    def hidden_to_protect(self, key: K) -> bool:
        return key in self.protected


@dataclass(frozen=True)
class SuppressedTable[K: Hashable]:
    """A totals row plus detail rows over the same columns; ``None`` means suppressed."""

    totals: SuppressedCounts[K]
    rows: list[SuppressedCounts[K]]


def shown_count(n: int, *, min_size: int = MIN_GROUP_SIZE) -> int | None:
    """A head count on its own (participants, supporters, answers): 0 and 5 up are shown."""
    return None if 0 < n < min_size else n


def is_protecting(value: int, *, min_size: int = MIN_GROUP_SIZE) -> bool:
    """Whether a figure the rule hides is hidden to protect others (it is 5 or more)."""
    return value >= min_size


def count_text(count: int | None, *, protected: bool = False) -> str:
    """How every renderer writes a count, so the words are true of the figure.

    Shown: the number. Hidden because it is 1–4: "fewer than 5". Hidden only to protect a
    small group (``protected``; it is 5 or more): "hidden", explained once per page by
    ``protected_note``. ``forum.core.numbers.count`` is the same with grouped digits.
    """
    if count is not None:
        return str(count)
    return _("hidden") if protected else _("fewer than 5")


def protected_note() -> str:
    """The one explanation of "hidden", written once per table or page where it occurs."""
    return _("Hidden so that a small group cannot be worked out.")


def hidden_is_safe(hidden: Sequence[int], *, min_size: int = MIN_GROUP_SIZE) -> bool:
    """Whether hidden cells under a shown total keep their values to themselves.

    The reader knows the hidden cells' sum (the total minus what is shown) and, from the
    words, that each is "fewer than 5" (1–4; 0 only in a wholly small line) or "hidden"
    (5 and up). Hidden cells adding up to under 5 are a small group together; otherwise
    no hidden cell may be pinned to one value by those bounds (one hidden cell is the sum;
    4 and 4 are both 4; 1 and a protecting 5 are 1 and 5).
    """
    if not hidden:
        return True
    mass = sum(hidden)
    if mass < min_size:
        return False
    lows = [min_size if is_protecting(v, min_size=min_size) else min(v, 1) for v in hidden]
    highs = [mass if is_protecting(v, min_size=min_size) else min_size - 1 for v in hidden]
    low_sum, high_sum = sum(lows), sum(highs)
    for low, high in zip(lows, highs, strict=True):
        most = min(high, mass - (low_sum - low))
        least = max(low, mass - (high_sum - high))
        if least >= most:
            return False
    return True


def suppress_table[K: Hashable](
    totals: Mapping[K, int],
    rows: Sequence[Mapping[K, int]],
    *,
    partition: bool,
    min_size: int = MIN_GROUP_SIZE,
) -> SuppressedTable[K]:
    """Suppress a table so no small cell can be recomputed from a row or a column.

    ``totals`` are the column totals (e.g. respondents per group); ``rows`` the detail
    rows. Every row's total is the sum of its cells. If the rows ``partition`` each column
    (every respondent is in exactly one row, as with a single choice or a scale), the
    columns and the column of row totals are protected too.
    """
    keys = list(totals)
    values = [[row.get(k, 0) for k in keys] for row in [totals, *rows]]
    sums = [sum(line) for line in values]
    n_rows, n_cols = len(values), len(keys)
    hidden: set[tuple[int, int]] = set()
    hidden_total: set[int] = set()
    for i, line in enumerate(values):
        if 0 < sums[i] < min_size:
            # The whole row is a small group: show nothing but the fact that it is small.
            hidden_total.add(i)
            hidden.update((i, j) for j in range(n_cols))
        else:
            hidden.update((i, j) for j, count in enumerate(line) if 0 < count < min_size)

    def hide_smallest(cells: list[tuple[int, int]]) -> bool:
        candidates = sorted(
            (values[i][j], i, j) for i, j in cells if (i, j) not in hidden and values[i][j] > 0
        )
        if not candidates:
            return False
        hidden.add(candidates[0][1:])
        return True

    def unsafe(cells: list[tuple[int, int]]) -> bool:
        return not hidden_is_safe(
            [values[i][j] for i, j in cells if (i, j) in hidden], min_size=min_size
        )

    changed = True
    while changed:  # every pass hides at least one more figure, so this ends
        changed = False
        for i in range(n_rows):
            cells = [(i, j) for j in range(n_cols)]
            if i in hidden_total:
                # A hidden row total is the sum of its cells unless one of them is hidden.
                if sums[i] and not any(c in hidden for c in cells) and hide_smallest(cells):
                    changed = True
            elif unsafe(cells):
                if not hide_smallest(cells):
                    hidden_total.add(i)
                changed = True
        if not partition:
            continue
        for j in range(n_cols):
            cells = [(i, j) for i in range(1, n_rows)]
            if (0, j) in hidden:
                # A hidden column total is the sum of its cells unless one of them is hidden.
                if not any(c in hidden for c in cells) and hide_smallest(cells):
                    changed = True
                continue
            if unsafe(cells):
                if not hide_smallest(cells):
                    hidden.add((0, j))  # nothing left to hide: hide the column total
                changed = True
        # The detail rows' totals add up to the grand total: protect them as a column.
        if 0 not in hidden_total and not hidden_is_safe(
            [sums[i] for i in range(1, n_rows) if i in hidden_total], min_size=min_size
        ):
            candidates = sorted(
                (sums[i], i) for i in range(1, n_rows) if i not in hidden_total and sums[i] > 0
            )
            hidden_total.add(candidates[0][1] if candidates else 0)
            changed = True

    def out(i: int) -> SuppressedCounts[K]:
        return SuppressedCounts(
            cells={k: (None if (i, j) in hidden else values[i][j]) for j, k in enumerate(keys)},
            total=None if i in hidden_total else sums[i],
            protected=frozenset(
                k
                for j, k in enumerate(keys)
                if (i, j) in hidden and is_protecting(values[i][j], min_size=min_size)
            ),
            total_protected=i in hidden_total and is_protecting(sums[i], min_size=min_size),
        )

    return SuppressedTable(totals=out(0), rows=[out(i) for i in range(1, n_rows)])


def suppress_small_cells[K: Hashable](
    counts: Mapping[K, int], *, min_size: int = MIN_GROUP_SIZE
) -> SuppressedCounts[K]:
    """One line of counts whose total (their sum) is shown: e.g. participants per group."""
    return suppress_table(counts, [], partition=False, min_size=min_size).totals


def suppress_choices[K: Hashable](
    counts: Mapping[K, int],
    *,
    respondents: int,
    partition: bool,
    min_size: int = MIN_GROUP_SIZE,
) -> SuppressedCounts[K]:
    """One question's answers: people per option (or scale value) among ``respondents``.

    ``partition``: each respondent is in exactly one cell (single choice, yes/no, scale,
    ranking by first place), so the cells and the respondents form one protected line;
    respondents in no cell (an empty ranking) count as a hidden cell of their own. Otherwise
    (multiple choice, budget) the cells overlap and add up to no shown figure, so each cell
    only needs to be 0 or 5 and up. Fewer than 5 respondents: nothing but that.
    """
    if 0 < respondents < min_size:
        return SuppressedCounts(cells={k: None for k in counts}, total=None)
    if not partition:
        cells = {k: shown_count(v, min_size=min_size) for k, v in counts.items()}
        return SuppressedCounts(cells=cells, total=respondents)
    keys = list(counts)
    line = {i: counts[k] for i, k in enumerate(keys)}
    line[len(keys)] = max(respondents - sum(counts.values()), 0)  # answered, chose nothing
    shown = suppress_small_cells(line, min_size=min_size)
    return SuppressedCounts(
        cells={k: shown.cells[i] for i, k in enumerate(keys)},
        total=shown.total,
        protected=frozenset(k for i, k in enumerate(keys) if i in shown.protected),
        total_protected=shown.total_protected,
    )
