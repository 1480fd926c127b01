"""The live session summary as PDF: read back as text, the headings, question texts and
numbers are there (also inside the SVG charts), in Swedish by default and in English."""

import io
import uuid

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from forum.core.charts import ChartRow, bar_chart
from forum.core.documents import document_language
from forum.live.services import live_answer_submit
from forum.live.summary import ActivitySummary, SummaryBar, live_session_summary
from forum.live.summary_pdf import (
    activity_context,
    chart_rows,
    duration_text,
    live_summary_pdf,
)
from tests.factories import ParticipantFactory, live_session_with_activities
from tests.support.live_summary import LONG_QUESTION, live_session_with_every_kind
from tests.support.pdf import assert_reads, needs_poppler, pdf_fonts, pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def _pdf_text(content: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


@pytest.fixture(scope="module")
def full_pdfs(django_db_setup, django_db_blocker):
    """One session rendered in both languages (a render takes a moment): rolled back after."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        full = live_session_with_every_kind()
        summary = live_session_summary(session=full.session)
        pdfs = {}
        for lang in ("sv", "en"):
            with translation.override(lang):
                pdfs[lang] = live_summary_pdf(summary)
        transaction.set_rollback(True)
    return full.session.join_code, pdfs


def test_swedish_pdf_has_the_facts_headings_questions_and_numbers(full_pdfs) -> None:
    code, pdfs = full_pdfs

    assert pdfs["sv"].startswith(b"%PDF")
    text, pages = _pdf_text(pdfs["sv"])
    for expected in (
        "Sammanfattning av liveträff",
        "Fredagsmöte på gården",
        "Tensta ungdomsråd",
        f"Kod {code}",
        "Längd 1 tim 15 min",
        "Mobiler som deltog 12",
        "Aktiviteter",
        # the question texts, with the figures printed beside the bars
        "Vilken dag?",
        "Fredag",
        "7 (58,3 %)",
        "5 (41,7 %)",
        "Gaming",
        "12 (100 %)",
        "Medelvärde: 3,58",
        "19 poäng",
        "rankad som nummer ett: 7",
        "500 poäng · 5 personer",
        "✓ får pengar",
        "Beskriv gården med ett ord",
        "färre än 5",  # "mys": 3 answers
        "Lyssna på oss",
        "Fråga politikerna",
        "6 vill också veta",
        "✓ besvarad",
        "Fler lampor vid entrén",
        "7 har stöttat",
        "1 text väntar på granskning eller är dold och visas inte.",
        f"Sida 1 / {pages}",
        f"Sida {pages} / {pages}",
        f"Röstrum · Fredagsmöte på gården · {code}",
    ):
        assert expected in text, expected
    # The long Q&A question is there in full, over two lines.
    assert " ".join(LONG_QUESTION.split()[:8]) in text
    assert LONG_QUESTION.split()[-1] in text


def test_pdf_never_shows_held_text_or_ideas_from_outside_the_session(full_pdfs) -> None:
    _code, pdfs = full_pdfs

    text, _pages = _pdf_text(pdfs["sv"])

    assert "070" not in text
    assert "förra månaden" not in text


def test_english_pdf(full_pdfs) -> None:
    code, pdfs = full_pdfs

    text, pages = _pdf_text(pdfs["en"])

    for expected in (
        "Live session summary",
        "Phones that took part 12",
        f"Join code {code}",
        "Duration 1 h 15 min",
        "7 (58.3 %)",
        "Mean: 3.58",
        "19 points",
        "6 upvotes",
        "7 supporters",
        "✓ answered",
        f"Page 1 / {pages}",
    ):
        assert expected in text, expected


def test_small_groups_read_fewer_than_5() -> None:
    session, _worker = live_session_with_activities()
    first = session.activities.select_related("question").first()
    assert first is not None
    assert first.question is not None
    for option in first.question.options.all()[:1]:
        for _n in range(3):
            live_answer_submit(
                session=session,
                participant=ParticipantFactory(),
                question_id=first.question.pk,
                option_id=option.pk,
                idempotency_key=uuid.uuid4(),
            )

    with translation.override("sv"):
        text, _pages = _pdf_text(live_summary_pdf(live_session_summary(session=session)))

    assert "Färre än 5 svar: resultaten visas inte" in text
    assert "färre än 5" in text
    assert "3 (100 %)" not in text
    assert "pågår fortfarande" in text  # the session has not ended


def test_chart_prints_every_figure_and_escapes_labels() -> None:
    chart = bar_chart(
        [ChartRow("<i>Fredag</i>", 60.0, "6 (60 %)"), ChartRow("Lördag", None, "färre än 5")],
        title='Vilken "dag"?',
    )

    assert "&lt;i&gt;Fredag&lt;/i&gt;" in chart
    assert "<i>" not in chart
    assert "6 (60 %)" in chart
    assert "färre än 5" in chart
    assert 'aria-label="Vilken &quot;dag&quot;?"' in chart
    # one track per row, and a bar only where there is a figure to draw
    assert chart.count('class="track"') == 2
    assert chart.count('class="bar"') == 1


def test_duration_reads_in_hours_and_minutes() -> None:
    import datetime as dt

    with translation.override("en"):
        assert duration_text(dt.timedelta(minutes=75)) == "1 h 15 min"
        assert duration_text(dt.timedelta(minutes=9, seconds=40)) == "10 min"


def test_a_count_hidden_to_protect_reads_hidden_not_fewer_than_5() -> None:
    # 46 for Fredag hidden so the 2 for Lördag cannot be worked out: "dold", never "färre än 5".
    activity = ActivitySummary(
        step=1,
        kind="poll_question",
        title="Vilken dag?",
        answers=48,
        participants=48,
        bars=[
            SummaryBar("Fredag", None, hidden_to_protect=True),
            SummaryBar("Lördag", None),
        ],
    )
    with translation.override("sv"):
        rows = chart_rows(activity)
        extra = activity_context(activity)["extra"]
    assert [(r.label, r.text) for r in rows] == [("Fredag", "dold"), ("Lördag", "färre än 5")]
    assert isinstance(extra, list)
    assert any("Dold för att en liten grupp inte ska gå att räkna ut." in e for e in extra)


# The page's fixed words, which the catalogs translate (the test asks each catalog).
SUMMARY_WORDS = ("Live session summary", "Phones that took part", "Date", "Duration")
SCRIPT_FONT = {"ar": "Noto-Sans-Arabic", "fa": "Noto-Sans-Arabic", "ti": "Noto-Sans-Ethiopic"}


@pytest.fixture(scope="module")
def small_summary(django_db_setup, django_db_blocker):
    """A small running session (two poll questions, Q&A, a slide): rolled back after."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        session, _worker = live_session_with_activities()
        summary = live_session_summary(session=session)
        transaction.set_rollback(True)
    return summary


@needs_poppler
@pytest.mark.parametrize("language", ["sv", "ar", "fa", "ti"])
def test_summary_reads_back_in_arabic_persian_tigrinya_and_swedish(
    small_summary, language: str
) -> None:
    with translation.override(language):
        pdf = live_summary_pdf(small_summary)
        words = [gettext(w) for w in SUMMARY_WORDS]

    text = pdf_text(pdf)
    for english, word in zip(SUMMARY_WORDS, words, strict=True):
        assert word != english  # translated, not the English fallback
        assert_reads(text, word)
    assert small_summary.join_code in text  # not reversed on a right-to-left page
    assert "Vilken dag" in text  # a Swedish question in any page language
    fonts = pdf_fonts(pdf)
    assert all(fonts.values())  # every font embedded
    if language in SCRIPT_FONT:
        assert SCRIPT_FONT[language] in fonts


def test_summary_page_has_the_language_its_direction_and_its_footer_at_the_start(
    small_summary,
) -> None:
    with translation.override("ar"):
        html = render_to_string(
            "live/summary_pdf.html",
            {"summary": small_summary, "activities": [], **document_language().context()},
        )

    assert '<html lang="ar" dir="rtl">' in html
    assert "@bottom-right { content: element(footer); }" in html
    assert '"Noto Sans Arabic", "DejaVu Sans"' in html
