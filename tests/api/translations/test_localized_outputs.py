"""Participants read staff texts in their language, Swedish (marked) where one is missing;
staff and the shared live body read the Swedish source with its translations."""

from typing import Any

import pytest

from forum.core.roles import Role
from forum.polls.models import Poll
from tests.factories import (
    ForumFactory,
    IdeaBoardFactory,
    LiveSessionFactory,
    PollFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def translated_poll(*, languages: list[str]) -> Poll:
    poll = PollFactory(
        forum=ForumFactory(languages=languages),
        questions=[("Vilken dag?", ["Fredag", "Lördag"])],
    )
    question = poll.questions.get()
    question.translations = {"ar": {"text": "أي يوم؟"}, "fa": {"text": "کدام روز؟"}}
    question.save()
    friday = question.options.get(label="Fredag")
    friday.translations = {"ar": {"label": "الجمعة"}}
    friday.save()
    return poll


def test_a_phone_in_arabic_reads_the_arabic_texts_and_swedish_where_missing(api_client) -> None:
    poll = translated_poll(languages=["sv", "ar"])

    body = api_client.get(f"/api/polls/{poll.pk}", HTTP_ACCEPT_LANGUAGE="ar").json()

    question = body["questions"][0]
    assert (question["text"], question["text_lang"]) == ("أي يوم؟", "ar")
    labels = [(o["label"], o["label_lang"]) for o in question["options"]]
    assert labels == [("الجمعة", "ar"), ("Lördag", "sv")]


def test_a_language_the_forum_does_not_offer_reads_swedish(api_client) -> None:
    poll = translated_poll(languages=["sv", "ar"])  # Persian translated, but not offered

    body = api_client.get(f"/api/polls/{poll.pk}", HTTP_ACCEPT_LANGUAGE="fa").json()

    assert (body["questions"][0]["text"], body["questions"][0]["text_lang"]) == (
        "Vilken dag?",
        "sv",
    )


def test_an_unknown_language_reads_swedish_without_an_error(api_client) -> None:
    poll = translated_poll(languages=["sv", "ar"])

    response = api_client.get(f"/api/polls/{poll.pk}", HTTP_ACCEPT_LANGUAGE="xx-YY, q;=bad")

    assert response.status_code == 200
    assert response.json()["questions"][0]["text_lang"] == "sv"


def test_the_builder_shows_the_swedish_source_to_staff_of_any_language(client_for) -> None:
    poll = translated_poll(languages=["sv", "ar"])
    client = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))

    body = client.get(f"/api/staff/polls/{poll.pk}", HTTP_ACCEPT_LANGUAGE="ar").json()

    assert body["questions"][0]["text"] == "Vilken dag?"
    assert body["questions"][0]["translations"]["ar"] == {"text": "أي يوم؟"}


def test_the_live_body_is_swedish_with_translations_whatever_the_phone_asks(api_client) -> None:
    poll = translated_poll(languages=["sv", "ar"])
    session = LiveSessionFactory(forum=poll.forum, current_poll=poll)

    body = api_client.post(
        "/api/join", {"code": session.join_code}, format="json", HTTP_ACCEPT_LANGUAGE="ar"
    ).json()

    question = body["poll"]["questions"][0]
    assert question["text"] == "Vilken dag?"
    assert question["translations"]["ar"] == {"text": "أي يوم؟"}
    assert body["forum"]["languages"] == ["sv", "ar"]


def test_a_board_is_read_in_the_phones_language(api_client) -> None:
    board = IdeaBoardFactory(
        forum=ForumFactory(languages=["sv", "so"]),
        question="Vad saknas i Tensta?",
        description="Skriv din idé.",
        translations={"so": {"question": "Maxaa ka maqan Tensta?"}},
    )

    body = api_client.get(f"/api/ideas/boards/{board.pk}", HTTP_ACCEPT_LANGUAGE="so").json()

    assert (body["board"]["question"], body["board"]["question_lang"]) == (
        "Maxaa ka maqan Tensta?",
        "so",
    )
    assert (body["board"]["description"], body["board"]["description_lang"]) == (
        "Skriv din idé.",
        "sv",
    )


def test_the_public_page_shows_a_planning_items_title_in_the_readers_language(official) -> None:
    from tests.api.public.test_public_forum import _decided

    world = _decided(official)
    item = world["agenda"].planning_item
    item.translations = {"tr": {"title": "Daha fazla gençlik merkezi"}}
    item.save()
    url = f"/api/public/forums/{world['forum'].slug}"

    turkish = api_client_get(url, "tr")["decisions"][0]
    arabic = api_client_get(url, "ar")["decisions"][0]

    assert (turkish["planning_item_title"], turkish["planning_item_title_lang"]) == (
        "Daha fazla gençlik merkezi",
        "tr",
    )
    assert (arabic["planning_item_title"], arabic["planning_item_title_lang"]) == (item.title, "sv")


def api_client_get(url: str, language: str) -> dict[str, Any]:
    from rest_framework.test import APIClient

    return APIClient().get(url, HTTP_ACCEPT_LANGUAGE=language).json()
