"""The rules a participatory budget keeps for every input: never over budget, the published
tie-break, and the database's own checks (on SQLite as on PostgreSQL)."""

import datetime as dt
import itertools
import uuid
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from forum.budgets.models import (
    Ballot,
    BallotAccess,
    BallotMode,
    BudgetVotingCode,
    Phase,
    ProposalStatus,
)
from forum.budgets.selectors import Candidate, allocate, budget_results, rank_order
from forum.budgets.services import ballot_cast, phase_move, proposal_review, voting_codes_generate
from forum.core.errors import (
    AlreadyVoted,
    DomainError,
    PermissionDenied,
    PhaseBackwards,
    VotingCodeInvalid,
)
from forum.core.roles import Role
from tests.factories import (
    BudgetProcessFactory,
    ParticipantFactory,
    ProposalFactory,
    UserFactory,
)

# Youth workers here run the forum under test; who may work where is tested elsewhere.
pytestmark = pytest.mark.usefixtures("youth_workers_in_every_forum")

# --- the funding rule, for every input -------------------------------------------------------

candidates = st.lists(
    st.builds(
        Candidate,
        proposal_id=st.integers(1, 10_000),
        cost=st.integers(1, 200_000),
        votes=st.integers(0, 30),
        order=st.integers(0, 1000),
    ),
    max_size=12,
    unique_by=(lambda c: c.proposal_id, lambda c: c.order),
)


@given(candidates, st.integers(1, 500_000), st.sampled_from(BallotMode.values))
def test_funded_total_never_exceeds_the_budget(
    cands: list[Candidate], budget: int, mode: str
) -> None:
    allocation = allocate(cands, budget=budget, mode=mode)
    cost = {c.proposal_id: c.cost for c in cands}
    assert sum(cost[a.proposal_id] for a in allocation if a.funded) <= budget
    assert [a.rank for a in allocation] == list(range(1, len(cands) + 1))


@given(candidates)
def test_ties_follow_the_published_rule(cands: list[Candidate]) -> None:
    ordered = rank_order(cands)
    for before, after in itertools.pairwise(ordered):
        assert before.votes >= after.votes
        if before.votes == after.votes:
            assert (before.cost, before.order) < (after.cost, after.order)


@given(candidates, st.integers(1, 500_000))
def test_knapsack_funds_every_proposal_that_still_fits(cands: list[Candidate], budget: int) -> None:
    allocation = allocate(cands, budget=budget, mode=BallotMode.KNAPSACK)
    cost = {c.proposal_id: c.cost for c in cands}
    left = budget - sum(cost[a.proposal_id] for a in allocation if a.funded)
    # Skipped ones did not fit when their turn came, so they do not fit in what is left now.
    assert all(cost[a.proposal_id] > left for a in allocation if not a.funded)


def test_approval_stops_at_the_first_proposal_that_does_not_fit() -> None:
    cands = [
        Candidate(proposal_id=1, cost=60, votes=9, order=0),
        Candidate(proposal_id=2, cost=60, votes=8, order=1),
        Candidate(proposal_id=3, cost=10, votes=7, order=2),
    ]
    funded = {a.proposal_id for a in allocate(cands, budget=100, mode="approval") if a.funded}
    assert funded == {1}
    funded = {a.proposal_id for a in allocate(cands, budget=100, mode="knapsack") if a.funded}
    assert funded == {1, 3}


# --- every accepted ballot is within budget ----------------------------------------------------


class TestEveryAcceptedBallotIsWithinBudget(TestCase):
    @settings(max_examples=25, deadline=None)
    @given(
        costs=st.lists(st.integers(1, 60_000), min_size=1, max_size=6),
        picks=st.lists(st.integers(0, 5), max_size=6),
        budget=st.integers(1, 120_000),
        mode=st.sampled_from(BallotMode.values),
    )
    def test_ballot(self, costs: list[int], picks: list[int], budget: int, mode: str) -> None:
        process = BudgetProcessFactory(
            phase=Phase.BALLOT,
            budget_total=budget,
            ballot_mode=mode,
            approval_cap=3 if mode == BallotMode.APPROVAL else None,
        )
        proposals = [ProposalFactory(process=process, cost=c) for c in costs]
        ids = [proposals[i % len(proposals)].pk for i in picks]
        try:
            cast = ballot_cast(
                process=process,
                participant=ParticipantFactory(),
                proposal_ids=ids,
                voting_code=None,
                idempotency_key=uuid.uuid4(),
            )
        except DomainError:
            # Refused (over budget, too many, empty): nothing was written.
            assert not Ballot.objects.filter(process=process).exists()
            return
        chosen = [p for p in proposals if p.pk in cast.proposal_ids]
        assert sum(p.cost or 0 for p in chosen) <= budget
        if mode == BallotMode.APPROVAL:
            assert len(chosen) <= 3


# --- services ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_youth_worker_cannot_review(youth_worker: Any) -> None:
    proposal = ProposalFactory(
        process__phase=Phase.REVIEW,
        status=ProposalStatus.PROPOSED,
        cost=None,
        public_reason="",
        reviewed_at=None,
    )
    with pytest.raises(PermissionDenied):
        proposal_review(
            proposal=proposal,
            cost=10,
            department_id=None,
            feasible=True,
            public_reason="Ja.",
            actor=youth_worker,
        )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED


@pytest.mark.django_db
def test_a_phase_moves_back_only_while_nobody_has_voted(youth_worker: Any) -> None:
    process = BudgetProcessFactory(phase=Phase.BALLOT)
    process = phase_move(process=process, phase=Phase.REVIEW, actor=youth_worker)
    process = phase_move(process=process, phase=Phase.BALLOT, actor=youth_worker)
    ballot_cast(
        process=process,
        participant=ParticipantFactory(),
        proposal_ids=[ProposalFactory(process=process).pk],
        voting_code=None,
        idempotency_key=uuid.uuid4(),
    )
    with pytest.raises(PhaseBackwards):
        phase_move(process=process, phase=Phase.PROPOSALS, actor=youth_worker)
    process = phase_move(process=process, phase=Phase.RESULTS, actor=youth_worker)
    assert process.phase == Phase.RESULTS


@pytest.mark.django_db
def test_a_second_ballot_from_the_same_phone_or_code_is_refused() -> None:
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    process = BudgetProcessFactory(phase=Phase.BALLOT, access=BallotAccess.BOTH)
    proposal = ProposalFactory(process=process)
    [code] = voting_codes_generate(process=process, count=1, actor=worker)
    phone = ParticipantFactory()

    def cast(participant: Any, voting_code: str | None) -> Any:
        return ballot_cast(
            process=process,
            participant=participant,
            proposal_ids=[proposal.pk],
            voting_code=voting_code,
            idempotency_key=uuid.uuid4(),
        )

    cast(phone, code)
    with pytest.raises(AlreadyVoted):
        cast(phone, None)
    with pytest.raises(VotingCodeInvalid):
        cast(ParticipantFactory(), code.lower().replace("-", " "))
    assert Ballot.objects.count() == 1
    assert BudgetVotingCode.objects.get().used_at is not None


@pytest.mark.django_db
def test_results_suppress_channels_and_votes_under_five() -> None:
    process = BudgetProcessFactory(phase=Phase.BALLOT)
    proposal = ProposalFactory(process=process)
    for _ in range(3):
        ballot_cast(
            process=process,
            participant=ParticipantFactory(),
            proposal_ids=[proposal.pk],
            voting_code=None,
            idempotency_key=uuid.uuid4(),
        )
    results = budget_results(process=process)
    assert results.ballots is None
    assert results.rows[0].votes is None
    assert results.rows[0].funded  # funding uses the real count; only the shown one is hidden


# --- the database's own checks ---------------------------------------------------------------


def _violates(**fields: Any) -> bool:
    try:
        with transaction.atomic():
            BudgetProcessFactory(**fields)
    except IntegrityError:
        return True
    return False


@pytest.mark.django_db
def test_database_refuses_a_process_that_breaks_its_rules() -> None:
    assert _violates(budget_total=0)
    assert _violates(ballot_on=dt.date(2026, 3, 15))  # before the review starts
    assert _violates(ballot_mode=BallotMode.APPROVAL, approval_cap=None)
    assert _violates(ballot_mode=BallotMode.KNAPSACK, approval_cap=3)
    assert not _violates(ballot_mode=BallotMode.APPROVAL, approval_cap=3)


@pytest.mark.django_db
def test_database_refuses_reviews_without_reason_or_cost_and_double_ballots() -> None:
    process = BudgetProcessFactory()
    for fields in (
        {"status": ProposalStatus.FEASIBLE, "public_reason": ""},
        {"status": ProposalStatus.FEASIBLE, "cost": None},
        {"status": ProposalStatus.INFEASIBLE, "reviewed_at": None},
        {"status": ProposalStatus.MERGED},
        {"cost": 0},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            ProposalFactory(process=process, **fields)
    phone = ParticipantFactory()
    Ballot.objects.create(process=process, participant=phone, channel="device")
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(process=process, participant=phone, channel="device")
    code = BudgetVotingCode.objects.create(process=process, code_hash="x" * 64)
    Ballot.objects.create(process=process, voting_code=code, channel="code")
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(process=process, voting_code=code, channel="code")
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(process=process, channel="code")
