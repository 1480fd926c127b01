"""The brief and the follow-up as files: A4 PDF (WeasyPrint), CSV and XLSX of the figures.

Rendering works from the same JSON-able data the web page shows, so a published brief's
files come from its frozen snapshot.
"""

from collections.abc import Iterable, Iterator, Sequence
from html import escape
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from forum.core import tabular
from forum.core.suppression import count_text

Row = Sequence[tabular.Cell]


def svg_bars(rows: Sequence[tuple[str, float | None, str]], *, title: str) -> SafeString:
    """A horizontal bar chart as inline SVG: (label, value 0–100 or None, shown text)."""
    height = 22 * len(rows) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="160mm" '
        f'viewBox="0 0 600 {height}" aria-label="{escape(title)}">'
    ]
    for i, (label, value, text) in enumerate(rows):
        y = 2 + i * 22
        width = max(0.0, min(100.0, value or 0.0)) * 3.2
        parts.append(
            f'<text x="0" y="{y + 15}" font-size="13" fill="#222">{escape(label[:38])}</text>'
            f'<rect x="250" y="{y + 3}" width="{width:.1f}" height="15" fill="#1d5fa6"/>'
            f'<text x="{256 + width:.1f}" y="{y + 15}" font-size="13" fill="#222">'
            f"{escape(text)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # every text inside is escaped above


_count_text = count_text  # the one way a hidden count is written: "fewer than 5"


def _percent(percent: float | None) -> str | float:
    return "" if percent is None else percent


def _demography_charts(tables: Sequence[dict[str, Any]], total: int | None) -> list[dict[str, Any]]:
    names = {"age_band": _("Age"), "gender": _("Gender"), "neighbourhood": _("Neighbourhood")}
    out = []
    for table in tables:
        rows = [
            (
                r["label"],
                (100 * r["count"] / total) if (r["count"] and total) else 0.0,
                _count_text(r["count"]),
            )
            for r in table["rows"]
        ]
        out.append(
            {
                "name": names[table["dimension"]],
                "table": table,
                "svg": svg_bars(rows, title=names[table["dimension"]]),
            }
        )
    return out


def _option_text(o: dict[str, Any]) -> str:
    if o["count"] is None or o["percent"] is None:
        return count_text(None)
    return f"{o['count']} ({o['percent']:g} %)"


def _with_chart(q: dict[str, Any]) -> dict[str, Any]:
    rows = [(o["label"], o["percent"], _option_text(o)) for o in q["options"]]
    # The PDF prints these: a hidden count is "fewer than 5", its percentage left out.
    options = [
        {
            **o,
            "count_text": count_text(o["count"]),
            "percent_text": "" if o["percent"] is None else f"{o['percent']:g} %",
        }
        for o in q["options"]
    ]
    return {**q, "options": options, "svg": svg_bars(rows, title=q["text"])}


def brief_pdf(brief: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    items = []
    for item in brief["items"]:
        polls = [
            {**poll, "questions": [_with_chart(q) for q in poll["questions"]]}
            for poll in item["polls"]
        ]
        activities = [
            {
                **a,
                "questions": [_with_chart(q) for q in a["questions"]],
                "top": [{**t, "count_text": count_text(t["count"])} for t in a["top"]],
            }
            for a in item.get("activities", [])
        ]
        items.append(
            {
                **item,
                "polls": polls,
                "activities": activities,
                "top_ideas": [
                    {**i, "supports_text": count_text(i["supports"])}
                    for i in item.get("top_ideas", [])
                ],
                "charts": _demography_charts(item["demographics"], item["participants"]),
                "analysis_paragraphs": [p for p in item["analysis"].split("\n\n") if p.strip()],
            }
        )
    html = render_to_string("council/brief_pdf.html", {"brief": brief, "items": items})
    return bytes(HTML(string=html).write_pdf())


def brief_rows(brief: dict[str, Any]) -> Iterator[Row]:
    yield [
        _("Agenda item"),
        _("Registry number"),
        _("Section"),
        _("Question or group"),
        _("Answer or category"),
        _("Count"),
        _("Percent"),
    ]
    for item in brief["items"]:
        ref, pos = item["planning_item"]["reference"], item["position"]
        yield [pos, ref, _("Participants"), "", "", _count_text(item["participants"]), ""]
        for table in item["demographics"]:
            for row in table["rows"]:
                yield [
                    pos,
                    ref,
                    _("Demographics"),
                    table["dimension"],
                    row["label"],
                    _count_text(row["count"]),
                    "",
                ]
        for poll in item["polls"]:
            for q in poll["questions"]:
                for o in q["options"]:
                    yield [
                        pos,
                        ref,
                        poll["poll"]["title"],
                        q["text"],
                        o["label"],
                        _count_text(o["count"]),
                        _percent(o["percent"]),
                    ]
        for activity in item.get("activities", []):
            section = f"{activity['session']['title']}: {activity['activity']['title']}"
            yield [
                pos,
                ref,
                section,
                _("Participants"),
                "",
                _count_text(activity["participants"]),
                "",
            ]
            for q in activity["questions"]:
                for o in q["options"]:
                    yield [
                        pos,
                        ref,
                        section,
                        q["text"],
                        o["label"],
                        _count_text(o["count"]),
                        _percent(o["percent"]),
                    ]
            for top in activity["top"]:
                yield [pos, ref, section, top["text"], _("Votes"), _count_text(top["count"]), ""]
        for idea in item.get("top_ideas", []):
            yield [
                pos,
                ref,
                _("Top ideas with support"),
                idea["title"],
                _("Supporters"),
                _count_text(idea["supports"]),
                "",
            ]
        for quote in item.get("quotes", []):
            yield [pos, ref, _("Quotes"), quote["text"], "", "", ""]


def followup_rows(report: dict[str, Any]) -> Iterator[Row]:
    yield [
        _("Section"),
        _("Group or area"),
        _("Figure"),
        _("Value"),
        _("Reference"),
        _("Representation"),
    ]
    for key, value in report["totals"].items():
        yield [_("Totals"), "", key, "" if value is None else value, "", ""]
    for table in report["demographics"]:
        for row in table["rows"]:
            yield [
                table["dimension"],
                row["label"],
                _("participants"),
                _count_text(row["count"]),
                "" if row["reference"] is None else row["reference"],
                row["representation"] or "",
            ]
    for area in report["areas"]:
        for key, value in area.items():
            if key not in ("code", "name"):
                yield [
                    _("Development area"),
                    area["name"],
                    key,
                    "" if value is None else value,
                    "",
                    "",
                ]


def to_csv(rows: Iterable[Row]) -> bytes:
    # Swedish Excel opens ;-separated files.
    return tabular.to_csv(tabular.table_of(rows), delimiter=";")


def to_xlsx(rows: Iterable[Row], *, title: str) -> bytes:
    return tabular.to_xlsx(tabular.table_of(rows, title=title))


def followup_pdf(report: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    participants = report["totals"]["participants"]
    charts = _demography_charts(report["demographics"], participants)
    html = render_to_string("council/followup_pdf.html", {"report": report, "charts": charts})
    return bytes(HTML(string=html).write_pdf())
