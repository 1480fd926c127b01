"""Council's part of gallring and self-erasure (forum/participation/retention.py).

A quote chosen for a brief is a copy of a young person's text. Once its source is gone or
its text replaced by a notice, the copy goes too, so a draft brief cannot keep what the
source no longer holds. A published brief is a frozen snapshot (docs/decisions/0018): it
keeps its figures as the council received them, but a quote in it whose source went is
replaced by the same notice, and so are an expired in-person workshop's quotes in it
(docs/decisions/0056).
It is registered to run after the other parts, so theirs is done when it reads.
"""

import datetime as dt

from django.db.models import Q

from forum.council.models import BriefQuote, BriefVersion
from forum.ideas.models import Idea
from forum.live.models import OfflineWorkshop
from forum.participation.models import Forum
from forum.participation.retention import ERASED_TEXT, EXPIRED_TEXT, StandIns, notice
from forum.polls.models import Response


def _snapshot_quotes_replace(quote_ids: set[int], *, text: str) -> int:
    """Replace the text of the quotes ``quote_ids`` (BriefQuote ids, which the snapshot
    keeps with each quote) in every published version; the rest of it stays frozen."""
    if not quote_ids:
        return 0
    replaced = 0
    for version in BriefVersion.objects.filter(snapshot__isnull=False).order_by("pk"):
        changed = False
        for item in version.snapshot.get("items", []):
            for quote in item.get("quotes", []):
                if quote.get("id") in quote_ids and quote.get("text") != text:
                    quote["text"] = text
                    changed = True
                    replaced += 1
        if changed:
            BriefVersion.objects.filter(pk=version.pk).update(snapshot=version.snapshot)
    return replaced


def quotes_without_source_delete(*, text: str) -> dict[str, int]:
    live_ideas = Idea.objects.filter(participant__stand_in=False).values("pk")
    live_answers = Response.objects.filter(participant__stand_in=False).values("pk")
    orphaned = BriefQuote.objects.filter(
        (Q(source_kind="idea") & ~Q(source_id__in=live_ideas))
        | (Q(source_kind="poll_answer") & ~Q(source_id__in=live_answers))
    )
    # A snapshot keeps each quote with its BriefQuote id, which names the source.
    quote_ids = set(orphaned.values_list("pk", flat=True))
    in_snapshots = _snapshot_quotes_replace(quote_ids, text=text)
    deleted, _kinds = BriefQuote.objects.filter(pk__in=quote_ids).delete()
    return {"brief_quotes_deleted": deleted, "published_brief_quotes_replaced": in_snapshots}


def _snapshot_workshop_quotes_replace(workshop_ids: set[int], *, text: str) -> int:
    """The quotes of expired in-person workshops (live's part deleted them) in every
    published version, each replaced by the notice."""
    if not workshop_ids:
        return 0
    replaced = 0
    for version in BriefVersion.objects.filter(snapshot__isnull=False).order_by("pk"):
        changed = False
        for item in version.snapshot.get("items", []):
            for workshop in item.get("workshops", []):
                if workshop.get("id") not in workshop_ids:
                    continue
                quotes = workshop.get("quotes", [])
                replaced += sum(1 for quote in quotes if quote != text)
                if any(quote != text for quote in quotes):
                    workshop["quotes"] = [text for _quote in quotes]
                    changed = True
        if changed:
            BriefVersion.objects.filter(pk=version.pk).update(snapshot=version.snapshot)
    return replaced


def council_purge(forum: Forum, cutoff: dt.datetime, stand_ins: StandIns) -> dict[str, int]:
    text = notice(EXPIRED_TEXT)
    # The same age as live's part uses for the workshop's own quotes.
    workshops = set(
        OfflineWorkshop.objects.filter(forum=forum, entered_at__lt=cutoff).values_list(
            "pk", flat=True
        )
    )
    return {
        **quotes_without_source_delete(text=text),
        "published_workshop_quotes_replaced": _snapshot_workshop_quotes_replace(
            workshops, text=text
        ),
    }


def council_erase(participant_ids: list[int], stand_ins: StandIns) -> dict[str, int]:
    return quotes_without_source_delete(text=notice(ERASED_TEXT))
