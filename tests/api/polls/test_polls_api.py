"""Poll builder, participant poll page and answers, about-you, reports and documents."""

import csv
import io
import uuid
from typing import Any

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from forum.core.roles import Role
from forum.core.suppression import count_text
from forum.participation.models import ParticipantProfile
from forum.polls.models import Poll, PollStatus, Response, TextStatus, VotingCode
from tests.api.assertions import assert_error, db_state
from tests.factories import ParticipantFactory, UserFactory, all_kinds_poll, question_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

BUILDER_BODY: dict[str, Any] = {
    "title": "Medborgarbudget 2027",
    "intro": "Ni bestämmer hur 100 000 kr ska användas.",
    "access_mode": "open",
    "results_visibility": "after_close",
    "opens_at": "2027-03-01T08:00:00",
    "closes_at": "2027-03-14T20:00:00",
    "questions": [
        {
            "text": "Vilken dag?",
            "kind": "single_choice",
            "options": [{"label": "Fre"}, {"label": "Lör"}],
        },
        {
            "text": "Vad vill du göra?",
            "kind": "multiple_choice",
            "options": [{"label": "A"}, {"label": "B"}, {"label": "C"}],
            "config": {"min_picks": 1, "max_picks": 2},
        },
        {"text": "Söndagsöppet?", "kind": "yes_no"},
        {"text": "Hur trygg?", "kind": "scale", "config": {"scale_min": 1, "scale_max": 10}},
        {"text": "Ordna", "kind": "ranking", "options": [{"label": "X"}, {"label": "Y"}]},
        {"text": "Vad saknas?", "kind": "open_text"},
        {
            "text": "Fördela",
            "kind": "budget",
            "options": [{"label": "Gym", "cost": 60000}, {"label": "Konsert", "cost": 50000}],
            "config": {"budget": 100000, "unit": "kr", "budget_mode": "approval"},
        },
    ],
}


def answer(client: APIClient, question_id: int, body: Any, key: str | None = None) -> Any:
    return client.post(
        f"/api/questions/{question_id}/answers",
        {"answer": body, "idempotency_key": key or str(uuid.uuid4())},
        format="json",
    )


def test_staff_build_a_poll_with_every_question_kind(client_for, forum) -> None:
    client = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))

    response = client.post(f"/api/forums/{forum.pk}/polls", BUILDER_BODY, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert [q["kind"] for q in body["questions"]] == [q["kind"] for q in BUILDER_BODY["questions"]]
    assert body["status"] == "draft"
    # Naive times are Stockholm time: 08:00 in March is 07:00 UTC.
    assert body["opens_at"].startswith("2027-03-01T08:00:00+01:00")
    assert len(body["questions"][2]["options"]) == 3  # yes / no / don't know
    assert body["questions"][6]["options"][0]["cost"] == 60000
    assert body["questions"][3]["config"]["scale_max"] == 10


def test_a_poll_built_without_choosing_shows_results_after_answering(client_for, forum) -> None:
    client = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))
    body = {k: v for k, v in BUILDER_BODY.items() if k != "results_visibility"}

    response = client.post(f"/api/forums/{forum.pk}/polls", body, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["results_visibility"] == "after_answer"
    assert Poll.objects.get(pk=response.json()["id"]).results_visibility == "after_answer"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            {"questions": [{"text": "Q", "kind": "ranking", "options": [{"label": "A"}]}]},
            "questions.0",
        ),
        ({"questions": [{"text": "Q", "kind": "telepathy"}]}, "questions.0.kind"),
        (
            {"questions": [{"text": "Q", "kind": "scale", "config": {"scale_max": 7}}]},
            "questions.0",
        ),
        (
            {
                "questions": [
                    {"text": "Q", "kind": "budget", "options": [{"label": "A"}, {"label": "B"}]}
                ]
            },
            "questions.0",
        ),
        ({"access_mode": "age_limited", "age_bands": []}, "age_bands"),
        ({"closes_at": "2027-02-01T08:00:00"}, "closes_at"),
    ],
)
def test_bad_builder_input_changes_nothing(client_for, forum, change, field) -> None:
    client = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))
    before = db_state()

    response = client.post(
        f"/api/forums/{forum.pk}/polls", {**BUILDER_BODY, **change}, format="json"
    )

    body = assert_error(response, 400, "invalid")
    assert any(key.startswith(field) for key in body["fields"]), body
    assert db_state() == before


def test_questions_are_locked_once_someone_answered(client_for) -> None:
    poll = all_kinds_poll()
    answer(APIClient(), question_of(poll, "scale").pk, {"value": 3})
    client = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))

    response = client.put(f"/api/staff/polls/{poll.pk}", BUILDER_BODY, format="json")

    assert_error(response, 409, "poll_not_editable")
    without_questions = {k: v for k, v in BUILDER_BODY.items() if k != "questions"}
    assert (
        client.put(f"/api/staff/polls/{poll.pk}", without_questions, format="json").status_code
        == 200
    )


def test_lifecycle_by_hand(client_for) -> None:
    poll = all_kinds_poll()
    client = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))
    assert client.post(f"/api/staff/polls/{poll.pk}/close").json()["status"] == "closed"
    assert_error(
        answer(APIClient(), question_of(poll, "scale").pk, {"value": 3}), 409, "poll_closed"
    )
    assert client.post(f"/api/staff/polls/{poll.pk}/archive").json()["status"] == "archived"
    assert_error(client.post(f"/api/staff/polls/{poll.pk}/open"), 409, "poll_closed")


def test_participants_cannot_see_drafts(client_for) -> None:
    poll = all_kinds_poll()
    poll.status = PollStatus.DRAFT
    poll.save()
    assert_error(APIClient().get(f"/api/polls/{poll.pk}"), 404, "not_found")
    assert_error(answer(APIClient(), question_of(poll, "scale").pk, {"value": 3}), 404, "not_found")


def test_a_phone_answers_every_kind_and_sees_its_answers() -> None:
    poll = all_kinds_poll()
    phone = APIClient()
    ids = {q.kind: list(q.options.values_list("id", flat=True)) for q in poll.questions.all()}
    answers = {
        "single_choice": {"option_id": ids["single_choice"][0]},
        "multiple_choice": {"option_ids": ids["multiple_choice"][:2]},
        "yes_no": {"option_id": ids["yes_no"][2]},
        "scale": {"value": 4},
        "ranking": {"order": ids["ranking"][::-1]},
        "open_text": {"text": "Mer musik på fredagar"},
        "budget": {"allocation": {str(ids["budget"][0]): 70, str(ids["budget"][2]): 30}},
    }
    for kind, body in answers.items():
        response = answer(phone, question_of(poll, kind).pk, body)
        assert response.status_code == 200, (kind, response.content)
        assert response.json()["counted"] is True

    page = phone.get(f"/api/polls/{poll.pk}").json()
    mine = {a["question_id"]: a["answer"] for a in page["my_answers"]}
    assert mine[question_of(poll, "scale").pk] == {"value": 4}
    assert len(mine) == 7
    assert page["results"]["participants"] is None  # 1: a poll page says "fewer than 5"
    assert page["status"] == "open"


def test_an_answer_retry_returns_the_first_result() -> None:
    poll = all_kinds_poll(allow_answer_change=False)
    phone = APIClient()
    question = question_of(poll, "scale")
    key = str(uuid.uuid4())
    first = answer(phone, question.pk, {"value": 2}, key)
    again = answer(phone, question.pk, {"value": 2}, key)
    assert first.json() == again.json()
    assert_error(answer(phone, question.pk, {"value": 5}), 409, "answer_locked")
    assert Response.objects.get().answer == {"value": 2}


def test_bad_answers_get_the_error_shape_and_change_nothing() -> None:
    poll = all_kinds_poll()
    before = db_state()
    ranking = question_of(poll, "ranking")
    a, b, _c = ranking.options.values_list("id", flat=True)
    assert_error(answer(APIClient(), ranking.pk, {"order": [a, b]}), 400, "invalid")
    assert_error(answer(APIClient(), question_of(poll, "scale").pk, "lots"), 400, "invalid")
    assert_error(
        answer(APIClient(), question_of(poll, "open_text").pk, {"text": "x" * 500}), 400, "invalid"
    )
    assert db_state() == before


def test_blocked_text_is_refused_and_held_text_waits_for_a_youth_worker(client_for) -> None:
    from forum.moderation.wordlists import DEFAULT_WORDS

    poll = all_kinds_poll()
    question = question_of(poll, "open_text")
    blocked = DEFAULT_WORDS[("sv", "block")][0]
    assert_error(answer(APIClient(), question.pk, {"text": f"{blocked}!"}), 400, "text_blocked")
    held = answer(APIClient(), question.pk, {"text": "mejla mig på kim@example.se om gympa"})
    assert held.json()["text_status"] == "held"

    worker = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))
    listed = worker.get(f"/api/staff/polls/{poll.pk}/held-answers").json()
    assert [h["text"] for h in listed] == ["mejla mig på kim@example.se om gympa"]
    official = client_for(UserFactory(roles=[Role.OFFICIAL]))
    assert_error(
        official.post(f"/api/staff/answers/{listed[0]['id']}/moderation", {"action": "hide"}),
        403,
        "permission_denied",
    )
    hidden = worker.post(
        f"/api/staff/answers/{listed[0]['id']}/moderation", {"action": "hide"}, format="json"
    )
    assert hidden.status_code == 200
    assert Response.objects.get().text_status == TextStatus.HIDDEN


def test_voting_codes_come_as_a_pdf_and_open_the_vote(client_for) -> None:
    poll = all_kinds_poll(access_mode="code")
    worker = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))

    pdf = worker.post(f"/api/staff/polls/{poll.pk}/voting-codes", {"count": 4}, format="json")

    assert pdf.status_code == 201
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert VotingCode.objects.filter(poll=poll).count() == 4

    # The raw codes exist only in the PDF: make a known one through the service instead.
    from forum.polls.services import voting_codes_generate

    [code] = voting_codes_generate(poll=poll, count=1, actor=UserFactory(roles=[Role.ADMIN]))
    phone = APIClient()
    scale = question_of(poll, "scale")
    assert_error(answer(phone, scale.pk, {"value": 3}), 403, "voting_code_required")
    before = db_state()
    assert_error(
        phone.post(f"/api/polls/{poll.pk}/voting-code", {"code": "NOPE-NOPE"}, format="json"),
        400,
        "voting_code_invalid",
    )
    assert db_state() == before  # no participant row left behind
    assert phone.post(
        f"/api/polls/{poll.pk}/voting-code", {"code": code}, format="json"
    ).json() == {"has_ballot": True}
    assert answer(phone, scale.pk, {"value": 3}).status_code == 200
    assert phone.get(f"/api/polls/{poll.pk}").json()["has_ballot"] is True


def test_about_you_is_optional_and_saved_per_forum() -> None:
    poll = all_kinds_poll()
    phone = APIClient()
    url = f"/api/forums/{poll.forum_id}/about-you"
    assert phone.get(url).json() == {
        "age_band": "",
        "gender": "",
        "neighbourhood": "",
        "asked": False,
        "skipped": False,
    }
    saved = phone.put(url, {"age_band": "13-15", "gender": "prefer_not"}, format="json")
    assert saved.status_code == 200
    assert phone.get(url).json() == {
        "age_band": "13-15",
        "gender": "prefer_not",
        "neighbourhood": "",
        "asked": True,
        "skipped": False,
    }
    assert_error(phone.put(url, {"gender": "robot"}, format="json"), 400, "invalid")
    assert ParticipantProfile.objects.get().gender == "prefer_not"
    # Voting never needs it.
    assert answer(APIClient(), question_of(poll, "scale").pk, {"value": 1}).status_code == 200


def test_results_are_hidden_until_the_mode_allows(client_for) -> None:
    poll = all_kinds_poll(results_visibility="after_close")
    phone = APIClient()
    answer(phone, question_of(poll, "scale").pk, {"value": 3})
    assert phone.get(f"/api/polls/{poll.pk}").json()["results"] is None
    worker = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))
    # One participant: "fewer than 5" (null) on staff and public pages alike.
    assert worker.get(f"/api/staff/polls/{poll.pk}").json()["results"]["participants"] is None
    worker.post(f"/api/staff/polls/{poll.pk}/close")
    assert phone.get(f"/api/polls/{poll.pk}").json()["results"]["participants"] is None


def _filled_poll(n: int) -> Poll:
    poll = all_kinds_poll()
    for i in range(n):
        phone = APIClient()
        phone.put(
            f"/api/forums/{poll.forum_id}/about-you",
            {"gender": "girl" if i < 3 else "boy"},
            format="json",
        )
        answer(phone, question_of(poll, "scale").pk, {"value": 1 + i % 5})
        answer(phone, question_of(poll, "open_text").pk, {"text": f'=HYPERLINK("x") musik {i}'})
    return poll


def test_breakdown_api_refuses_small_polls_and_suppresses_cells(client_for) -> None:
    official = client_for(UserFactory(roles=[Role.OFFICIAL]))
    small = _filled_poll(4)
    assert_error(
        official.get(f"/api/staff/polls/{small.pk}/breakdown?dimension=gender"),
        409,
        "group_too_small",
    )
    big = _filled_poll(9)
    body = official.get(f"/api/staff/polls/{big.pk}/breakdown?dimension=gender").json()
    scale = next(q for q in body["questions"] if q["kind"] == "scale")
    assert scale["respondents"]["cells"]["girl"] is None
    assert scale["respondents"]["cells"]["boy"] is None  # complementary: 9 - 3 = 6
    assert scale["respondents"]["total"] == 9
    assert_error(
        official.get(f"/api/staff/polls/{big.pk}/breakdown?dimension=shoe"), 400, "invalid"
    )


def test_exports_open_correctly(client_for) -> None:
    poll = _filled_poll(6)
    staff = client_for(UserFactory(roles=[Role.OFFICIAL]))

    xlsx = staff.get(f"/api/staff/polls/{poll.pk}/results.xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    # Swedish by default: the request's language.
    assert rows[0][:5] == ("Fråga nr", "Fråga", "Typ", "Alternativ eller värde", "Antal")
    scale_rows = [r for r in rows if r[2] == "Skala" and r[3] != "medelvärde"]
    # Values chosen by 1–4 are suppressed, and with them the scale's mean (a mean and a
    # total would pin the small groups down).
    assert {r[4] for r in scale_rows} == {count_text(None)}
    mean_rows = [r for r in rows if r[2] == "Skala" and r[3] == "medelvärde"]
    assert mean_rows
    assert all(r[10] in (None, "") for r in mean_rows)

    results_csv = staff.get(f"/api/staff/polls/{poll.pk}/results.csv")
    parsed = list(csv.reader(io.StringIO(results_csv.content.decode("utf-8-sig"))))
    assert parsed[0] == [str(c) for c in rows[0]]
    assert len(parsed) == len(rows)

    raw = staff.get(f"/api/staff/polls/{poll.pk}/raw.csv")
    raw_rows = list(csv.reader(io.StringIO(raw.content.decode("utf-8-sig"))))
    assert raw_rows[0] == ["Svarande", "Fråga nr", "Fråga", "Typ", "Svar"]
    assert len(raw_rows) == 1 + 6 * 2
    assert len({r[0] for r in raw_rows[1:]}) == 6
    text = raw.content.decode()
    for participant in ParticipantFactory._meta.model.objects.all():
        assert participant.token_hash not in text
    # Formulas typed by young people are neutralised.
    assert all(not r[4].startswith("=") for r in raw_rows[1:])


def test_live_sessions_and_the_council_brief_carry_every_kind(client_for) -> None:
    from tests.factories import AgendaItemFactory, LiveSessionFactory, PollLinkFactory

    poll = all_kinds_poll()
    answer(APIClient(), question_of(poll, "scale").pk, {"value": 4})
    answer(APIClient(), question_of(poll, "open_text").pk, {"text": "skatepark nu"})
    session = LiveSessionFactory(forum=poll.forum, current_poll=poll)

    live = APIClient().get(f"/api/live/{session.join_code}").json()
    kinds = {q["kind"]: q for q in live["results"]["questions"]}
    assert set(kinds) == {
        "single_choice",
        "multiple_choice",
        "yes_no",
        "scale",
        "ranking",
        "open_text",
        "budget",
    }
    assert kinds["scale"]["mean"] == 4.0
    assert kinds["open_text"]["words"] == [{"word": "skatepark", "count": 1}]
    assert live["poll"]["status"] == "open"

    link = PollLinkFactory(poll=poll)
    agenda = AgendaItemFactory(planning_item=link.planning_item)
    official = client_for(UserFactory(roles=[Role.OFFICIAL]))
    brief = official.get(f"/api/council/meetings/{agenda.meeting_id}/brief")
    assert brief.status_code == 200
    questions = brief.json()["items"][0]["polls"][0]["questions"]
    assert [q["kind"] for q in questions][3] == "scale"
    assert questions[3]["mean"] is None  # one answer left the room: fewer than 5


def test_questions_a_live_activity_shows_cannot_be_replaced(client_for) -> None:
    from forum.live.models import LiveActivity
    from tests.factories import live_session_with_activities

    session, worker = live_session_with_activities()
    activity = LiveActivity.objects.filter(session=session, question__isnull=False).first()
    assert activity is not None
    assert activity.question is not None
    poll = activity.question.poll
    before = db_state()

    response = client_for(worker).put(
        f"/api/staff/polls/{poll.pk}", BUILDER_BODY | {"title": poll.title}, format="json"
    )

    assert_error(response, 409, "in_use")
    assert db_state() == before


def test_a_protected_row_anywhere_is_in_use_not_a_server_error(rf) -> None:
    from django.db.models import ProtectedError, RestrictedError

    from api.errors import exception_handler

    for error in (ProtectedError("x", set()), RestrictedError("x", set())):
        response = exception_handler(error, {})
        assert response is not None
        assert (response.status_code, response.data["code"]) == (409, "in_use")
