import hashlib

import pytest

from forum.participation.models import Participant
from forum.participation.selectors import forum_list, participant_from_token
from forum.participation.services import participant_create, participant_token_hash
from tests.factories import ForumFactory, participant_with_token

pytestmark = pytest.mark.django_db


def test_participant_create_stores_only_the_token_hash() -> None:
    participant, token = participant_create()

    assert len(token) >= 40  # 32 random bytes, url-safe
    stored = Participant.objects.values().get(pk=participant.pk)
    assert stored["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {str(value) for value in stored.values()}


def test_participant_create_hands_out_distinct_tokens() -> None:
    tokens = {participant_create()[1] for _ in range(5)}

    assert len(tokens) == 5


def test_participant_token_hash_is_sha256_hex() -> None:
    assert (
        participant_token_hash("abc")
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_participant_from_token_finds_by_raw_token() -> None:
    participant, token = participant_with_token()

    assert participant_from_token(token=token) == participant


@pytest.mark.parametrize("token", [None, "", "not-a-known-token", "x" * 129])
def test_participant_from_token_returns_none_for_unknown_tokens(token) -> None:
    participant_with_token()

    assert participant_from_token(token=token) is None


def test_participant_from_token_does_not_accept_the_hash_itself() -> None:
    participant, _token = participant_with_token()

    assert participant_from_token(token=participant.token_hash) is None


def test_forum_list_orders_by_name() -> None:
    b, a = ForumFactory(name="Bredäng"), ForumFactory(name="Akalla")

    assert forum_list() == [a, b]
