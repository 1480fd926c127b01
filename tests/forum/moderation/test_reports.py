"""Reports that one person cannot turn into censorship.

Only a device that had joined the forum before the post, and at least
REPORT_MIN_MEMBERSHIP before it reported, counts; a device counts once; counting reports
must fall within REPORT_WINDOW; auto-hides are limited per forum; staff can restore and
mark reports as abuse. Ideas and comments share the one mechanism (content_report).
"""

import datetime as dt

import pytest
from django.utils import timezone

from forum.core.errors import ModerationNotAllowed, NotAuthenticated, PermissionDenied
from forum.core.models import AuditEntry
from forum.core.roles import Role
from forum.ideas.models import Comment, Idea
from forum.ideas.selectors import moderation_queue
from forum.ideas.services import (
    comment_report,
    comment_reports_mark_abusive,
    idea_moderate,
    idea_report,
    idea_reports_mark_abusive,
)
from forum.moderation.models import ContentReport, ModerationAction, ModerationState
from forum.moderation.services import (
    AUTO_HIDES_PER_HOUR,
    REPORT_MIN_MEMBERSHIP,
    REPORT_WINDOW,
    forum_moderation_save,
)
from forum.participation.services import forum_join
from tests.factories import (
    ForumFactory,
    ForumMembershipFactory,
    IdeaBoardFactory,
    IdeaCommentFactory,
    IdeaFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def worker():
    return UserFactory(roles=[Role.YOUTH_WORKER])


def member(forum, *, joined_ago: dt.timedelta = dt.timedelta(days=1)):
    return ForumMembershipFactory(forum=forum, joined_at=timezone.now() - joined_ago).participant


def state(item) -> str:
    item.refresh_from_db()
    return item.moderation_state


def test_a_hundred_devices_that_never_joined_the_forum_do_not_hide_an_idea() -> None:
    idea = IdeaFactory()

    for _ in range(100):
        idea_report(idea=idea, participant=ParticipantFactory())

    assert state(idea) == ModerationState.PUBLISHED
    # Staff still see every report; none of them counts.
    assert ContentReport.objects.filter(object_id=idea.pk).count() == 100
    assert not ContentReport.objects.filter(counts=True).exists()
    assert [(q.id, q.reports, q.hidden_by_reports) for q in moderation_queue(viewer=worker())] == [
        (idea.pk, 100, False)
    ]


def test_a_hundred_devices_that_joined_after_the_idea_was_posted_do_not_hide_it() -> None:
    idea = IdeaFactory()

    for _ in range(100):
        participant = ParticipantFactory()
        forum_join(forum=idea.board.forum, participant=participant)
        idea_report(idea=idea, participant=participant)

    assert state(idea) == ModerationState.PUBLISHED


def test_devices_that_joined_before_the_post_but_moments_before_reporting_do_not_count() -> None:
    idea = IdeaFactory()
    Idea.objects.filter(pk=idea.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    idea.refresh_from_db()
    recent = REPORT_MIN_MEMBERSHIP / 2 + dt.timedelta(minutes=5)

    for _ in range(5):
        idea_report(idea=idea, participant=member(idea.board.forum, joined_ago=recent))

    assert state(idea) == ModerationState.PUBLISHED


def test_members_of_another_forum_do_not_count() -> None:
    idea = IdeaFactory()
    elsewhere = ForumFactory()

    for _ in range(5):
        idea_report(idea=idea, participant=member(elsewhere))

    assert state(idea) == ModerationState.PUBLISHED


def test_distinct_long_joined_devices_at_the_threshold_hide_the_idea() -> None:
    idea = IdeaFactory()
    forum = idea.board.forum
    forum_moderation_save(forum=forum, pre_moderation=False, report_threshold=4, actor=worker())

    for _ in range(3):
        idea_report(idea=idea, participant=member(forum))
    assert state(idea) == ModerationState.PUBLISHED
    idea_report(idea=idea, participant=member(forum))

    assert state(idea) == ModerationState.HIDDEN
    assert ModerationAction.objects.get(kind="reported_hidden", object_id=idea.pk).reason == "4"


def test_a_repeated_report_from_one_device_counts_once() -> None:
    idea = IdeaFactory()
    forum = idea.board.forum
    forum_moderation_save(forum=forum, pre_moderation=False, report_threshold=2, actor=worker())
    reporter = member(forum)

    first = idea_report(idea=idea, participant=reporter)
    for _ in range(20):
        assert idea_report(idea=idea, participant=reporter).pk == first.pk

    assert ContentReport.objects.filter(object_id=idea.pk).count() == 1
    assert state(idea) == ModerationState.PUBLISHED


def test_reports_older_than_the_window_do_not_add_up() -> None:
    idea = IdeaFactory()
    forum = idea.board.forum
    Idea.objects.filter(pk=idea.pk).update(created_at=timezone.now() - dt.timedelta(days=3))
    idea.refresh_from_db()
    early = [member(forum, joined_ago=dt.timedelta(days=5)) for _ in range(2)]
    for participant in early:
        idea_report(idea=idea, participant=participant)
    ContentReport.objects.update(created_at=timezone.now() - REPORT_WINDOW - dt.timedelta(hours=1))

    idea_report(idea=idea, participant=member(forum, joined_ago=dt.timedelta(days=5)))

    assert state(idea) == ModerationState.PUBLISHED


def test_auto_hiding_is_rate_limited_per_forum_then_reports_only_flag_for_review() -> None:
    board = IdeaBoardFactory()
    forum = board.forum
    ideas = [IdeaFactory(board=board) for _ in range(AUTO_HIDES_PER_HOUR + 1)]
    reporters = [member(forum) for _ in range(3)]
    other_forum_idea = IdeaFactory()

    for idea in ideas:
        for participant in reporters:
            idea_report(idea=idea, participant=participant)

    states = [state(idea) for idea in ideas]
    assert states == [ModerationState.HIDDEN] * AUTO_HIDES_PER_HOUR + [ModerationState.PUBLISHED]
    queued = {q.id: (q.reports, q.hidden_by_reports) for q in moderation_queue(viewer=worker())}
    assert queued[ideas[-1].pk] == (3, False)  # flagged for staff, still published

    # Another forum is not affected by this forum's limit.
    for _ in range(3):
        idea_report(idea=other_forum_idea, participant=member(other_forum_idea.board.forum))
    assert state(other_forum_idea) == ModerationState.HIDDEN

    # An hour later the limit has room again: the next counting report hides the last idea.
    ContentReport.objects.filter(hid_content=True).update(
        created_at=timezone.now() - dt.timedelta(hours=1, minutes=1)
    )
    idea_report(idea=ideas[-1], participant=member(forum))
    assert state(ideas[-1]) == ModerationState.HIDDEN


def test_an_auto_hidden_idea_is_first_in_the_staff_queue() -> None:
    board = IdeaBoardFactory()
    held_earlier = IdeaFactory(board=board, moderation_state=ModerationState.HELD)
    Idea.objects.filter(pk=held_earlier.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    first_hidden, later_hidden = IdeaFactory(board=board), IdeaFactory(board=board)
    for idea in (first_hidden, later_hidden):
        for _ in range(3):
            idea_report(idea=idea, participant=member(board.forum))
    ModerationAction.objects.filter(kind="reported_hidden", object_id=first_hidden.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=30)
    )

    queue = moderation_queue(viewer=worker())

    assert [(q.id, q.hidden_by_reports) for q in queue] == [
        (later_hidden.pk, True),
        (first_hidden.pk, True),
        (held_earlier.pk, False),
    ]


def test_marking_reports_as_abuse_restores_the_idea_and_they_no_longer_count() -> None:
    board = IdeaBoardFactory()
    idea, next_idea = IdeaFactory(board=board), IdeaFactory(board=board)
    reporters = [member(board.forum) for _ in range(3)]
    for participant in reporters:
        idea_report(idea=idea, participant=participant)
    assert state(idea) == ModerationState.HIDDEN
    user = worker()

    record = idea_reports_mark_abusive(idea=idea, actor=user, remark="Samma klass, samma minut.")

    assert state(idea) == ModerationState.PUBLISHED
    assert (record.kind, record.from_state, record.to_state, record.actor, record.reason) == (
        "reports_abuse",
        "hidden",
        "published",
        user,
        "3",
    )
    assert record.remark == "Samma klass, samma minut."
    assert ContentReport.objects.filter(object_id=idea.pk, abusive_by=user).count() == 3
    # A queryset update sends no signal: the service writes its audit entry itself.
    audit = AuditEntry.objects.get(detail__reports_marked_abusive=3)
    assert (audit.actor, audit.object_type, audit.object_id) == (user, "ideas.idea", str(idea.pk))
    assert audit.forum_id == board.forum_id
    assert moderation_queue(viewer=worker()) == []
    # Repeating their reports changes nothing, and these devices no longer hide other posts.
    for participant in reporters:
        idea_report(idea=idea, participant=participant)
        idea_report(idea=next_idea, participant=participant)
    assert state(idea) == ModerationState.PUBLISHED
    assert state(next_idea) == ModerationState.PUBLISHED


def test_marking_abuse_leaves_a_post_hidden_that_a_youth_worker_hid() -> None:
    idea = IdeaFactory()
    idea_report(idea=idea, participant=ParticipantFactory())
    idea_moderate(idea=idea, action="hide", actor=worker())

    record = idea_reports_mark_abusive(idea=idea, actor=worker())

    assert state(idea) == ModerationState.HIDDEN
    assert (record.from_state, record.to_state) == ("hidden", "hidden")


def test_marking_abuse_needs_open_reports_and_a_youth_worker() -> None:
    idea = IdeaFactory()
    with pytest.raises(ModerationNotAllowed):
        idea_reports_mark_abusive(idea=idea, actor=worker())
    idea_report(idea=idea, participant=ParticipantFactory())
    with pytest.raises(NotAuthenticated):
        idea_reports_mark_abusive(idea=idea, actor=None)
    for role in (Role.OFFICIAL, Role.COUNCIL_MEMBER):
        with pytest.raises(PermissionDenied):
            idea_reports_mark_abusive(idea=idea, actor=UserFactory(roles=[role]))
    assert not ContentReport.objects.filter(abusive_at__isnull=False).exists()
    assert not ModerationAction.objects.filter(kind="reports_abuse").exists()


def test_comments_follow_the_same_rules() -> None:
    comment = IdeaCommentFactory()
    forum = comment.idea.board.forum
    for _ in range(10):
        participant = ParticipantFactory()
        forum_join(forum=forum, participant=participant)
        comment_report(comment=comment, participant=participant)
    assert state(comment) == ModerationState.PUBLISHED

    for _ in range(3):
        comment_report(comment=comment, participant=member(forum))
    assert state(comment) == ModerationState.HIDDEN

    comment_reports_mark_abusive(comment=comment, actor=worker())
    assert Comment.objects.get(pk=comment.pk).moderation_state == ModerationState.PUBLISHED
