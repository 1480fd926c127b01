import pytest

from forum.moderation.models import WordAction
from forum.moderation.services import Reason, Verdict, text_screen, word_list_replace
from tests.factories import UserFactory


def screen(text: str, pre_moderated: bool = False) -> tuple[Verdict, tuple[Reason, ...]]:
    result = text_screen(text=text, pre_moderated=pre_moderated)
    return result.verdict, result.reasons


@pytest.mark.django_db
def test_text_screen_publishes_clean_text_in_a_post_moderated_forum() -> None:
    assert screen("Vi vill ha längre öppettider på fredagar!") == (Verdict.PUBLISH, ())


@pytest.mark.django_db
def test_text_screen_holds_everything_in_a_pre_moderated_forum() -> None:
    assert screen("Mer fotboll", pre_moderated=True) == (Verdict.HOLD, (Reason.PRE_MODERATION,))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "ring mig 070-123 45 67",
        "sms 0701234567",
        "+46 70 123 45 67",
        "ring 08-123 45 67",
        "0046701234567",
    ],
)
def test_text_screen_holds_swedish_phone_numbers(text: str) -> None:
    verdict, reasons = screen(text)
    assert verdict == Verdict.HOLD
    assert Reason.PHONE_NUMBER in reasons


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["mitt pnr 070312-1234", "200703121234", "20070312-1234"])
def test_text_screen_holds_personnummer_like_numbers(text: str) -> None:
    assert Reason.PERSONAL_NUMBER in screen(text)[1]


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["maila kim@example.se", "kim (at) example.com"])
def test_text_screen_holds_email_addresses(text: str) -> None:
    assert Reason.EMAIL in screen(text)[1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text", ["jag bor på Hagagatan 12", "kom till Tensta allé 3B", "10 Baker Street"]
)
def test_text_screen_holds_street_addresses(text: str) -> None:
    assert Reason.STREET_ADDRESS in screen(text)[1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text", ["Fritids öppnar kl 18 och stänger 22", "Vi var 25 stycken 2025", "Buss 179"]
)
def test_text_screen_does_not_mistake_ordinary_numbers_for_personal_details(text: str) -> None:
    assert screen(text) == (Verdict.PUBLISH, ())


@pytest.mark.django_db
def test_text_screen_blocks_slurs_even_in_look_alike_spelling() -> None:
    assert screen("du är en h0ra")[0] == Verdict.BLOCK
    assert screen("what a f4ggot")[0] == Verdict.BLOCK


@pytest.mark.django_db
def test_text_screen_holds_swearing_without_blocking_it() -> None:
    assert screen("det är så jävla tråkigt") == (Verdict.HOLD, (Reason.HELD_WORD,))


@pytest.mark.django_db
def test_text_screen_matches_whole_words_only() -> None:
    # "skit" is held, but "skitbra"-like compounds and "kill" inside "skill" are not words.
    assert screen("I have a skill for football")[0] == Verdict.PUBLISH


@pytest.mark.django_db
def test_word_list_replace_changes_what_is_held() -> None:
    youth_worker = UserFactory(roles=["youth_worker"])
    word_list_replace(language="sv", action=WordAction.HOLD, words=["pizza"], actor=youth_worker)
    assert screen("mer pizza")[0] == Verdict.HOLD
    assert screen("det är så jävla tråkigt")[0] == Verdict.PUBLISH


@pytest.mark.django_db
def test_word_list_replace_requires_staff() -> None:
    from forum.core.errors import NotAuthenticated

    with pytest.raises(NotAuthenticated):
        word_list_replace(language="sv", action=WordAction.HOLD, words=["x"], actor=None)
