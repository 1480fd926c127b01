"""Exports of a live session's results: CSV and XLSX, small counts suppressed."""

import csv
import io
import uuid

import pytest
from openpyxl import load_workbook

from forum.live.models import ActivityKind, QaQuestion, QaStatus
from forum.live.services import live_answer_submit, live_session_goto
from forum.live.summary import live_session_export
from tests.factories import ParticipantFactory, live_session_with_activities

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


@pytest.fixture
def session():
    session, worker = live_session_with_activities()
    first = session.activities.select_related("question").first()
    assert first is not None
    assert first.question is not None
    fredag, lordag = first.question.options.all()
    for n in range(7):  # 6 x Fredag, 1 x Lördag
        live_answer_submit(
            session=session,
            participant=ParticipantFactory(),
            question_id=first.question.pk,
            option_id=(lordag if n == 0 else fredag).pk,
            idempotency_key=uuid.uuid4(),
        )
    qa = session.activities.get(kind=ActivityKind.QA)
    live_session_goto(session=session, actor=worker, activity_id=qa.pk)
    for text, status in (("Öppet på söndagar?", QaStatus.PUBLISHED), ("070-1234567", "held")):
        QaQuestion.objects.create(
            activity=qa,
            participant=ParticipantFactory(),
            text=text,
            status=status,
            idempotency_key=uuid.uuid4(),
        )
    return session


def test_small_counts_are_suppressed_with_a_complementary_cell(session) -> None:
    rows = live_session_export(session=session)

    first = [r for r in rows if r.activity == "Vilken dag?"]
    # Lördag (1) is hidden; Fredag (6) too, or 7 - 6 would give Lördag away.
    assert [(r.item, r.count) for r in first] == [("Fredag", None), ("Lördag", None)]
    second = [r for r in rows if r.activity == "Vad?"]
    # Nobody answered the second question: 0 is shown, it reveals no one.
    assert {r.count for r in second} == {0}


def test_only_published_questions_are_exported(session) -> None:
    items = [r.item for r in live_session_export(session=session) if r.kind == "qa"]

    assert items == ["Öppet på söndagar?"]


def test_csv_export_for_an_official(session, client_for, official) -> None:
    response = client_for(official).get(f"/api/live/{session.join_code}/export.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows[0]) == 7
    assert any("Öppet på söndagar?" in row for row in rows)
    assert "070-1234567" not in body


def test_xlsx_export_opens_in_a_spreadsheet(session, client_for, youth_worker) -> None:
    response = client_for(youth_worker).get(
        f"/api/live/{session.join_code}/export.xlsx", HTTP_ACCEPT="text/csv"
    )

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(values[0]) == 7
    assert ["Öppet på söndagar?" in row for row in values].count(True) == 1


def test_formula_like_text_is_not_run_by_a_spreadsheet(session, client_for, youth_worker) -> None:
    qa = session.activities.get(kind=ActivityKind.QA)
    QaQuestion.objects.create(
        activity=qa,
        participant=ParticipantFactory(),
        text='=HYPERLINK("http://evil")',
        status=QaStatus.PUBLISHED,
        idempotency_key=uuid.uuid4(),
    )

    body = client_for(youth_worker).get(f"/api/live/{session.join_code}/export.csv")

    assert "'=HYPERLINK" in body.content.decode("utf-8-sig")


def test_unknown_session_is_not_found(client_for, youth_worker) -> None:
    response = client_for(youth_worker).get("/api/live/ZZZZZZ/export.csv")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
