"""Staff documents: voting-code slips (PDF). Result exports are forum.core.tabular tables."""

from collections.abc import Sequence
from html import escape

import segno
from django.utils.translation import gettext as _

from api.request_language import active_language
from forum.core.languages import is_rtl


def voting_slips_pdf(*, codes: Sequence[str], poll_title: str, poll_url: str) -> bytes:
    """An A4 sheet of cut-out slips: poll title, the code in large type and a QR code."""
    from weasyprint import HTML

    html = voting_slips_html(codes=codes, poll_title=poll_title, poll_url=poll_url)
    return bytes(HTML(string=html).write_pdf())


def voting_slips_html(*, codes: Sequence[str], poll_title: str, poll_url: str) -> str:
    slips = []
    for code in codes:
        qr = segno.make(f"{poll_url}?code={code}", error="m").svg_inline(scale=3, border=1)
        slips.append(
            f'<div class="slip"><div class="qr">{qr}</div><div class="text">'
            f"<p class='title'>{escape(poll_title)}</p>"
            f"<p class='how'>{escape(_('Scan the code or open the link and type your code:'))}</p>"
            f"<p class='url'>{escape(poll_url)}</p>"
            f"<p class='code'>{escape(code)}</p>"
            f"<p class='once'>{escape(_('The code works once. Keep it to yourself.'))}</p>"
            "</div></div>"
        )
    lang = active_language()
    direction = "rtl" if is_rtl(lang) else "ltr"
    return f"""<!doctype html><html lang="{lang}" dir="{direction}">
    <head><meta charset="utf-8"><style>
    @page {{ size: A4; margin: 10mm; }}
    body {{ font-family: 'DejaVu Sans', sans-serif; margin: 0; }}
    .slip {{ display: flex; gap: 4mm; align-items: center; block-size: 50mm;
             border: 1px dashed #555; padding: 3mm; box-sizing: border-box;
             break-inside: avoid; inline-size: 50%; float: inline-start; }}
    .qr svg {{ inline-size: 32mm; block-size: 32mm; }}
    .text p {{ margin: 0 0 1.5mm; font-size: 8pt; }}
    .title {{ font-weight: bold; font-size: 9pt; }}
    .code {{ font-family: 'DejaVu Sans Mono', monospace; font-size: 15pt !important;
             letter-spacing: 1pt; font-weight: bold; }}
    .url {{ word-break: break-all; }}
    </style></head><body>{"".join(slips)}</body></html>"""
