"""Voting-code slips: in the request's language, in every script, read back as text."""

import pytest
from django.utils import translation

from api.polls.documents import voting_slips_html, voting_slips_pdf
from tests.support.pdf import assert_reads, needs_poppler, pdf_fonts, pdf_text


def test_every_slip_has_its_code_and_a_qr_code_that_opens_the_poll() -> None:
    codes = ["ABCDE-FGH23", "KLMNP-QRS45", "TUVWX-YZ234"]
    html = voting_slips_html(codes=codes, poll_title="Budget <2027>", poll_url="https://x.se/p/7")
    assert html.count('class="slip"') == 3
    assert all(code in html for code in codes)
    assert html.count("<svg") == 3
    assert "Budget &lt;2027&gt;" in html
    assert voting_slips_pdf(codes=codes, poll_title="B", poll_url="https://x.se/p/7").startswith(
        b"%PDF"
    )


SLIP_WORDS = {
    "sv": ("Skanna koden eller öppna länken och skriv din kod:", "Koden fungerar en gång."),
    "ar": ("امسح الرمز أو افتح الرابط واكتب رمزك:", "يعمل الرمز مرة واحدة فقط."),
    "fa": ("کد را اسکن کن یا لینک را باز کن و کدت را بنویس:", "این کد فقط یک بار کار می‌کند."),
    "ti": ("ነቲ ኮድ ስካን ግበሩ ወይ ነቲ ሊንክ ክፈቱ፣ ድሕሪኡ ኮድኩም ጽሓፉ፦", "እዚ ኮድ ሓንሳብ ጥራይ ይሰርሕ።"),
}
# The script's own font, embedded (pdffonts), where DejaVu Sans has no or weaker letters.
SCRIPT_FONT = {"ar": "Noto-Sans-Arabic", "fa": "Noto-Sans-Arabic", "ti": "Noto-Sans-Ethiopic"}
POLL_TITLES = {
    "sv": "Budget 2027",
    "ar": "ميزانية الشباب 2027",
    "fa": "بودجهٔ جوانان ۲۰۲۷",
    "ti": "በጀት መንእሰያት 2027",
}


@needs_poppler
@pytest.mark.parametrize("language", ["sv", "ar", "fa", "ti"])
def test_slips_read_back_in_the_language_with_the_code_intact(language: str) -> None:
    with translation.override(language):
        pdf = voting_slips_pdf(
            codes=["ABCDE-FGH23"], poll_title=POLL_TITLES[language], poll_url="https://x.se/p/7"
        )

    text = pdf_text(pdf)
    for words in (*SLIP_WORDS[language], POLL_TITLES[language]):
        assert_reads(text, words)
    # Left to right on a right-to-left page: not reversed, not split.
    assert "ABCDE-FGH23" in text
    assert "https://x.se/p/7" in text
    fonts = pdf_fonts(pdf)
    assert all(fonts.values())  # every font embedded
    if language in SCRIPT_FONT:
        assert SCRIPT_FONT[language] in fonts


@pytest.mark.parametrize(("language", "direction"), [("sv", "ltr"), ("ar", "rtl"), ("ti", "ltr")])
def test_slips_page_has_the_language_and_its_direction(language: str, direction: str) -> None:
    with translation.override(language):
        html = voting_slips_html(codes=["ABCDE-FGH23"], poll_title="B", poll_url="https://x.se")

    assert f'<html lang="{language}" dir="{direction}">' in html
    assert "<bdi dir='ltr'>ABCDE-FGH23</bdi>" in html
