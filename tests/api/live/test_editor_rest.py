"""REST for the session editor: inline activities of every kind, edit versions and their
409 edit_conflict, bad input codes, move, duplicate, import, templates."""

import uuid
from typing import Any

import pytest

from forum.core.roles import Role
from forum.live.models import LiveActivity, LiveSession
from forum.live.session_templates import SESSION_TEMPLATES
from tests.api.assertions import assert_error, db_state
from tests.factories import ForumFactory, UserFactory, all_kinds_poll

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


@pytest.fixture
def worker():
    return UserFactory(roles=[Role.YOUTH_WORKER], first_name="Omar", last_name="Ali")


@pytest.fixture
def staff(client_for, worker):
    return client_for(worker)


@pytest.fixture
def draft(staff) -> dict[str, Any]:
    forum = ForumFactory()
    response = staff.post(
        f"/api/forums/{forum.pk}/live-drafts", {"template": "blank"}, format="json"
    )
    assert response.status_code == 201, response.content
    return response.json()


def add(client, code: str, body: dict[str, Any]):
    return client.post(f"/api/live/{code}/editor/activities", body, format="json")


def test_blank_session_then_a_word_cloud_with_a_new_question(staff, draft):
    assert draft["state"] == "draft"
    assert draft["title"]
    assert draft["edit_version"] == 0
    response = add(
        staff,
        draft["code"],
        {"kind": "word_cloud", "question_text": "Ett ord om i dag?", "expected_version": 0},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["edit_version"] == 1
    assert [a["kind"] for a in body["activities"]] == ["word_cloud"]
    assert body["activities"][0]["question"]["text"] == "Ett ord om i dag?"


def test_every_question_kind_and_countdown_inline(staff, draft):
    version = 0
    kinds: list[tuple[str, dict[str, Any]]] = [
        ("single_choice", {"options": ["Fredag", "Lördag"]}),
        ("yes_no", {}),
        ("scale", {"config": {"scale_min": 1, "scale_max": 5}}),
        ("ranking", {"options": ["A", "B", "C"]}),
        ("multiple_choice", {"options": ["A", "B"]}),
        ("open_text", {}),
    ]
    for kind, extra in kinds:
        response = add(
            staff,
            draft["code"],
            {
                "kind": "poll_question",
                "question_kind": kind,
                "question_text": f"Fråga {kind}",
                "expected_version": version,
                **extra,
            },
        )
        assert response.status_code == 201, (kind, response.content)
        version = response.json()["edit_version"]
    response = add(
        staff,
        draft["code"],
        {"kind": "countdown", "title": "Prata", "seconds": 90, "expected_version": version},
    )
    assert response.status_code == 201
    assert response.json()["activities"][-1]["seconds"] == 90


BUDGET_QUESTION: dict[str, Any] = {
    "kind": "poll_question",
    "question_kind": "budget",
    "question_text": "Vad ska pengarna gå till?",
    "options": ["Skatepark", "Konsert"],
    "config": {"budget": 1000, "unit": "kr"},
    "costs": [600, 300],
}


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"kind": "poll_question", "question_text": " ", "options": ["A", "B"]}, "question_empty"),
        ({"kind": "open_wall", "question_text": ""}, "question_empty"),
        (
            {"kind": "poll_question", "question_text": "Vad?", "options": ["Ja", "JA"]},
            "options_duplicate",
        ),
        (
            {
                "kind": "poll_question",
                "question_text": "Vad?",
                "options": [f"Val {i}" for i in range(31)],
            },
            "options_too_many",
        ),
        ({"kind": "countdown", "seconds": 0}, "countdown_out_of_range"),
        ({"kind": "countdown", "seconds": 86_400}, "countdown_out_of_range"),
        ({**BUDGET_QUESTION, "config": {"budget": 0}}, "budget_invalid"),
        ({**BUDGET_QUESTION, "config": {}}, "budget_invalid"),
        ({**BUDGET_QUESTION, "costs": [10]}, "costs_invalid"),
    ],
)
def test_bad_input_gets_a_clear_code_and_changes_nothing(staff, draft, body, code):
    before = db_state()
    assert_error(add(staff, draft["code"], body), 400, code)
    assert db_state() == before


def test_a_stale_edit_is_409_with_what_changed(client_for, staff, draft, worker):
    other = client_for(UserFactory(roles=[Role.YOUTH_WORKER], first_name="Sara", last_name="L"))
    created = add(staff, draft["code"], {"kind": "qa", "title": "Frågor", "expected_version": 0})
    activity = created.json()["activities"][0]
    loaded = created.json()["edit_version"]
    url = f"/api/live/{draft['code']}/activities/{activity['id']}"
    ok = other.patch(url, {"title": "Saras", "expected_version": loaded}, format="json")
    assert ok.status_code == 200
    assert ok.json()["edit_version"] == loaded + 1

    stale = staff.patch(url, {"title": "Omars", "expected_version": loaded}, format="json")

    assert stale.status_code == 409
    body = stale.json()
    assert body["code"] == "edit_conflict"
    assert body["message"]
    assert body["conflict"]["edited_by"] == "Sara L"
    assert body["conflict"]["activity_id"] == activity["id"]
    assert body["conflict"]["activity"]["title"] == "Saras"
    assert body["conflict"]["current_version"] == loaded + 1
    assert LiveActivity.objects.get(pk=activity["id"]).title == "Saras"


def test_delete_and_move_and_duplicate_send_the_version(staff, draft):
    code = draft["code"]
    v = 0
    ids = []
    for title in ["Ett", "Två", "Tre"]:
        r = add(staff, code, {"kind": "info_slide", "title": title, "expected_version": v})
        v = r.json()["edit_version"]
        ids.append(r.json()["activities"][-1]["id"])
    moved = staff.post(
        f"/api/live/{code}/activities/{ids[2]}/move",
        {"to_index": 0, "expected_version": v},
        format="json",
    )
    assert moved.status_code == 200
    assert [a["title"] for a in moved.json()["activities"]] == ["Tre", "Ett", "Två"]
    v = moved.json()["edit_version"]
    key = str(uuid.uuid4())
    dup = staff.post(
        f"/api/live/{code}/activities/{ids[0]}/duplicate",
        {"expected_version": v, "idempotency_key": key},
        format="json",
    )
    assert dup.status_code == 201
    assert [a["title"] for a in dup.json()["activities"]] == ["Tre", "Ett", "Ett", "Två"]
    retry = staff.post(
        f"/api/live/{code}/activities/{ids[0]}/duplicate",
        {"expected_version": v, "idempotency_key": key},
        format="json",
    )
    assert len(retry.json()["activities"]) == 4
    stale = staff.delete(
        f"/api/live/{code}/activities/{ids[1]}", {"expected_version": v}, format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "edit_conflict"
    gone = staff.delete(
        f"/api/live/{code}/activities/{ids[1]}",
        {"expected_version": dup.json()["edit_version"]},
        format="json",
    )
    assert gone.status_code == 200
    assert len(gone.json()["activities"]) == 3


def test_moving_the_live_activity_is_409_activity_live(staff, draft):
    code = draft["code"]
    first = add(staff, code, {"kind": "qa"}).json()["activities"][0]["id"]
    add(staff, code, {"kind": "qa"})
    assert staff.post(f"/api/live/{code}/start").status_code == 200
    assert_error(
        staff.post(f"/api/live/{code}/activities/{first}/move", {"to_index": 1}, format="json"),
        409,
        "activity_live",
    )


def test_import_a_poll(staff, draft):
    session = LiveSession.objects.get(join_code=draft["code"])
    poll = all_kinds_poll(forum=session.forum)
    response = staff.post(
        f"/api/live/{draft['code']}/import-poll",
        {"poll_id": poll.pk, "expected_version": 0},
        format="json",
    )
    assert response.status_code == 201
    texts = [a["question"]["text"] for a in response.json()["activities"]]
    assert texts == list(poll.questions.values_list("text", flat=True))


def test_templates_are_listed_and_make_a_session_in_one_request(staff):
    listed = staff.get("/api/live-templates")
    assert listed.status_code == 200
    assert [t["key"] for t in listed.json()] == [t.key for t in SESSION_TEMPLATES]
    assert all(t["title"] and t["kinds"] for t in listed.json())
    forum = ForumFactory()
    key = str(uuid.uuid4())
    body = {"template": "participatory_budget", "idempotency_key": key}
    made = staff.post(f"/api/forums/{forum.pk}/live-drafts", body, format="json")
    again = staff.post(f"/api/forums/{forum.pk}/live-drafts", body, format="json")
    assert made.status_code == 201
    assert again.json()["code"] == made.json()["code"]
    assert len(made.json()["activities"]) == 5
    assert LiveSession.objects.count() == 1


def test_an_unknown_template_is_400(staff):
    forum = ForumFactory()
    assert_error(
        staff.post(f"/api/forums/{forum.pk}/live-drafts", {"template": "x"}, format="json"),
        400,
        "unknown_template",
    )


def test_an_edit_keeps_a_budget_questions_config_and_costs(staff, draft):
    created = add(staff, draft["code"], {**BUDGET_QUESTION, "expected_version": 0})
    assert created.status_code == 201, created.content
    activity = created.json()["activities"][0]
    assert [o["cost"] for o in activity["question"]["options"]] == [600, 300]

    edited = staff.patch(
        f"/api/live/{draft['code']}/activities/{activity['id']}",
        {
            "title": "",
            "body": "",
            "question_text": "Vad ska pengarna gå till i år?",
            "question_kind": "budget",
            "options": ["Skatepark", "Konsert", "Kafé"],
            "config": {"budget": 1200, "unit": "kr", "budget_mode": "approval"},
            "costs": [600, 300, 200],
            "expected_version": created.json()["edit_version"],
        },
        format="json",
    )

    assert edited.status_code == 200, edited.content
    question = edited.json()["activities"][0]["question"]
    assert question["config"] == {"budget": 1200, "unit": "kr", "budget_mode": "approval"}
    assert [(o["label"], o["cost"]) for o in question["options"]] == [
        ("Skatepark", 600),
        ("Konsert", 300),
        ("Kafé", 200),
    ]


def test_an_edit_can_turn_on_results_before_answering(staff, draft):
    created = add(staff, draft["code"], {**BUDGET_QUESTION, "expected_version": 0})
    activity = created.json()["activities"][0]
    assert activity["results_before_answer"] is False
    edited = staff.patch(
        f"/api/live/{draft['code']}/activities/{activity['id']}",
        {"results_before_answer": True, "expected_version": created.json()["edit_version"]},
        format="json",
    )
    assert edited.status_code == 200, edited.content
    assert edited.json()["activities"][0]["results_before_answer"] is True
