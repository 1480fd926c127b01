"""'You said, we did' on /mina-svar: each sentence is backed by a stored row."""

import datetime as dt
import uuid

import pytest
from django.utils import translation

from forum.budgets.models import ImplementationUpdate, Phase, ProposalParticipant, ProposalStatus
from forum.budgets.selectors import my_budgets
from forum.budgets.services import ballot_cast
from tests.factories import BudgetProcessFactory, ParticipantFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def _cast(process: object, participant: object, ids: list[int]) -> None:
    ballot_cast(
        process=process,  # type: ignore[arg-type]
        participant=participant,  # type: ignore[arg-type]
        proposal_ids=ids,
        voting_code=None,
        idempotency_key=uuid.uuid4(),
    )


def test_a_voter_hears_the_votes_in_words_and_the_newest_update() -> None:
    process = BudgetProcessFactory(phase=Phase.BALLOT)
    funded = ProposalFactory(process=process, title="Bänkar", cost=60_000)
    left_out = ProposalFactory(process=process, title="Scen", cost=70_000)
    me = ParticipantFactory()
    _cast(process, me, [funded.pk])
    for _ in range(5):
        _cast(process, ParticipantFactory(), [funded.pk])
    _cast(process, ParticipantFactory(), [left_out.pk])
    process.phase = Phase.RESULTS
    process.save()
    with translation.override("en"):
        [mine] = my_budgets(participant=me)
    assert mine.roles == ["voted"]
    [item] = mine.items
    assert (item.status, item.message) == (
        "funded",
        "The proposal got 6 votes and will be carried out.",
    )
    process.phase = Phase.IMPLEMENTATION
    process.save()
    ImplementationUpdate.objects.create(
        proposal=funded, status="in_progress", happened_on=dt.date(2026, 5, 12), text="Beställda."
    )
    with translation.override("en"):
        [item] = my_budgets(participant=me)[0].items
    assert (item.status, item.happened_on) == ("in_progress", dt.date(2026, 5, 12))
    assert item.message == "Update 12 May: Beställda."


def test_fewer_than_five_votes_are_never_a_number() -> None:
    process = BudgetProcessFactory(phase=Phase.BALLOT)
    proposal = ProposalFactory(process=process, title="Scen")
    supporter = ParticipantFactory()
    ProposalParticipant.objects.create(proposal=proposal, participant=supporter, role="supported")
    for _ in range(2):
        _cast(process, ParticipantFactory(), [proposal.pk])
    process.phase = Phase.RESULTS
    process.save()
    with translation.override("en"):
        [mine] = my_budgets(participant=supporter)
    assert mine.roles == ["supported"]
    assert mine.items[0].message == "The proposal got fewer than 5 votes and will be carried out."


def test_an_infeasible_proposal_says_why_to_its_proposer() -> None:
    proposal = ProposalFactory(
        status=ProposalStatus.INFEASIBLE, public_reason="Det kostar för mycket."
    )
    author = ParticipantFactory()
    ProposalParticipant.objects.create(proposal=proposal, participant=author, role="proposed")
    with translation.override("en"):
        [item] = my_budgets(participant=author)[0].items
    assert item.message == "Not feasible: Det kostar för mycket."
    assert my_budgets(participant=None) == []
    assert my_budgets(participant=ParticipantFactory()) == []
