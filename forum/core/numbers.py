"""Numbers in sentences and on paper, in the active language: 33,3 % and 1 234 in Swedish.

Every renderer of the brief and the follow-up (web API text, PDF) writes numbers through
these; CSV/XLSX keep numbers as numbers.
"""

from django.utils import formats

from forum.core.suppression import count_text


def number(value: int | float, *, decimals: int | None = None) -> str:
    """``value`` in the active language's format, thousands grouped (1 234; 43,1)."""
    return str(formats.number_format(value, decimals, use_l10n=True, force_grouping=True))


def percent(value: float | None, *, decimals: int = 1) -> str:
    """A percentage: "33,3 %" ("" when it is not shown). Whole numbers lose the decimal."""
    if value is None:
        return ""
    rounded = round(value, decimals)
    if rounded == int(rounded):
        return f"{number(int(rounded))} %"
    return f"{number(rounded, decimals=decimals)} %"


def count(value: int | None, *, protected: bool = False) -> str:
    """A head count as written: grouped digits, or why it is hidden (``count_text``)."""
    return count_text(None, protected=protected) if value is None else number(value)
