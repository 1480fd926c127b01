"""Staff documents: voting-code slips (PDF). Result exports are forum.core.tabular tables.

The slips are in the active language (the request's); codes and links stay left to right
on a right-to-left page.
"""

from collections.abc import Sequence
from html import escape

import segno
from django.utils.translation import gettext as _

from forum.core.documents import CODE_FONT, document_language, other_direction


def voting_slips_pdf(*, codes: Sequence[str], poll_title: str, poll_url: str) -> bytes:
    """An A4 sheet of cut-out slips: poll title, the code in large type and a QR code."""
    from weasyprint import HTML

    html = voting_slips_html(codes=codes, poll_title=poll_title, poll_url=poll_url)
    return bytes(HTML(string=html).write_pdf())


def voting_slips_html(*, codes: Sequence[str], poll_title: str, poll_url: str) -> str:
    how = escape(_("Scan the code or open the link and type your code:"))
    once = escape(_("The code works once. Keep it to yourself."))
    slips = []
    for code in codes:
        qr = segno.make(f"{poll_url}?code={code}", error="m").svg_inline(scale=3, border=1)
        slips.append(
            f'<div class="slip"><div class="qr">{qr}</div><div class="text">'
            f"<p class='title'{other_direction(poll_title)}>{escape(poll_title)}</p>"
            f"<p class='how'>{how}</p>"
            f"<p class='url'><bdi dir='ltr'>{escape(poll_url)}</bdi></p>"
            f"<p class='code'><bdi dir='ltr'>{escape(code)}</bdi></p>"
            f"<p class='once'>{once}</p>"
            "</div></div>"
        )
    doc = document_language()
    title = escape(_("Voting codes: %(poll)s") % {"poll": poll_title})
    return f"""<!doctype html><html lang="{doc.code}" dir="{doc.direction}"><head>
    <meta charset="utf-8"><title>{title}</title><style>
    @page {{ size: A4; margin: 10mm; }}
    body {{ font-family: {doc.font_family}; margin: 0; }}
    .slip {{ display: flex; gap: 4mm; align-items: center; block-size: 50mm;
             border: 1px dashed #555; padding: 3mm; box-sizing: border-box;
             break-inside: avoid; inline-size: 50%; float: inline-start; }}
    .qr svg {{ inline-size: 32mm; block-size: 32mm; }}
    .text p {{ margin: 0 0 1.5mm; font-size: 8pt; text-align: start; }}
    .title {{ font-weight: bold; font-size: 9pt; }}
    .code {{ font-family: {CODE_FONT}; font-size: 15pt !important;
             letter-spacing: 1pt; font-weight: bold; }}
    .url {{ word-break: break-all; }}
    </style></head><body>{"".join(slips)}</body></html>"""
