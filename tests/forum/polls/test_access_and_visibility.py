"""Access modes (voting codes, age bands), results visibility and suppressed breakdowns."""

import uuid

import pytest
from django.utils import timezone

from forum.core.errors import (
    AgeBandNotAllowed,
    AgeBandRequired,
    GroupTooSmall,
    InvalidInput,
    PermissionDenied,
    VotingCodeInvalid,
    VotingCodeRequired,
)
from forum.core.roles import Role
from forum.participation.services import participant_profile_save
from forum.polls.models import PollStatus, Response, VotingCode
from forum.polls.selectors import (
    poll_raw_table,
    poll_results_breakdown,
    poll_results_for_viewer,
    poll_results_visible,
)
from forum.polls.services import (
    poll_answer_submit,
    poll_results_reveal,
    voting_code_hash,
    voting_code_redeem,
    voting_codes_generate,
)
from tests.factories import ParticipantFactory, UserFactory, all_kinds_poll, question_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def answer_scale(poll, participant, value: int = 3) -> Response:
    return poll_answer_submit(
        question=question_of(poll, "scale"),
        participant=participant,
        answer={"value": value},
        idempotency_key=uuid.uuid4(),
    )


def test_voting_codes_are_stored_hashed_and_needed_to_vote() -> None:
    poll = all_kinds_poll(access_mode="code")
    codes = voting_codes_generate(poll=poll, count=3, actor=UserFactory(roles=[Role.YOUTH_WORKER]))
    assert len(set(codes)) == 3
    stored = set(VotingCode.objects.values_list("code_hash", flat=True))
    assert not any(code.replace("-", "") in h for code in codes for h in stored)
    assert stored == {voting_code_hash(c) for c in codes}

    voter = ParticipantFactory()
    with pytest.raises(VotingCodeRequired):
        answer_scale(poll, voter)
    voting_code_redeem(poll=poll, participant=voter, code=codes[0].lower())
    answer_scale(poll, voter)
    # The same code cannot give a second person a ballot.
    with pytest.raises(VotingCodeInvalid):
        voting_code_redeem(poll=poll, participant=ParticipantFactory(), code=codes[0])
    with pytest.raises(VotingCodeInvalid):
        voting_code_redeem(poll=poll, participant=ParticipantFactory(), code="AAAAA-AAAAA")
    # Redeeming again is idempotent for the holder and does not burn another code.
    voting_code_redeem(poll=poll, participant=voter, code=codes[1])
    assert VotingCode.objects.filter(spent_at__isnull=True).count() == 2


def test_only_youth_workers_generate_codes_and_only_for_code_polls() -> None:
    with pytest.raises(PermissionDenied):
        voting_codes_generate(
            poll=all_kinds_poll(access_mode="code"),
            count=2,
            actor=UserFactory(roles=[Role.OFFICIAL]),
        )
    with pytest.raises(InvalidInput):
        voting_codes_generate(
            poll=all_kinds_poll(), count=2, actor=UserFactory(roles=[Role.YOUTH_WORKER])
        )


def test_age_limited_polls_check_the_self_declared_age_band() -> None:
    poll = all_kinds_poll(access_mode="age_limited", age_bands=["13-15", "16-19"])
    young, old, unsure = ParticipantFactory(), ParticipantFactory(), ParticipantFactory()
    participant_profile_save(forum=poll.forum, participant=young, age_band="13-15")
    participant_profile_save(forum=poll.forum, participant=old, age_band="20-25")
    participant_profile_save(forum=poll.forum, participant=unsure, age_band="prefer_not")
    answer_scale(poll, young)
    with pytest.raises(AgeBandNotAllowed):
        answer_scale(poll, old)
    with pytest.raises(AgeBandRequired):
        answer_scale(poll, unsure)
    with pytest.raises(AgeBandRequired):
        answer_scale(poll, ParticipantFactory())


@pytest.mark.parametrize(
    ("mode", "before", "after_answer", "after_close"),
    [
        ("live", True, True, True),
        ("after_answer", False, True, True),
        ("after_close", False, False, True),
        ("on_reveal", False, False, False),
    ],
)
def test_results_visibility_modes(mode, before, after_answer, after_close) -> None:
    poll = all_kinds_poll(results_visibility=mode)
    viewer = ParticipantFactory()
    assert poll_results_visible(poll=poll, participant=viewer, is_staff=False) is before
    assert poll_results_visible(poll=poll, participant=None, is_staff=True)
    answer_scale(poll, viewer)
    assert poll_results_visible(poll=poll, participant=viewer, is_staff=False) is after_answer
    poll.status = PollStatus.CLOSED
    poll.closed_at = timezone.now()
    poll.save()
    assert poll_results_visible(poll=poll, participant=viewer, is_staff=False) is after_close
    if mode == "on_reveal":
        assert poll_results_for_viewer(poll=poll, participant=viewer, is_staff=False) is None
        poll = poll_results_reveal(poll=poll, actor=UserFactory(roles=[Role.YOUTH_WORKER]))
        assert poll_results_for_viewer(poll=poll, participant=viewer, is_staff=False)


def test_breakdown_is_refused_below_five_participants() -> None:
    poll = all_kinds_poll()
    for _i in range(4):
        answer_scale(poll, ParticipantFactory())
    with pytest.raises(GroupTooSmall):
        poll_results_breakdown(poll=poll, dimension="gender")
    with pytest.raises(InvalidInput):
        poll_results_breakdown(poll=poll, dimension="shoe_size")


def test_breakdown_suppresses_small_cells_and_a_complementary_cell() -> None:
    poll = all_kinds_poll()
    genders = ["girl"] * 3 + ["boy"] * 12 + ["prefer_not"] * 7
    for gender in genders:
        p = ParticipantFactory()
        participant_profile_save(forum=poll.forum, participant=p, gender=gender)
        answer_scale(poll, p, 4)
    breakdown = poll_results_breakdown(poll=poll, dimension="gender")
    scale = next(q for q in breakdown.questions if q.kind == "scale")
    cells = scale.respondents.cells
    assert cells["girl"] is None  # 3 < 5
    assert cells["prefer_not"] is None  # complementary: else girl = 22 - 12 - 7
    assert cells["boy"] == 12
    assert cells["non_binary"] == 0
    assert scale.respondents.total == 22
    four = next(r for r in scale.rows if r.label == "4")
    assert four.cells == cells


def test_raw_export_has_no_tokens_or_ids_that_link_polls() -> None:
    first, second = all_kinds_poll(), all_kinds_poll()
    person = ParticipantFactory()
    answer_scale(first, person)
    answer_scale(second, person)
    one, two = poll_raw_table(poll=first), poll_raw_table(poll=second)
    assert one[0] == ["Svarande", "Fråga nr", "Fråga", "Typ", "Svar"]
    assert one[1][0] != two[1][0]
    flat = repr(one)
    assert person.token_hash not in flat
    assert f"'{person.pk}'" not in flat
