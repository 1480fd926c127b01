"""The staff word-list page's round trip: what a youth worker saves is what text_screen uses."""

import pytest

from forum.core.roles import Role
from forum.moderation.services import Verdict, text_screen
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

WORD = "grannkatten"


def test_a_word_added_to_the_hold_list_makes_text_screen_hold_it(client_for) -> None:
    staff = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))
    text = f"Vi borde prata om {WORD} på torget"
    assert text_screen(text=text, pre_moderated=False).verdict == Verdict.PUBLISH

    words = staff.get("/api/moderation/word-lists/sv/hold").json()["words"]
    response = staff.put(
        "/api/moderation/word-lists/sv/hold", {"words": [*words, WORD]}, format="json"
    )

    assert response.status_code == 200
    assert WORD in response.json()["words"]
    assert (
        staff.get("/api/moderation/word-lists/sv/hold").json()["words"] == response.json()["words"]
    )
    screening = text_screen(text=text, pre_moderated=False)
    assert screening.verdict == Verdict.HOLD
    assert [r.value for r in screening.reasons] == ["held_word"]


def test_a_word_added_to_the_english_block_list_blocks_and_removing_it_publishes(
    client_for,
) -> None:
    staff = client_for(UserFactory(roles=[Role.ADMIN]))
    text = "the sprocket club is great"
    staff.put("/api/moderation/word-lists/en/block", {"words": ["sprocket"]}, format="json")
    assert text_screen(text=text, pre_moderated=False).verdict == Verdict.BLOCK

    staff.put("/api/moderation/word-lists/en/block", {"words": []}, format="json")
    assert text_screen(text=text, pre_moderated=False).verdict == Verdict.PUBLISH


def test_an_official_cannot_replace_a_word_list(client_for) -> None:
    official = client_for(UserFactory(roles=[Role.OFFICIAL]))
    response = official.put(
        "/api/moderation/word-lists/sv/block", {"words": ["grannkatten"]}, format="json"
    )
    assert response.status_code == 403
    assert text_screen(text="grannkatten", pre_moderated=False).verdict == Verdict.PUBLISH


@pytest.mark.parametrize("language", ["ar", "so", "ti", "fa", "tr"])
def test_staff_read_and_replace_the_lists_of_every_offered_language(client_for, language) -> None:
    from forum.moderation.wordlists import DEFAULT_WORDS

    staff = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))
    built_in = staff.get(f"/api/moderation/word-lists/{language}/block").json()["words"]
    assert built_in == DEFAULT_WORDS[(language, "block")]

    response = staff.put(
        f"/api/moderation/word-lists/{language}/hold", {"words": [WORD]}, format="json"
    )
    assert response.status_code == 200
    assert text_screen(text=WORD, pre_moderated=False).verdict == Verdict.HOLD


def test_a_language_that_is_not_offered_has_no_word_list(client_for) -> None:
    staff = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))
    assert staff.get("/api/moderation/word-lists/de/block").status_code == 404
    response = staff.put("/api/moderation/word-lists/de/hold", {"words": [WORD]}, format="json")
    assert response.status_code == 404
