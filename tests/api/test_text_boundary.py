"""Free text through the API: invisible-only text is refused, bidi overrides are removed,
and REST and the phone's socket store (or refuse) exactly the same."""

import json
import uuid
from typing import Any

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from forum.ideas.models import Idea
from forum.live.models import ActivityKind, QaQuestion
from forum.live.services import live_session_goto
from forum.polls.models import Response
from tests.api.assertions import assert_error, db_state
from tests.factories import (
    IdeaBoardFactory,
    all_kinds_poll,
    live_session_with_activities,
    participant_with_token,
    question_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
RLO = "\u202e"


def phone() -> APIClient:
    client = APIClient()
    client.cookies[settings.PARTICIPANT_COOKIE_NAME] = participant_with_token()[1]
    return client


def key() -> str:
    return str(uuid.uuid4())


def qa_world() -> dict[str, Any]:
    session, worker = live_session_with_activities()
    qa = session.activities.get(kind=ActivityKind.QA)
    live_session_goto(session=session, actor=worker, activity_id=qa.pk)
    return {"code": session.join_code, "qa": qa}


@pytest.mark.parametrize("title", [ZERO_WIDTH, f" {ZERO_WIDTH} \u00ad "])
def test_an_idea_titled_with_invisible_characters_only_is_refused(title) -> None:
    board = IdeaBoardFactory(forum__pre_moderation=False)
    client = phone()
    before = db_state()
    response = client.post(
        f"/api/ideas/boards/{board.pk}/ideas",
        {"title": title, "text": "Vid torget.", "idempotency_key": key()},
        format="json",
    )
    body = assert_error(response, 400, "text_empty")
    assert list(body["fields"]) == ["title"]
    assert db_state() == before


def test_bidi_overrides_are_removed_from_an_idea() -> None:
    board = IdeaBoardFactory(forum__pre_moderation=False)
    response = phone().post(
        f"/api/ideas/boards/{board.pk}/ideas",
        {
            "title": f"Gratis {RLO}gnilbmag",
            "text": f"Rad ett\n{RLO}rad två",
            "idempotency_key": key(),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    idea = Idea.objects.get()
    assert (idea.title, idea.text) == ("Gratis gnilbmag", "Rad ett\nrad två")


def test_an_answer_of_invisible_characters_only_is_refused() -> None:
    question = question_of(all_kinds_poll(), "open_text")
    response = phone().post(
        f"/api/questions/{question.pk}/answers",
        {"answer": {"text": ZERO_WIDTH}, "idempotency_key": key()},
        format="json",
    )
    assert_error(response, 400, "text_empty")
    assert not Response.objects.exists()


def test_a_control_character_in_an_answer_is_refused() -> None:
    question = question_of(all_kinds_poll(), "open_text")
    response = phone().post(
        f"/api/questions/{question.pk}/answers",
        {"answer": {"text": "hej\x1b[2J"}, "idempotency_key": key()},
        format="json",
    )
    assert_error(response, 400, "text_invalid_characters")
    assert not Response.objects.exists()


def test_a_qa_question_of_invisible_characters_only_is_refused_and_bidi_is_removed() -> None:
    world = qa_world()
    client = phone()
    client.post("/api/join", {"code": world["code"]}, format="json")
    url = f"/api/live/{world['code']}/qa"
    empty = client.post(
        url,
        {"activity_id": world["qa"].pk, "text": ZERO_WIDTH, "idempotency_key": key()},
        format="json",
    )
    assert_error(empty, 400, "text_empty")
    posted = client.post(
        url,
        {"activity_id": world["qa"].pk, "text": f"Varför {RLO}?", "idempotency_key": key()},
        format="json",
    )
    assert posted.status_code == 201, posted.content
    assert QaQuestion.objects.get().text == "Varför ?"


@pytest.mark.parametrize("title", [ZERO_WIDTH, "Rad\x00noll"])
def test_staff_titles_go_through_the_same_boundary(client_for, youth_worker, title) -> None:
    from tests.factories import ForumFactory

    forum = ForumFactory()
    staff = client_for(youth_worker)
    response = staff.post(
        f"/api/forums/{forum.pk}/polls",
        {"title": title, "questions": [{"text": "Vad saknas?", "kind": "open_text"}]},
        format="json",
    )
    assert response.status_code == 400
    assert json.loads(response.content)["code"] in ("text_empty", "text_invalid_characters")
