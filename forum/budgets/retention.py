"""Budgets' part of gallring and self-erasure (forum/participation/retention.py).

A ballot is a counted vote: it stays, without the phone that cast it (the result of a vote
that may already be decided does not move). Who proposed or supported a proposal is a link
for the phone's /mina-svar only: it goes. A proposal imported from a young person's idea is
a copy of their text: it is replaced by the notice like the idea, unless the proposal stood
on a ballot that was cast (feasible, and the process has ballots): then it is part of a
public vote's result and stays as it is (docs/decisions/0056).
"""

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet

from forum.budgets.models import (
    Ballot,
    Proposal,
    ProposalParticipant,
    ProposalRole,
    ProposalStatus,
)
from forum.participation.models import Forum
from forum.participation.retention import ERASED_TEXT, EXPIRED_TEXT, StandIns, notice


def _texts_replace(proposals: "QuerySet[Proposal]", *, text: str) -> int:
    """Replace the copied text of ``proposals``, except those a cast ballot showed."""
    voted_on = Q(status=ProposalStatus.FEASIBLE) & Exists(
        Ballot.objects.filter(process_id=OuterRef("process_id"))
    )
    already = [notice(ERASED_TEXT), notice(EXPIRED_TEXT)]
    ids = list(proposals.exclude(voted_on).exclude(title__in=already).values_list("pk", flat=True))
    return Proposal.objects.filter(pk__in=ids).update(title=text, description="")


def _proposed_by(participant_ids: list[int]) -> Q:
    # The proposer's link, not the idea: the ideas' part ran first and may have deleted
    # the idea or moved it to a stand-in.
    return Q(
        Exists(
            ProposalParticipant.objects.filter(
                proposal_id=OuterRef("pk"),
                role=ProposalRole.PROPOSED,
                participant_id__in=participant_ids,
            )
        )
    )


def budgets_purge(forum: Forum, cutoff: dt.datetime, stand_ins: StandIns) -> dict[str, int]:
    proposer = Exists(
        ProposalParticipant.objects.filter(proposal_id=OuterRef("pk"), role=ProposalRole.PROPOSED)
    )
    # Imported from an idea (whose proposer link is still there, or the idea is) and
    # either old enough itself or its idea's text is already gone.
    expired = Proposal.objects.filter(process__forum=forum).filter(
        proposer | Q(idea__isnull=False),
        Q(created_at__lt=cutoff) | Q(idea__participant__stand_in=True),
    )
    texts = _texts_replace(expired, text=notice(EXPIRED_TEXT))
    ballots = Ballot.objects.filter(
        process__forum=forum, cast_at__lt=cutoff, participant__isnull=False
    ).update(participant=None)
    links, _kinds = ProposalParticipant.objects.filter(
        proposal__process__forum=forum, proposal__created_at__lt=cutoff
    ).delete()
    return {
        "ballot_links_cut": ballots,
        "proposal_links_deleted": links,
        "proposal_texts_replaced": texts,
    }


def budgets_erase(participant_ids: list[int], stand_ins: StandIns) -> dict[str, int]:
    texts = _texts_replace(
        Proposal.objects.filter(_proposed_by(participant_ids)), text=notice(ERASED_TEXT)
    )
    ballots = Ballot.objects.filter(participant_id__in=participant_ids).update(participant=None)
    links, _kinds = ProposalParticipant.objects.filter(participant_id__in=participant_ids).delete()
    return {
        "ballot_links_cut": ballots,
        "proposal_links_deleted": links,
        "proposal_texts_replaced": texts,
    }
