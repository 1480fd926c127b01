"""Council routing over HTTP: import, planning items, meetings, briefs, decisions, feedback."""

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader
from rest_framework.test import APIClient

from forum.core.roles import Role
from forum.council.models import PlanningItem
from tests.api.assertions import assert_error, db_state
from tests.factories import (
    AgendaItemFactory,
    LiveSessionFactory,
    PlanningItemFactory,
    PollFactory,
    PollLinkFactory,
    UserFactory,
    answer_poll,
    poll_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client_for, official):
    return client_for(official)


def upload(client, text: str, *, confirm: bool):
    file = SimpleUploadedFile("items.csv", text.encode(), content_type="text/csv")
    return client.post(
        "/api/council/planning-items/import", {"file": file, "confirm": confirm}, format="multipart"
    )


def test_import_preview_then_confirm(office) -> None:
    text = "titel;diarienummer;område\nFritid;1.2.4-10-2025;mandat\nParker;1.2.4-11-2025;övrigt\n"

    preview = upload(office, text, confirm=False)
    assert preview.status_code == 200
    assert preview.json()["ok"] is True
    assert not PlanningItem.objects.exists()

    saved = upload(office, text, confirm=True)
    assert saved.status_code == 201
    assert PlanningItem.objects.count() == 2


def test_import_with_an_error_line_saves_nothing(office) -> None:
    text = "titel;diarienummer;område\nFritid;1.2.4-10-2025;mandat\nTrasig;12;mandat\n"

    preview = upload(office, text, confirm=False).json()
    assert [(r["line"], sorted(r["errors"])) for r in preview["rows"]] == [
        (2, []),
        (3, ["reference"]),
    ]
    before = db_state()
    body = assert_error(upload(office, text, confirm=True), 400, "import_has_errors")
    assert "line 3.reference" in body["fields"]
    assert db_state() == before


def test_create_with_a_bad_reference_is_a_field_error(office) -> None:
    response = office.post(
        "/api/council/planning-items",
        {"title": "X", "reference": "1.2.4/182/2025", "area": "mandate"},
        format="json",
    )

    assert "reference" in assert_error(response, 400, "invalid")["fields"]


def _vote(phone: APIClient, session) -> None:
    assert phone.post("/api/join", {"code": session.join_code}, format="json").status_code == 200
    question = poll_of(session).questions.get()
    response = phone.post(
        f"/api/questions/{question.pk}/responses",
        {"option_id": question.options.all()[0].pk, "idempotency_key": str(uuid.uuid4())},
        format="json",
    )
    assert response.status_code == 200


def test_meeting_flow_brief_files_and_feedback_reach_the_phones(office) -> None:
    session = LiveSessionFactory()
    item = PlanningItemFactory(reference="1.2.4-182-2025")
    link = PollLinkFactory(planning_item=item, poll=poll_of(session))
    phones = [APIClient() for _ in range(5)]
    for phone in phones:
        _vote(phone, session)
    bystander = APIClient()
    _vote(bystander, LiveSessionFactory())

    meeting = office.post(
        "/api/council/meetings",
        {"title": "Nämnden i juni", "starts_at": "2026-06-10T18:00:00+02:00"},
        format="json",
    ).json()
    agenda = office.put(
        f"/api/council/meetings/{meeting['id']}/agenda",
        {"planning_item_ids": [item.pk]},
        format="json",
    ).json()["agenda"]
    assert (
        office.post(
            f"/api/council/meetings/{meeting['id']}/brief/publish", {}, format="json"
        ).status_code
        == 201
    )

    brief = office.get(f"/api/council/meetings/{meeting['id']}/brief?version=1").json()
    assert brief["items"][0]["participants"] == 5
    pdf = office.get(f"/api/council/meetings/{meeting['id']}/brief.pdf?version=1")
    assert pdf["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Ungas röster inför nämnden" in text
    assert "1.2.4-182-2025" in text
    xlsx = office.get(f"/api/council/meetings/{meeting['id']}/brief.xlsx")
    assert xlsx.content[:2] == b"PK"
    assert_error(office.get(f"/api/council/meetings/{meeting['id']}/brief.doc"), 404, "not_found")

    assert (
        office.post(
            f"/api/council/meetings/{meeting['id']}/transition", {"to": "held"}, format="json"
        ).status_code
        == 200
    )
    response = office.put(
        f"/api/council/agenda-items/{agenda[0]['id']}/decision",
        {
            "text": "Nämnden beslutar att öppna på lördagar.",
            "outcome": "approved",
            "feedback_text": "Ni ville ha lördagar – det blir så från mars.",
            "publish_feedback": True,
            "usages": [{"link_id": link.pk, "usage": "taken", "reason": "Lördagar vann."}],
        },
        format="json",
    )
    assert response.status_code == 200, response.content

    for phone in phones:
        [entry] = phone.get("/api/feedback").json()
        assert entry["text"] == "Ni ville ha lördagar – det blir så från mars."
        assert entry["decision"]["outcome"] == "approved"
        assert (entry["usage"], entry["reason"]) == ("taken", "Lördagar vann.")
        assert entry["decided_at"] == entry["decision"]["decided_at"]
        assert entry["planning_item"]["reference"] == "1.2.4-182-2025"
    assert bystander.get("/api/feedback").json() == []
    assert APIClient().get("/api/feedback").json() == []


def test_council_member_reads_the_published_brief_and_followup_only(client_for, official) -> None:
    member = client_for(UserFactory(roles=[Role.COUNCIL_MEMBER]))
    office = client_for(official)
    meeting = office.post(
        "/api/council/meetings",
        {"title": "Möte", "starts_at": "2026-06-10T18:00:00Z"},
        format="json",
    ).json()

    assert_error(member.get(f"/api/council/meetings/{meeting['id']}/brief"), 404, "not_found")
    office.post(f"/api/council/meetings/{meeting['id']}/brief/publish", {}, format="json")
    assert member.get(f"/api/council/meetings/{meeting['id']}/brief").json()["version"] == 1
    assert member.get("/api/council/followup?start=2026-01-01&end=2026-12-31").status_code == 200
    assert_error(
        member.get("/api/council/followup?start=2026-12-31&end=2026-01-01"), 400, "invalid"
    )
    assert_error(member.get("/api/council/planning-items"), 403, "permission_denied")


def test_import_of_a_too_large_file_is_refused_without_saving(office, settings) -> None:
    from forum.council import imports

    big = "titel;diarienummer;område\n" + "x;1.2.4-1-2025;mandat\n" * (imports.MAX_BYTES // 20)

    preview = upload(office, big, confirm=False).json()

    assert preview["ok"] is False
    assert preview["file_errors"]
    assert not PlanningItem.objects.exists()


def test_after_publishing_every_download_is_the_published_version(office, official) -> None:
    """'Ladda ner PDF' after publishing hands out version 1 with its number and date; the
    draft is there only when asked for by name ("utkast"), and is marked as one."""
    import csv

    from forum.council.services import meeting_brief_publish

    agenda = AgendaItemFactory()
    poll = PollFactory(questions=[("Vad tycker du?", ["Ja", "Nej"])])
    PollLinkFactory(planning_item=agenda.planning_item, poll=poll, note="")
    for _ in range(5):
        answer_poll(poll)
    url = f"/api/council/meetings/{agenda.meeting.pk}/brief"

    draft_before = PdfReader(io.BytesIO(office.get(f"{url}.pdf").content)).pages[0].extract_text()
    meeting_brief_publish(meeting=agenda.meeting, changelog="", actor=official)
    for _ in range(5):
        answer_poll(poll, option_index=1)  # after publishing: only the draft changes

    pdf = office.get(f"{url}.pdf")
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    rows = list(
        csv.reader(io.StringIO(office.get(f"{url}.csv").content.decode("utf-8-sig")), delimiter=";")
    )
    draft = office.get(f"{url}.pdf?version=utkast")
    draft_text = PdfReader(io.BytesIO(draft.content)).pages[0].extract_text()

    assert "UTKAST" in draft_before
    assert "-v1" in pdf["Content-Disposition"]
    assert "Version 1, publicerad" in text
    assert "UTKAST" not in text
    assert rows[1][:4] == ["", "", "Version", "1"]
    assert [r[5] for r in rows if r[4] == "Nej"] == ["0"]  # the frozen figures
    assert "-utkast" in draft["Content-Disposition"]
    assert "UTKAST" in draft_text
    assert office.get(f"{url}?version=utkast").json()["version"] is None


def test_a_council_member_cannot_ask_for_the_draft(client_for, official) -> None:
    from forum.council.services import meeting_brief_publish

    agenda = AgendaItemFactory()
    meeting_brief_publish(meeting=agenda.meeting, changelog="", actor=official)
    member = client_for(UserFactory(roles=[Role.COUNCIL_MEMBER]))

    response = member.get(f"/api/council/meetings/{agenda.meeting.pk}/brief.pdf?version=utkast")

    assert_error(response, 403, "permission_denied")
