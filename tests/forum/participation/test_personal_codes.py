"""Personal codes: the same history on another phone, without an account."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from forum.core.errors import (
    InvalidInput,
    PersonalCodeExists,
    PersonalCodeExpired,
    PersonalCodeLocked,
    PersonalCodeRetired,
    PersonalCodeWrong,
)
from forum.ideas.models import Support
from forum.ideas.selectors import my_participation
from forum.ideas.services import idea_support_add
from forum.participation.models import Participant, ParticipantProfile, PersonalCode
from forum.participation.selectors import (
    participant_from_token,
    participants_from_tokens,
    personal_code_active,
)
from forum.participation.services import (
    personal_code_check_own,
    personal_code_hash,
    personal_code_issue,
    personal_code_redeem,
)
from forum.polls.models import Response
from tests.factories import (
    ForumFactory,
    IdeaFactory,
    ParticipantProfileFactory,
    PollFactory,
    answer_poll,
    participant_with_token,
)

pytestmark = pytest.mark.django_db

DEVICE = "cookie:phone-b"


def test_a_code_is_ten_unambiguous_characters_in_groups_and_stored_only_hashed() -> None:
    phone_a, _token = participant_with_token()

    issued = personal_code_issue(participant=phone_a)

    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{2}", issued.code)
    stored = PersonalCode.objects.values().get(participant=phone_a)
    assert stored["code_hash"] == personal_code_hash(issued.code)
    raw = issued.code.replace("-", "")
    assert not any(raw in str(value) for value in stored.values())
    assert personal_code_active(participant=phone_a) is not None


def test_a_second_code_without_replace_is_refused_and_the_first_keeps_working() -> None:
    phone_a, _token = participant_with_token()
    first = personal_code_issue(participant=phone_a)

    with pytest.raises(PersonalCodeExists):
        personal_code_issue(participant=phone_a)

    assert personal_code_check_own(participant=phone_a, code=first.code)


def test_renewing_retires_the_old_code_at_once() -> None:
    phone_a, _token = participant_with_token()
    old = personal_code_issue(participant=phone_a)

    new = personal_code_issue(participant=phone_a, replace=True)

    assert new.code != old.code
    with pytest.raises(PersonalCodeRetired):
        personal_code_redeem(code=old.code, participant=None, device_key=DEVICE)
    with pytest.raises(PersonalCodeWrong):
        personal_code_check_own(participant=phone_a, code=old.code)
    assert personal_code_redeem(code=new.code, participant=None, device_key="other").participant
    assert PersonalCode.objects.filter(participant=phone_a, retired_at__isnull=True).count() == 1


def test_a_new_phone_becomes_the_participant_and_both_phones_keep_it() -> None:
    phone_a, token_a = participant_with_token()
    poll = PollFactory()
    answer_poll(poll, participant=phone_a)
    code = personal_code_issue(participant=phone_a).code

    redeemed = personal_code_redeem(
        code=code.lower().replace("-", " "), participant=None, device_key=DEVICE
    )

    assert redeemed.participant == phone_a
    assert redeemed.new_token is not None
    assert not redeemed.merged
    assert participant_from_token(token=redeemed.new_token) == phone_a
    assert participant_from_token(token=token_a) == phone_a  # a transfer, not a move
    assert participants_from_tokens(tokens=[redeemed.new_token, token_a]) == {
        redeemed.new_token: phone_a,
        token_a: phone_a,
    }
    assert len(my_participation(participant=phone_a).votes) == 1


def test_the_hot_path_stays_one_query_for_a_phone_that_took_over_a_history() -> None:
    phone_a, _token = participant_with_token()
    code = personal_code_issue(participant=phone_a).code
    token_b = personal_code_redeem(code=code, participant=None, device_key=DEVICE).new_token

    with CaptureQueriesContext(connection) as queries:
        assert participant_from_token(token=token_b) == phone_a

    assert len(queries) == 1


def test_phone_bs_own_history_is_merged_and_a_clash_keeps_the_moved_answer() -> None:
    forum = ForumFactory()
    poll = PollFactory(forum=forum)
    other_poll = PollFactory(forum=forum)
    phone_a, token_a = participant_with_token()
    phone_b, token_b = participant_with_token()
    answer_poll(poll, participant=phone_a, option_index=0, age_band="13-15")
    answer_poll(poll, participant=phone_b, option_index=1, age_band="16-19")  # both answered
    answer_poll(other_poll, participant=phone_b)  # only B answered
    idea = IdeaFactory()
    idea_support_add(idea=idea, participant=phone_a)
    idea_support_add(idea=idea, participant=phone_b)
    own_idea = IdeaFactory(participant=phone_b)
    b_code = personal_code_issue(participant=phone_b).code
    code = personal_code_issue(participant=phone_a).code

    redeemed = personal_code_redeem(code=code, participant=phone_b, device_key=DEVICE)

    assert redeemed.merged
    assert redeemed.new_token is None
    assert participant_from_token(token=token_b) == phone_a
    answers = Response.objects.filter(question__poll=poll)
    assert [(r.participant_id, r.option.position if r.option else None) for r in answers] == [
        (phone_a.pk, 0)
    ]
    assert Response.objects.get(question__poll=other_poll).participant_id == phone_a.pk
    assert Support.objects.filter(idea=idea).count() == 1
    own_idea.refresh_from_db()
    assert own_idea.participant_id == phone_a.pk
    assert ParticipantProfile.objects.get(forum=forum).age_band == "13-15"
    assert ParticipantProfile.objects.count() == 1
    with pytest.raises(PersonalCodeRetired):  # B is nobody now; its code cannot move it
        personal_code_redeem(code=b_code, participant=None, device_key="x")
    assert participant_from_token(token=token_a) == phone_a


def test_a_phone_that_moves_on_takes_its_linked_phones_along() -> None:
    # A's history went to B; later A takes over C's: B follows (no chains of aliases).
    phone_a, token_a = participant_with_token()
    phone_c, _token_c = participant_with_token()
    token_b = personal_code_redeem(
        code=personal_code_issue(participant=phone_a).code, participant=None, device_key="b"
    ).new_token
    c_code = personal_code_issue(participant=phone_c).code

    personal_code_redeem(code=c_code, participant=phone_a, device_key="a")

    assert participant_from_token(token=token_a) == phone_c
    assert participant_from_token(token=token_b) == phone_c
    assert not Participant.objects.filter(alias_of__alias_of__isnull=False).exists()


def test_redeeming_ones_own_code_changes_nothing() -> None:
    phone_a, _token = participant_with_token()
    code = personal_code_issue(participant=phone_a).code
    before = Participant.objects.count()

    redeemed = personal_code_redeem(code=code, participant=phone_a, device_key=DEVICE)

    assert (redeemed.participant, redeemed.new_token, redeemed.merged) == (phone_a, None, False)
    assert Participant.objects.count() == before


def _snapshot() -> tuple[int, int, int, list[int | None]]:
    return (
        Participant.objects.count(),
        Response.objects.count(),
        PersonalCode.objects.filter(retired_at__isnull=True).count(),
        list(Participant.objects.order_by("pk").values_list("alias_of_id", flat=True)),
    )


def test_wrong_and_expired_codes_are_refused_and_change_nothing() -> None:
    phone_a, _token = participant_with_token()
    phone_b, _token_b = participant_with_token()
    answer_poll(PollFactory(), participant=phone_b)
    code = personal_code_issue(participant=phone_a).code
    PersonalCode.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    before = _snapshot()

    with pytest.raises(PersonalCodeExpired):
        personal_code_redeem(code=code, participant=phone_b, device_key=DEVICE)
    with pytest.raises(PersonalCodeWrong):
        personal_code_redeem(code="ABCD-EFGH-JK", participant=phone_b, device_key=DEVICE)
    with pytest.raises(InvalidInput):  # cannot be a code at all: O and 1 are not used
        personal_code_redeem(code="OOOO-1111-OO", participant=phone_b, device_key=DEVICE)

    assert _snapshot() == before


@override_settings(PERSONAL_CODE_MAX_FAILURES=3)
def test_a_device_is_locked_after_repeated_wrong_codes_even_with_the_right_one() -> None:
    phone_a, _token = participant_with_token()
    code = personal_code_issue(participant=phone_a).code
    for _i in range(3):
        with pytest.raises(PersonalCodeWrong):
            personal_code_redeem(code="ABCD-EFGH-JK", participant=None, device_key=DEVICE)
    before = _snapshot()

    with pytest.raises(PersonalCodeLocked):
        personal_code_redeem(code=code, participant=None, device_key=DEVICE)

    assert _snapshot() == before
    # Another device is not locked by this one's guesses.
    assert personal_code_redeem(code=code, participant=None, device_key="cookie:other").new_token


@override_settings(PERSONAL_CODE_MAX_FAILURES=3)
def test_a_right_code_resets_the_failure_count() -> None:
    phone_a, _token = participant_with_token()
    code = personal_code_issue(participant=phone_a).code
    for _i in range(2):
        with pytest.raises(PersonalCodeWrong):
            personal_code_redeem(code="ABCD-EFGH-JK", participant=None, device_key=DEVICE)
    personal_code_redeem(code=code, participant=phone_a, device_key=DEVICE)

    for _i in range(2):
        with pytest.raises(PersonalCodeWrong):
            personal_code_redeem(code="ABCD-EFGH-JK", participant=None, device_key=DEVICE)
    assert personal_code_redeem(code=code, participant=phone_a, device_key=DEVICE)


def test_an_expired_code_is_replaced_without_asking() -> None:
    phone_a, _token = participant_with_token()
    personal_code_issue(participant=phone_a)
    PersonalCode.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert personal_code_active(participant=phone_a) is None

    personal_code_issue(participant=phone_a)

    assert personal_code_active(participant=phone_a) is not None


def test_merge_keeps_one_profile_even_when_only_phone_b_answered_about_you() -> None:
    forum = ForumFactory()
    phone_a, _ta = participant_with_token()
    phone_b, _tb = participant_with_token()
    ParticipantProfileFactory(forum=forum, participant=phone_b, gender="girl")
    code = personal_code_issue(participant=phone_a).code

    personal_code_redeem(code=code, participant=phone_b, device_key=DEVICE)

    assert list(ParticipantProfile.objects.values_list("participant_id", "gender")) == [
        (phone_a.pk, "girl")
    ]
