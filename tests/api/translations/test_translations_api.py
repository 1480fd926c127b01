"""GET/PUT /api/translations/...: staff write texts in the forum's other languages."""

from typing import Any

import pytest

from forum.core.roles import Role
from forum.live.models import ActivityKind
from tests.api.assertions import assert_error
from tests.factories import (
    ForumFactory,
    IdeaBoardFactory,
    PlanningItemFactory,
    PollFactory,
    ResponseFactory,
    UserFactory,
    live_session_with_activities,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def worker_client(client_for: Any) -> Any:
    return client_for(UserFactory(roles=[Role.YOUTH_WORKER]))


def test_a_question_and_its_options_get_translations_after_people_answered(client_for) -> None:
    poll = PollFactory(forum=ForumFactory(languages=["sv", "ar", "so"]))
    question = poll.questions.get()
    option = question.options.order_by("pk")[0]
    ResponseFactory(question=question, option=option)  # answered: translating still allowed
    client = worker_client(client_for)

    response = client.put(
        f"/api/translations/questions/{question.pk}",
        {
            "translations": {"ar": {"text": " ما رأيك؟ "}, "so": {"text": ""}},
            "options": {str(option.pk): {"so": {"label": "Haa"}}},
        },
        format="json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["languages"] == ["ar", "so"]
    assert body["text"]["sources"] == {"text": question.text}
    assert body["text"]["translations"] == {"ar": {"text": "ما رأيك؟"}}
    first = next(c for c in body["text"]["children"] if c["id"] == option.pk)
    assert first == {
        "kind": "option",
        "id": option.pk,
        "sources": {"label": option.label},
        "max_lengths": {"label": 200},
        "translations": {"so": {"label": "Haa"}},
        "children": [],
    }
    assert client.get(f"/api/translations/questions/{question.pk}").json() == body


def test_a_language_the_forum_does_not_offer_is_refused(client_for) -> None:
    poll = PollFactory(forum=ForumFactory(languages=["sv", "ar"]))
    question = poll.questions.get()

    response = worker_client(client_for).put(
        f"/api/translations/questions/{question.pk}",
        {"translations": {"fa": {"text": "چی فکر می‌کنی؟"}}},
        format="json",
    )

    body = assert_error(response, 400, "invalid")
    assert "translations.fa" in body["fields"]


def test_an_option_of_another_question_is_refused(client_for) -> None:
    poll = PollFactory(questions=[("Vilken dag?", ["Fre", "Lör"]), ("Vad?", ["Film", "Mat"])])
    first, second = poll.questions.order_by("position")

    response = worker_client(client_for).put(
        f"/api/translations/questions/{first.pk}",
        {
            "translations": {},
            "options": {str(second.options.order_by("pk")[0].pk): {"en": {"label": "x"}}},
        },
        format="json",
    )

    assert_error(response, 400, "unknown_option")


def test_a_too_long_translation_is_refused_with_its_field(client_for) -> None:
    board = IdeaBoardFactory()

    response = worker_client(client_for).put(
        f"/api/translations/boards/{board.pk}",
        {"translations": {"en": {"question": "x" * 201}}},
        format="json",
    )

    body = assert_error(response, 400, "invalid")
    assert "translations.en.question" in body["fields"]


def test_an_info_slide_and_a_question_activity_get_translations(client_for) -> None:
    session, worker = live_session_with_activities()
    client = client_for(worker)
    slide = session.activities.get(kind=ActivityKind.INFO_SLIDE)
    asking = session.activities.filter(kind=ActivityKind.POLL_QUESTION).order_by("position")[0]
    assert asking.question is not None
    option = asking.question.options.order_by("pk")[0]

    slide_body = client.put(
        f"/api/translations/live/{session.join_code}/activities/{slide.pk}",
        {"translations": {"en": {"title": "Break", "body": "Coffee!"}}},
        format="json",
    )
    asking_body = client.put(
        f"/api/translations/live/{session.join_code}/activities/{asking.pk}",
        {
            "translations": {},
            "question": {"en": {"text": "Which day?"}},
            "options": {str(option.pk): {"en": {"label": "Friday"}}},
        },
        format="json",
    )

    assert slide_body.status_code == 200, slide_body.content
    assert slide_body.json()["text"]["translations"] == {
        "en": {"title": "Break", "body": "Coffee!"}
    }
    assert asking_body.status_code == 200, asking_body.content
    question = asking_body.json()["text"]["children"][0]
    assert question["translations"] == {"en": {"text": "Which day?"}}
    assert {"en": {"label": "Friday"}} in [o["translations"] for o in question["children"]]


def test_an_official_translates_a_planning_items_public_summary(client_for) -> None:
    item = PlanningItemFactory()

    response = client_for(UserFactory(roles=[Role.OFFICIAL])).put(
        f"/api/translations/planning-items/{item.pk}",
        {"translations": {"ti": {"description": "ሓጺር መግለጺ"}}},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["languages"] == ["en", "ar", "so", "ti", "fa", "tr"]
    item.refresh_from_db()
    assert item.translations == {"ti": {"description": "ሓጺር መግለጺ"}}
