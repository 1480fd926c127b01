"""GET /api/translations/forums/{id}/missing: what staff still need to translate."""

import datetime as dt

import pytest
from django.utils import timezone

from forum.core.roles import Role
from forum.polls.models import PollStatus
from tests.factories import ForumFactory, IdeaBoardFactory, PollFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def test_each_text_lists_the_offered_languages_it_misses(client_for) -> None:
    forum = ForumFactory(languages=["sv", "ar", "so"])
    poll = PollFactory(forum=forum, questions=[("Vilken dag?", ["Fredag", "Lördag"])])
    question = poll.questions.get()
    question.translations = {"ar": {"text": "أي يوم؟"}, "so": {"text": "Maalin kee?"}}
    question.save()
    for option in question.options.all():
        option.translations = {"ar": {"label": "x"}}
        option.save()
    board = IdeaBoardFactory(forum=forum, question="Vad saknas?", description="")
    board.translations = {"ar": {"question": "ماذا ينقص؟"}, "so": {"question": "Maxaa?"}}
    board.save()

    body = client_for(UserFactory(roles=[Role.OFFICIAL])).get(
        f"/api/translations/forums/{forum.pk}/missing"
    )

    assert body.status_code == 200, body.content
    assert body.json() == [
        {
            "kind": "question",
            "id": question.pk,
            "title": "Vilken dag?",
            "missing": ["so"],  # the options lack Somali
            "edit_path": f"/staff/polls/{poll.pk}",
        }
    ]


def test_closed_polls_and_closed_boards_need_no_translation(client_for) -> None:
    forum = ForumFactory(languages=["sv", "en"])
    PollFactory(forum=forum, status=PollStatus.CLOSED)
    IdeaBoardFactory(forum=forum, closes_at=timezone.now() - dt.timedelta(days=1))
    open_board = IdeaBoardFactory(forum=forum)

    body = client_for(UserFactory(roles=[Role.YOUTH_WORKER])).get(
        f"/api/translations/forums/{forum.pk}/missing"
    )

    assert [(t["kind"], t["id"], t["missing"]) for t in body.json()] == [
        ("board", open_board.pk, ["en"])
    ]


def test_a_forum_in_swedish_only_has_nothing_to_translate(client_for) -> None:
    forum = ForumFactory(languages=["sv"])
    PollFactory(forum=forum)

    body = client_for(UserFactory(roles=[Role.YOUTH_WORKER])).get(
        f"/api/translations/forums/{forum.pk}/missing"
    )

    assert body.json() == []
