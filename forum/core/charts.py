"""The one chart renderer: typed rows in, an SVG bar chart out. Every PDF draws its charts
here (the live session summary, the council's brief); the web draws the same rows
(frontend/src/components/ResultBars.svelte, docs/architecture.md "Charts").

A chart is accessible on its own: ``role="img"`` with the title as its name (``aria-label``
and ``<title>``), and every figure printed as text beside its bar, so it reads in black
and white, to a screen reader and when the PDF is read back as text. A hidden figure has
no bar and says why in the one suppression rule's words (``hidden_row``: "fewer than 5",
or "hidden" when it protects a small group; forum/core/suppression.py).
"""

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from forum.core.suppression import count_text


@dataclass(frozen=True)
class ChartRow:
    """One bar: ``value`` is its length 0–100 (None: no bar, the figure is hidden or there
    is nothing to draw); ``text`` the figure printed beside it; ``note`` a line under the
    figure (e.g. "answered", "funded")."""

    label: str
    value: float | None
    text: str
    note: str = ""
    hidden_to_protect: bool = False  # the page then explains "hidden" once


def hidden_row(label: str, *, protected: bool = False, note: str = "") -> ChartRow:
    """A row whose figure the suppression rule hides: no bar, and the rule's words."""
    return ChartRow(label, None, count_text(None, protected=protected), note, protected)


def share(value: float, top: float) -> float:
    """``value`` as a bar length relative to the largest (0 when nothing is drawn)."""
    return 100 * value / top if top else 0.0


# viewBox units: 680 wide, drawn 170 mm wide (1 unit = 0.25 mm); 13 units ≈ 9 pt text.
WIDTH = 680
FONT = 13
LINE = 16
TRACK_X_SIDE = 236  # label column on the left, bars from here
TRACK_W = 250
# Label characters per line (DejaVu Sans at 13 units averages ~6 units a character).
SIDE_CHARS = 32  # beside a bar, with air before the track
STACKED_CHARS = 100  # above a bar, full width
SIDE_LINES = 2
TRACK_FILL = "#e4e4e4"
BAR_FILL = "#1d4f91"  # 8.9:1 on white, 6.6:1 on the track


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width=width, break_long_words=True) or [""]


def svg_bar_chart(rows: Sequence[ChartRow], *, title: str) -> SafeString:
    """Horizontal bars, one per row in the order given, with the label and the figure as
    SVG text.

    Short labels sit beside their bar; if any label needs more than two lines, every label
    goes above its bar, full width (Q&A questions, ideas).
    """
    stacked = any(len(_lines(r.label, SIDE_CHARS)) > SIDE_LINES for r in rows)
    # With notes under the figures, more air between rows keeps each note with its row.
    gap = 14 if any(r.note for r in rows) else 8
    track_x = 0 if stacked else TRACK_X_SIDE
    text_x = track_x + TRACK_W + 10
    parts: list[str] = []
    y = 0
    for row in rows:
        lines = _lines(row.label, STACKED_CHARS if stacked else SIDE_CHARS)
        label_h = LINE * len(lines)
        for i, line in enumerate(lines):
            parts.append(_text(0, y + FONT + i * LINE, line))
        if stacked:
            bar_y = y + label_h + 2
            row_h = label_h + 2 + LINE + (LINE if row.note else 0) + gap
        else:
            bar_y = y
            row_h = max(label_h, LINE * (2 if row.note else 1)) + gap
        parts.append(
            f'<rect x="{track_x}" y="{bar_y + 2}" width="{TRACK_W}" height="13" '
            f'fill="{TRACK_FILL}"/>'
        )
        if row.value:
            width = max(1.0, min(100.0, row.value)) * TRACK_W / 100
            parts.append(
                f'<rect x="{track_x}" y="{bar_y + 2}" width="{width:.1f}" height="13" '
                f'fill="{BAR_FILL}"/>'
            )
        parts.append(_text(text_x, bar_y + FONT, row.text, bold=True))
        if row.note:
            parts.append(_text(text_x, bar_y + FONT + LINE, row.note, size=FONT - 2))
        y += row_h
    height = max(y, LINE)
    return mark_safe(  # noqa: S308  # every text inside is escaped (title here, rows in _text)
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" width="170mm" '
        f'viewBox="0 0 {WIDTH} {height}" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>" + "".join(parts) + "</svg>"
    )


def _text(x: float, y: float, text: str, *, bold: bool = False, size: int = FONT) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x}" y="{y}" font-size="{size}" font-family="DejaVu Sans" '
        f'fill="#111"{weight}>{escape(text)}</text>'
    )
