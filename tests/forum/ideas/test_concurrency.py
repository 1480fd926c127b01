"""Racing supports from one phone: the unique constraint keeps exactly one row."""

import pytest

from forum.ideas.models import Idea, Support
from forum.ideas.services import idea_support_add
from forum.participation.models import Participant
from tests.factories import ForumMembershipFactory, IdeaFactory, ParticipantFactory
from tests.forum.polls.test_concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 10


def test_parallel_supports_by_one_participant_leave_exactly_one_support() -> None:
    idea, participant = IdeaFactory(), ParticipantFactory()

    def job():
        return idea_support_add(
            idea=Idea.objects.select_related("board__forum").get(pk=idea.pk),
            participant=Participant.objects.get(pk=participant.pk),
        )

    results = race([job for _ in range(THREADS)])

    assert [r for r in results if isinstance(r, Exception)] == []
    assert Support.objects.filter(idea=idea, participant=participant).count() == 1
    assert len({r.pk for r in results}) == 1


def test_parallel_supports_by_many_participants_are_all_counted() -> None:
    idea = IdeaFactory()
    people = [ParticipantFactory().pk for _ in range(THREADS)]

    def job_for(pid: int):
        def job():
            return idea_support_add(
                idea=Idea.objects.select_related("board__forum").get(pk=idea.pk),
                participant=Participant.objects.get(pk=pid),
            )

        return job

    results = race([job_for(pid) for pid in people])

    assert [r for r in results if isinstance(r, Exception)] == []
    assert Support.objects.filter(idea=idea).count() == THREADS


def test_parallel_reports_hide_once_with_one_audit_record() -> None:
    from forum.ideas.services import idea_report
    from forum.moderation.models import ContentReport, ModerationAction

    idea = IdeaFactory()
    people = [ForumMembershipFactory(forum=idea.board.forum).participant_id for _ in range(6)]

    def job_for(pid: int):
        def job():
            return idea_report(
                idea=Idea.objects.select_related("board__forum").get(pk=idea.pk),
                participant=Participant.objects.get(pk=pid),
            )

        return job

    # Each phone reports twice at once: duplicates collapse, the threshold (3) is met once.
    results = race([job_for(pid) for pid in people for _ in range(2)])

    assert [r for r in results if isinstance(r, Exception)] == []
    idea.refresh_from_db()
    assert idea.moderation_state == "hidden"
    assert ContentReport.objects.filter(object_id=idea.pk).count() == 6
    assert ModerationAction.objects.filter(object_id=idea.pk, kind="reported_hidden").count() == 1


def test_parallel_reports_on_many_ideas_keep_the_per_forum_auto_hide_limit() -> None:
    from forum.ideas.services import idea_report
    from forum.moderation.models import ContentReport
    from forum.moderation.services import AUTO_HIDES_PER_HOUR
    from tests.factories import IdeaBoardFactory

    board = IdeaBoardFactory()
    ideas = [IdeaFactory(board=board) for _ in range(AUTO_HIDES_PER_HOUR + 3)]
    # Two counting reports each already; the third (the threshold) arrives for all at once.
    for idea in ideas:
        for _ in range(2):
            ContentReport.objects.create(
                content=idea,
                participant=ForumMembershipFactory(forum=board.forum).participant,
                forum=board.forum,
                counts=True,
            )
    last = [(idea.pk, ForumMembershipFactory(forum=board.forum).participant_id) for idea in ideas]

    def job_for(idea_id: int, pid: int):
        def job():
            return idea_report(
                idea=Idea.objects.select_related("board__forum").get(pk=idea_id),
                participant=Participant.objects.get(pk=pid),
            )

        return job

    results = race([job_for(idea_id, pid) for idea_id, pid in last])

    assert [r for r in results if isinstance(r, Exception)] == []
    hidden = Idea.objects.filter(board=board, moderation_state="hidden").count()
    assert hidden == AUTO_HIDES_PER_HOUR
