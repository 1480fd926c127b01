import hashlib

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from forum.participation.models import ForumMembership, Participant
from forum.participation.selectors import forum_list, participant_from_token
from forum.participation.services import (
    forum_join,
    participant_create,
    participant_merge,
    participant_token_hash,
)
from tests.factories import ForumFactory, ParticipantFactory, participant_with_token

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


# --- forum_join: no statement once the membership is known committed --------------------------


@pytest.mark.django_db(transaction=True)
def test_forum_join_writes_once_the_membership_is_committed() -> None:
    forum, participant = ForumFactory(), ParticipantFactory()
    forum_join(forum=forum, participant=participant)  # committed (autocommit)

    with CaptureQueriesContext(connection) as again:
        forum_join(forum=forum, participant=participant)

    assert len(again.captured_queries) == 0
    assert ForumMembership.objects.filter(forum=forum, participant=participant).count() == 1


@pytest.mark.django_db(transaction=True)
def test_forum_join_rolled_back_is_not_remembered() -> None:
    forum, participant = ForumFactory(), ParticipantFactory()

    def refused_write() -> None:
        with transaction.atomic():
            forum_join(forum=forum, participant=participant)
            raise RuntimeError("the write was refused")

    with pytest.raises(RuntimeError):
        refused_write()

    forum_join(forum=forum, participant=participant)

    assert ForumMembership.objects.filter(forum=forum, participant=participant).exists()


@pytest.mark.django_db(transaction=True)
def test_forum_join_after_a_merge_writes_again() -> None:
    forum, source, target = ForumFactory(), ParticipantFactory(), ParticipantFactory()
    forum_join(forum=forum, participant=source)

    with transaction.atomic():
        participant_merge(source=source, target=target)
    with CaptureQueriesContext(connection) as after:
        forum_join(forum=forum, participant=source)

    assert len(after.captured_queries) == 1  # the INSERT … ON CONFLICT, not a memory
    assert ForumMembership.objects.filter(forum=forum, participant=target).exists()
