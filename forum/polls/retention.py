"""Polls' part of gallring and self-erasure (forum/participation/retention.py).

Gallring deletes open-text answers (the free text, word clouds and walls included) and
moves choice answers to stand-ins: results, follow-up and measurement figures keep their
totals, without a link to anyone. A person's answers to one poll expire together (the
newest decides). Self-erasure deletes every answer: the results update.
"""

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet

from forum.core.events import PollTallyChanged, poll_group, publish_on_commit
from forum.moderation.retention import moderation_history_delete
from forum.participation.models import Forum
from forum.participation.retention import StandIns
from forum.polls.models import QuestionKind, Response, VotingCode


def _tallies_changed(responses: "QuerySet[Response]") -> None:
    for poll_id in sorted(set(responses.values_list("question__poll_id", flat=True))):
        publish_on_commit(poll_group(poll_id), PollTallyChanged(poll_id=poll_id))


def _delete(responses: "QuerySet[Response]") -> int:
    ids = list(responses.values_list("pk", flat=True))
    moderation_history_delete(model=Response, ids=ids)
    deleted, _kinds = Response.objects.filter(pk__in=ids).delete()
    return deleted


def polls_purge(forum: Forum, cutoff: dt.datetime, stand_ins: StandIns) -> dict[str, int]:
    # A person's answers to one poll expire together, once the newest is past the cutoff:
    # moved in one run they share one stand-in, so the poll's respondent count stays.
    newer_in_same_poll = Response.objects.filter(
        participant_id=OuterRef("participant_id"),
        question__poll_id=OuterRef("question__poll_id"),
        updated_at__gte=cutoff,
    )
    expired = Response.objects.filter(
        question__poll__forum=forum, updated_at__lt=cutoff, participant__stand_in=False
    ).exclude(Exists(newer_in_same_poll))
    _tallies_changed(expired)
    texts = _delete(expired.filter(question__kind=QuestionKind.OPEN_TEXT))
    moved = stand_ins.move(expired.exclude(question__kind=QuestionKind.OPEN_TEXT))
    codes = VotingCode.objects.filter(
        poll__forum=forum, spent_at__lt=cutoff, participant__isnull=False
    ).update(participant=None)
    return {
        "poll_free_text_deleted": texts,
        "poll_answers_anonymised": moved,
        "voting_code_links_cut": codes,
    }


def polls_erase(participant_ids: list[int], stand_ins: StandIns) -> dict[str, int]:
    answers = Response.objects.filter(participant_id__in=participant_ids)
    _tallies_changed(answers)
    deleted = _delete(answers)
    codes = VotingCode.objects.filter(participant_id__in=participant_ids).update(participant=None)
    return {"poll_answers_deleted": deleted, "voting_code_links_cut": codes}
