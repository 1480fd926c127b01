"""Budgets' part of gallring and self-erasure (forum/participation/retention.py).

A ballot is a counted vote: it stays, without the phone that cast it (the result of a vote
that may already be decided does not move). Who proposed or supported a proposal is a link
for the phone's /mina-svar only: it goes. A proposal's text went through staff review onto
the public ballot and stays as it is (docs/decisions/0056).
"""

import datetime as dt

from forum.budgets.models import Ballot, ProposalParticipant
from forum.participation.models import Forum
from forum.participation.retention import StandIns


def budgets_purge(forum: Forum, cutoff: dt.datetime, stand_ins: StandIns) -> dict[str, int]:
    ballots = Ballot.objects.filter(
        process__forum=forum, cast_at__lt=cutoff, participant__isnull=False
    ).update(participant=None)
    links, _kinds = ProposalParticipant.objects.filter(
        proposal__process__forum=forum, proposal__created_at__lt=cutoff
    ).delete()
    return {"ballot_links_cut": ballots, "proposal_links_deleted": links}


def budgets_erase(participant_ids: list[int], stand_ins: StandIns) -> dict[str, int]:
    ballots = Ballot.objects.filter(participant_id__in=participant_ids).update(participant=None)
    links, _kinds = ProposalParticipant.objects.filter(participant_id__in=participant_ids).delete()
    return {"ballot_links_cut": ballots, "proposal_links_deleted": links}
