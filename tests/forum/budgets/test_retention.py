"""Budgets' part of gallring and self-erasure: a proposal imported from a young person's
idea loses the copied text like the idea, unless a cast ballot showed it (decision 0056)."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from forum.budgets.models import Ballot, Proposal, ProposalParticipant, ProposalRole
from forum.ideas.models import Support
from forum.participation.retention import (
    ERASED_TEXT,
    EXPIRED_TEXT,
    expired_purge,
    notice,
    participant_erase,
)
from tests.factories import (
    BudgetProcessFactory,
    ForumFactory,
    IdeaBoardFactory,
    IdeaFactory,
    ParticipantFactory,
    ProposalFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "Hemlig"


def _imported(process: Any, young: Any, **fields: Any) -> Proposal:
    board = IdeaBoardFactory(forum=process.forum)
    idea = IdeaFactory(board=board, participant=young, title=f"{SECRET} titel", text=SECRET)
    proposal = ProposalFactory(
        process=process, idea=idea, title=idea.title, description=idea.text, **fields
    )
    ProposalParticipant.objects.create(
        proposal=proposal, participant=young, role=ProposalRole.PROPOSED
    )
    return proposal


def _proposals() -> tuple[Any, Proposal, Proposal, Proposal, Proposal]:
    forum = ForumFactory()
    young = ParticipantFactory()
    open_process = BudgetProcessFactory(forum=forum)
    voted_process = BudgetProcessFactory(forum=forum, phase="results")
    Ballot.objects.create(process=voted_process, participant=None, channel="device")
    proposed = _imported(open_process, young, status="proposed")
    # Someone else supported it: the idea stays as a notice, owned by a stand-in.
    assert proposed.idea is not None
    Support.objects.create(idea=proposed.idea, participant=ParticipantFactory())
    infeasible = _imported(
        voted_process, young, status="infeasible", cost=None, public_reason="Går inte."
    )
    on_ballot = _imported(voted_process, young)
    by_staff = ProposalFactory(process=open_process, title="Personalens förslag")
    return young, proposed, infeasible, on_ballot, by_staff


def _texts(*proposals: Proposal) -> list[tuple[str, str]]:
    return [
        (p.title, p.description) for p in Proposal.objects.filter(pk__in=[p.pk for p in proposals])
    ]


def test_erasure_replaces_the_copied_text_unless_the_proposal_stood_on_a_cast_ballot() -> None:
    young, proposed, infeasible, on_ballot, by_staff = _proposals()

    erased = participant_erase(participant=young, code=None)

    assert _texts(proposed, infeasible) == [(notice(ERASED_TEXT), "")] * 2
    assert _texts(on_ballot) == [(f"{SECRET} titel", SECRET)]
    assert _texts(by_staff) == [("Personalens förslag", "Fler bänkar i parken.")]
    assert erased.counts["proposal_texts_replaced"] == 2
    later = timezone.now() + dt.timedelta(days=proposed.process.forum.retention_days + 1)
    assert expired_purge(now=later).totals["proposal_texts_replaced"] == 0
    assert _texts(proposed, infeasible) == [(notice(ERASED_TEXT), "")] * 2


def test_gallring_replaces_the_copied_text_unless_the_proposal_stood_on_a_cast_ballot() -> None:
    _young, proposed, infeasible, on_ballot, by_staff = _proposals()
    later = timezone.now() + dt.timedelta(days=proposed.process.forum.retention_days + 1)

    report = expired_purge(now=later)

    assert _texts(proposed, infeasible) == [(notice(EXPIRED_TEXT), "")] * 2
    assert _texts(on_ballot) == [(f"{SECRET} titel", SECRET)]
    assert _texts(by_staff) == [("Personalens förslag", "Fler bänkar i parken.")]
    assert report.totals["proposal_texts_replaced"] == 2
    assert expired_purge(now=later).totals.get("proposal_texts_replaced") == 0
