"""Written answers keep the language the phone wrote them in (its active language)."""

import uuid

import pytest

from forum.ideas.models import Idea
from forum.polls.models import Question, QuestionKind, Response
from tests.factories import IdeaBoardFactory, PollFactory

pytestmark = pytest.mark.django_db


def test_an_open_text_answer_keeps_the_phones_language(api_client) -> None:
    poll = PollFactory(questions=[], forum__pre_moderation=False)
    question = Question.objects.create(
        poll=poll, text="Vad vill du?", kind=QuestionKind.OPEN_TEXT, position=0
    )

    response = api_client.post(
        f"/api/questions/{question.pk}/answers",
        {"answer": {"text": "ملعب كرة قدم"}, "idempotency_key": str(uuid.uuid4())},
        format="json",
        HTTP_ACCEPT_LANGUAGE="ar",
    )

    assert response.status_code == 200, response.content
    assert Response.objects.get().language == "ar"


def test_an_unknown_language_is_stored_as_swedish(api_client) -> None:
    board = IdeaBoardFactory(forum__pre_moderation=False)

    response = api_client.post(
        f"/api/ideas/boards/{board.pk}/ideas",
        {"title": "Fler bänkar", "text": "Vid torget.", "idempotency_key": str(uuid.uuid4())},
        format="json",
        HTTP_ACCEPT_LANGUAGE="xx",
    )

    assert response.status_code == 201, response.content
    assert Idea.objects.get().language == "sv"


def test_an_idea_in_somali_is_stored_as_somali(api_client) -> None:
    board = IdeaBoardFactory(forum__pre_moderation=False)

    api_client.post(
        f"/api/ideas/boards/{board.pk}/ideas",
        {"title": "Kursi badan", "text": "Suuqa agtiisa.", "idempotency_key": str(uuid.uuid4())},
        format="json",
        HTTP_ACCEPT_LANGUAGE="so",
    )

    assert Idea.objects.get().language == "so"
