"""The one chart renderer: typed rows in, an HTML bar chart out. Every PDF draws its charts
here (the live session summary, the council's brief); the web draws the same rows
(frontend/src/components/ResultBars.svelte, docs/architecture.md "Charts").

A chart is accessible on its own: a table named by the title (``aria-label``), every label
and figure printed as text beside its bar, so it reads in black and white, to a screen
reader and when the PDF is read back as text. It is HTML, not SVG, because WeasyPrint
draws SVG text one letter at a time: Arabic letters came out unjoined and in the wrong
order (docs/decisions/0043-documents-in-every-script.md). A hidden figure has
no bar and says why in the one suppression rule's words (``hidden_row``: "fewer than 5",
or "hidden" when it protects a small group; forum/core/suppression.py).
"""

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from forum.core.documents import opposite_direction
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


# Label characters per line beside a bar; a longer label goes above its bar, full width.
SIDE_CHARS = 32
SIDE_LINES = 2
TRACK_FILL = "#e4e4e4"
BAR_FILL = "#1d4f91"  # 8.9:1 on white, 6.6:1 on the track

# Inline styles: the chart looks the same in every template that includes it. Logical
# properties only, so a right-to-left page mirrors it (labels at the right, bars growing
# leftwards).
_TABLE = "inline-size: 100%; border-collapse: collapse; table-layout: fixed; margin: 0;"
_CELL = "border: none; padding-block: 0.5mm 1.5mm; padding-inline: 0 2.5mm; vertical-align: top;"
_LABEL = f"{_CELL} font-weight: normal; text-align: start; font-size: 9pt;"
_FIGURE = f"{_CELL} text-align: start; font-size: 9pt;"
_TRACK = f"background: {TRACK_FILL}; block-size: 3.3mm; margin-block-start: 0.4mm;"
_BAR = f"background: {BAR_FILL}; block-size: 3.3mm;"
_NOTE = "font-size: 8pt; font-weight: normal;"


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width=width, break_long_words=True) or [""]


def _bar(row: ChartRow) -> str:
    inner = ""
    if row.value:
        width = max(1.0, min(100.0, row.value))
        inner = f'<div class="bar" style="{_BAR} inline-size: {width:.1f}%"></div>'
    return f'<div class="track" style="{_TRACK}">{inner}</div>'


def _figure(row: ChartRow) -> str:
    note = f'<br><span class="note" style="{_NOTE}">{escape(row.note)}</span>' if row.note else ""
    return f'<td class="figure" style="{_FIGURE}"><b>{escape(row.text)}</b>{note}</td>'


def bar_chart(rows: Sequence[ChartRow], *, title: str) -> SafeString:
    """Horizontal bars, one per row in the order given, as an HTML table: the label, the
    bar and the figure are text and boxes the page lays out, so every script is shaped and
    joined (Arabic, Persian) and a right-to-left page mirrors the chart.

    Short labels sit beside their bar; if any label needs more than two lines, every label
    goes above its bar, full width (Q&A questions, ideas).
    """
    stacked = any(len(_lines(r.label, SIDE_CHARS)) > SIDE_LINES for r in rows)
    body: list[str] = []
    for row in rows:
        # A label running the other way than the page (a Swedish option on an Arabic
        # page) keeps its own direction and sits at the page's start edge.
        own = opposite_direction(row.label)
        label = escape(row.label)
        th = f' dir="{own}" style="{_LABEL} text-align: end;"' if own else f' style="{_LABEL}"'
        if stacked:
            body.append(
                f'<tr><th scope="row" colspan="2" class="label"{th}>{label}</th></tr>'
                f'<tr><td style="{_CELL}">{_bar(row)}</td>{_figure(row)}</tr>'
            )
        else:
            body.append(
                f'<tr><th scope="row" class="label"{th}>{label}</th>'
                f'<td style="{_CELL}">{_bar(row)}</td>{_figure(row)}</tr>'
            )
    widths = (60, 40) if stacked else (34, 37, 29)
    columns = "".join(f'<col style="inline-size: {w}%">' for w in widths)
    name = escape(title)
    return mark_safe(  # noqa: S308  # every text inside is escaped (title here, rows above)
        f'<figure class="chart" aria-label="{name}" style="margin: 1mm 0 3mm;">'
        f'<table class="chart{" stacked" if stacked else ""}" style="{_TABLE}">'
        f"<colgroup>{columns}</colgroup><tbody>{''.join(body)}</tbody></table></figure>"
    )
