"""Council's part of gallring and self-erasure (forum/participation/retention.py).

A quote chosen for a brief is a copy of a young person's text. Once its source is gone or
its text replaced by a notice, the copy goes too, so a draft brief cannot keep what the
source no longer holds. A published brief is a frozen snapshot (docs/decisions/0018): it
keeps its figures and quotes as the council received them (docs/decisions/0056).
It is registered to run after the other parts, so theirs is done when it reads.
"""

import datetime as dt

from django.db.models import Q

from forum.council.models import BriefQuote
from forum.ideas.models import Idea
from forum.participation.models import Forum
from forum.participation.retention import StandIns
from forum.polls.models import Response


def quotes_without_source_delete() -> int:
    live_ideas = Idea.objects.filter(participant__stand_in=False).values("pk")
    live_answers = Response.objects.filter(participant__stand_in=False).values("pk")
    orphaned = BriefQuote.objects.filter(
        (Q(source_kind="idea") & ~Q(source_id__in=live_ideas))
        | (Q(source_kind="poll_answer") & ~Q(source_id__in=live_answers))
    )
    deleted, _kinds = orphaned.delete()
    return deleted


def council_purge(forum: Forum, cutoff: dt.datetime, stand_ins: StandIns) -> dict[str, int]:
    return {"brief_quotes_deleted": quotes_without_source_delete()}


def council_erase(participant_ids: list[int], stand_ins: StandIns) -> dict[str, int]:
    return {"brief_quotes_deleted": quotes_without_source_delete()}
