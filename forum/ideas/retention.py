"""Ideas' part of gallring and self-erasure (forum/participation/retention.py).

Gallring keeps every idea and comment as a row (boards, timelines, council links and
budgets keep their counts) but replaces its text with a notice, removes the photo and the
neighbourhood, and moves it and the supports to stand-ins. Self-erasure deletes what nobody
else built on; an idea others supported, commented on, or that staff, a live session, the
council or a budget took further stays as "Removed by the writer" with its counts, and a
comment with replies stays the same way (docs/decisions/0056).
"""

import datetime as dt

from django.db import models
from django.db.models import QuerySet

from forum.core.events import IdeaBoardChanged, idea_board_group, publish_on_commit
from forum.ideas.models import Comment, FeedbackStatus, Idea, Support
from forum.moderation.retention import moderation_history_delete, moderation_text_clear
from forum.participation.models import Forum
from forum.participation.retention import (
    ERASED_TEXT,
    EXPIRED_TEXT,
    StandIns,
    notice,
)


def _boards_changed(board_ids: set[int]) -> None:
    for board_id in sorted(board_ids):
        publish_on_commit(idea_board_group(board_id), IdeaBoardChanged(board_id=board_id))


def _ideas_blank(ideas: "QuerySet[Idea]", *, text: str, stand_ins: StandIns) -> int:
    ids = list(ideas.values_list("pk", flat=True))
    Idea.objects.filter(pk__in=ids).update(
        title=text,
        text=text,
        language="sv",
        category="",
        neighbourhood="",
        photo=None,
        photo_type="",
        photo_width=None,
        photo_height=None,
        screen_reasons=[],
        rejection_reason="",
    )
    moderation_text_clear(model=Idea, ids=ids)
    return stand_ins.move(Idea.objects.filter(pk__in=ids))


def _comments_blank(comments: "QuerySet[Comment]", *, text: str, stand_ins: StandIns) -> int:
    ids = list(comments.values_list("pk", flat=True))
    Comment.objects.filter(pk__in=ids).update(
        text=text, language="sv", screen_reasons=[], rejection_reason=""
    )
    moderation_text_clear(model=Comment, ids=ids)
    return stand_ins.move(Comment.objects.filter(pk__in=ids))


def ideas_purge(forum: Forum, cutoff: dt.datetime, stand_ins: StandIns) -> dict[str, int]:
    text = notice(EXPIRED_TEXT)
    ideas = Idea.objects.filter(
        board__forum=forum, created_at__lt=cutoff, participant__stand_in=False
    )
    comments = Comment.objects.filter(
        idea__board__forum=forum, created_at__lt=cutoff, participant__stand_in=False
    )
    supports = Support.objects.filter(
        idea__board__forum=forum, created_at__lt=cutoff, participant__stand_in=False
    )
    boards = set(ideas.values_list("board_id", flat=True)) | set(
        comments.values_list("idea__board_id", flat=True)
    )
    counts = {
        "ideas_anonymised": _ideas_blank(ideas, text=text, stand_ins=stand_ins),
        "comments_anonymised": _comments_blank(comments, text=text, stand_ins=stand_ins),
        "supports_anonymised": stand_ins.move(supports),
    }
    _boards_changed(boards)
    return counts


def _built_on(ideas: "QuerySet[Idea]", participant_ids: list[int]) -> set[int]:
    """Ideas someone else built on: taken further by staff, or any row of any app that
    points at the idea (a support or comment of someone else, a feedback step, a live
    session's collection, a planning link, a budget proposal). Read from the model graph,
    so a link a higher app adds later is respected without this app knowing it."""
    ids = list(ideas.values_list("pk", flat=True))
    kept = set(ideas.exclude(feedback_status=FeedbackStatus.RECEIVED).values_list("pk", flat=True))
    for rel in Idea._meta.get_fields(include_hidden=True):
        if not isinstance(rel, models.ManyToOneRel):
            continue
        related = rel.related_model
        assert isinstance(related, type)
        rows = related._default_manager.filter(**{f"{rel.field.name}__in": ids})
        if any(f.name == "participant" for f in related._meta.get_fields()):
            rows = rows.exclude(participant_id__in=participant_ids)
        kept |= set(rows.values_list(rel.field.attname, flat=True))
    return kept


def ideas_erase(participant_ids: list[int], stand_ins: StandIns) -> dict[str, int]:
    text = notice(ERASED_TEXT)
    ideas = Idea.objects.filter(participant_id__in=participant_ids)
    comments = Comment.objects.filter(participant_id__in=participant_ids)
    supports = Support.objects.filter(participant_id__in=participant_ids)
    boards = (
        set(ideas.values_list("board_id", flat=True))
        | set(comments.values_list("idea__board_id", flat=True))
        | set(supports.values_list("idea__board_id", flat=True))
    )
    kept = _built_on(ideas, participant_ids)
    gone_ideas = list(ideas.exclude(pk__in=kept).values_list("pk", flat=True))
    gone_comments = list(
        Comment.objects.filter(idea_id__in=gone_ideas).values_list("pk", flat=True)
    )
    moderation_history_delete(model=Idea, ids=gone_ideas)
    moderation_history_delete(model=Comment, ids=gone_comments)
    Idea.objects.filter(pk__in=gone_ideas).delete()
    ideas_kept = _ideas_blank(ideas.filter(pk__in=kept), text=text, stand_ins=stand_ins)
    # Own comments left (on ideas that stay): one with replies of others stays as a notice.
    answered = set(
        Comment.objects.filter(parent__in=comments)
        .exclude(participant_id__in=participant_ids)
        .values_list("parent_id", flat=True)
    )
    lone = list(comments.exclude(pk__in=answered).values_list("pk", flat=True))
    moderation_history_delete(model=Comment, ids=lone)
    _comments_deleted, _kinds = Comment.objects.filter(pk__in=lone).delete()
    comments_kept = _comments_blank(
        comments.filter(pk__in=answered), text=text, stand_ins=stand_ins
    )
    supports_deleted, _kinds = supports.delete()
    _boards_changed(boards)
    return {
        "ideas_deleted": len(gone_ideas),
        "ideas_kept_as_notice": ideas_kept,
        "comments_deleted": len(lone) + len(gone_comments),
        "comments_kept_as_notice": comments_kept,
        "supports_deleted": supports_deleted,
    }
