"""Idea collection: phones post short ideas onto an idea board of the forum (the ideas app's
moderation, idempotency and board rules), support others' ideas, under the live rules."""

import uuid
from typing import Any

import pytest

from forum.core.errors import (
    ActivityNotCurrent,
    AnsweringLocked,
    ContentBlocked,
    InvalidInput,
    NotFound,
    PermissionDenied,
    SessionNotStarted,
)
from forum.core.roles import Role
from forum.ideas.models import Idea, Support
from forum.live.models import ActivityIdea, ActivityKind, LiveActivity, LiveSession
from forum.live.selectors import (
    live_idea_queue,
    live_participant_state,
    live_session_snapshot,
)
from forum.live.services import (
    live_activity_add,
    live_answering_set,
    live_idea_moderate,
    live_idea_submit,
    live_idea_support,
    live_session_begin,
    live_session_end,
    live_session_goto,
    live_session_prepare,
)
from forum.live.summary import live_session_export
from forum.moderation.models import ModerationAction, ModerationState
from tests.factories import (
    ForumFactory,
    IdeaBoardFactory,
    IdeaFactory,
    ParticipantFactory,
    UserFactory,
    live_session_with_activities,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def collecting(
    *, pre_moderated: bool = False, pacing: str = "presenter"
) -> tuple[LiveSession, LiveActivity, Any]:
    """A running session whose current activity collects ideas onto a board of its forum."""
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    forum = ForumFactory(pre_moderation=pre_moderated)
    board = IdeaBoardFactory(forum=forum, question="Vad ska fritidsgården göra i sommar?")
    session = live_session_prepare(forum=forum, actor=worker, title="Idéverkstad", pacing=pacing)
    activity = live_activity_add(
        session=session, actor=worker, kind=ActivityKind.IDEA_COLLECTION, board=board
    )
    live_activity_add(session=session, actor=worker, kind=ActivityKind.INFO_SLIDE, title="Tack")
    live_session_begin(session=session, actor=worker)
    session.refresh_from_db()
    return session, activity, worker


def post(session, activity, participant=None, title="Grillkväll", text="", key=None) -> Idea:
    return live_idea_submit(
        session=session,
        participant=participant or ParticipantFactory(),
        activity_id=activity.pk,
        title=title,
        text=text,
        idempotency_key=key or uuid.uuid4(),
    )


def test_an_idea_collection_points_at_a_board_of_the_same_forum() -> None:
    session, worker = live_session_with_activities()
    other_forum_board = IdeaBoardFactory()

    with pytest.raises(InvalidInput) as exc:
        live_activity_add(
            session=session,
            actor=worker,
            kind=ActivityKind.IDEA_COLLECTION,
            board=other_forum_board,
        )
    assert list(exc.value.fields) == ["board_id"]
    with pytest.raises(InvalidInput):
        live_activity_add(session=session, actor=worker, kind=ActivityKind.IDEA_COLLECTION)
    with pytest.raises(InvalidInput):
        live_activity_add(
            session=session, actor=worker, kind=ActivityKind.QA, board_question="Vad?"
        )


def test_a_board_can_be_created_on_the_spot_with_a_question() -> None:
    session, worker = live_session_with_activities()

    activity = live_activity_add(
        session=session,
        actor=worker,
        kind=ActivityKind.IDEA_COLLECTION,
        board_question="Hur gör vi parken tryggare?",
    )

    assert activity.board is not None
    assert activity.board.forum_id == session.forum_id
    assert activity.board.question == "Hur gör vi parken tryggare?"
    assert activity.board.created_by == worker
    assert activity.title == "Hur gör vi parken tryggare?"  # shown above the ideas


def test_a_posted_idea_lands_on_the_board_and_on_the_big_screen() -> None:
    session, activity, _worker = collecting()

    idea = post(session, activity, title="Grillkväll", text="Varje fredag i juli")

    assert idea.board_id == activity.board_id
    assert idea.moderation_state == ModerationState.PUBLISHED
    current = live_session_snapshot(code=session.join_code).current
    assert current is not None
    assert [(c.id, c.title, c.text, c.supports) for c in current.ideas] == [
        (idea.pk, "Grillkväll", "Varje fredag i juli", 0)
    ]
    assert [c.id for c in current.ideas_newest] == [idea.pk]
    assert current.answer_count == 1


def test_a_retry_with_the_same_key_posts_once() -> None:
    session, activity, _worker = collecting()
    phone = ParticipantFactory()
    key = uuid.uuid4()

    first = post(session, activity, participant=phone, key=key)
    again = post(session, activity, participant=phone, key=key)

    assert first.pk == again.pk
    assert Idea.objects.count() == 1


def test_the_activity_that_collected_an_idea_is_recorded_once() -> None:
    session, activity, _worker = collecting()
    phone = ParticipantFactory()
    key = uuid.uuid4()

    idea = post(session, activity, participant=phone, key=key)
    post(session, activity, participant=phone, key=key)
    IdeaFactory(board=activity.board)  # posted on the board's own page: no activity

    assert list(ActivityIdea.objects.values_list("activity_id", "idea_id")) == [
        (activity.pk, idea.pk)
    ]


def test_live_rules_apply_locked_not_current_not_started() -> None:
    session, activity, worker = collecting()
    live_answering_set(session=session, actor=worker, open=False)
    with pytest.raises(AnsweringLocked):
        post(session, activity)
    live_answering_set(session=session, actor=worker, open=True)
    live_session_goto(session=session, actor=worker, step=1)
    with pytest.raises(ActivityNotCurrent):
        post(session, activity)
    assert not Idea.objects.exists()

    draft = live_session_prepare(forum=session.forum, actor=worker, title="Sen")
    later = live_activity_add(
        session=draft, actor=worker, kind=ActivityKind.IDEA_COLLECTION, board=activity.board
    )
    with pytest.raises(SessionNotStarted):
        post(draft, later)


def test_self_paced_phones_post_to_any_idea_collection() -> None:
    session, activity, worker = collecting(pacing="self")
    live_session_goto(session=session, actor=worker, step=1)

    idea = post(session, activity)

    assert idea.board_id == activity.board_id


def test_the_forums_moderation_rules_apply() -> None:
    from forum.moderation.wordlists import DEFAULT_WORDS

    session, activity, _worker = collecting()
    blocked = DEFAULT_WORDS[("sv", "block")][0]
    with pytest.raises(ContentBlocked):
        post(session, activity, title=f"du är {blocked}")
    held = post(session, activity, title="Ring mig", text="0701234567")

    assert held.moderation_state == ModerationState.HELD
    current = live_session_snapshot(code=session.join_code).current
    assert current is not None
    assert current.ideas == []
    assert [i.id for i in live_idea_queue(session=session)] == [held.pk]


def test_pre_moderated_ideas_wait_for_approval_in_the_console() -> None:
    session, activity, worker = collecting(pre_moderated=True)
    idea = post(session, activity)
    assert idea.moderation_state == ModerationState.HELD

    approved = live_idea_moderate(session=session, idea_id=idea.pk, action="approve", actor=worker)

    assert approved.moderation_state == ModerationState.PUBLISHED
    assert live_idea_queue(session=session) == []
    current = live_session_snapshot(code=session.join_code).current
    assert current is not None
    assert [c.id for c in current.ideas] == [idea.pk]
    assert ModerationAction.objects.filter(object_id=idea.pk, kind="approve", actor=worker).exists()

    live_idea_moderate(session=session, idea_id=idea.pk, action="hide", actor=worker)
    current = live_session_snapshot(code=session.join_code).current
    assert current is not None
    assert current.ideas == []
    assert [(i.id, i.status) for i in live_idea_queue(session=session)] == [(idea.pk, "hidden")]


def test_moderation_needs_a_youth_worker_and_an_idea_of_this_session() -> None:
    session, activity, _worker = collecting(pre_moderated=True)
    idea = post(session, activity)
    elsewhere = IdeaFactory()

    with pytest.raises(PermissionDenied):
        live_idea_moderate(
            session=session,
            idea_id=idea.pk,
            action="approve",
            actor=UserFactory(roles=[Role.OFFICIAL]),
        )
    with pytest.raises(NotFound):
        live_idea_moderate(session=session, idea_id=elsewhere.pk, action="hide", actor=_worker)
    with pytest.raises(InvalidInput):
        live_idea_moderate(session=session, idea_id=idea.pk, action="reject", actor=_worker)
    idea.refresh_from_db()
    assert idea.moderation_state == ModerationState.HELD


def test_supports_count_once_per_phone_and_order_the_cards() -> None:
    session, activity, _worker = collecting()
    first = post(session, activity, title="Första")
    second = post(session, activity, title="Andra")
    phones = [ParticipantFactory() for _ in range(3)]
    for phone in phones:
        live_idea_support(session=session, participant=phone, idea_id=second.pk, support=True)
    live_idea_support(session=session, participant=phones[0], idea_id=second.pk, support=True)
    live_idea_support(session=session, participant=phones[0], idea_id=first.pk, support=True)
    live_idea_support(session=session, participant=phones[1], idea_id=second.pk, support=False)

    current = live_session_snapshot(code=session.join_code).current
    assert current is not None
    assert [(c.title, c.supports) for c in current.ideas] == [("Andra", 2), ("Första", 1)]
    assert [c.title for c in current.ideas_newest] == ["Andra", "Första"]
    mine = live_participant_state(session=session, participant=phones[0])
    assert mine.supported == sorted([first.pk, second.pk])
    assert Support.objects.count() == 3


def test_supports_follow_the_live_rules_and_only_this_sessions_boards() -> None:
    session, activity, worker = collecting()
    idea = post(session, activity)
    phone = ParticipantFactory()
    with pytest.raises(NotFound):
        live_idea_support(
            session=session, participant=phone, idea_id=IdeaFactory().pk, support=True
        )
    live_answering_set(session=session, actor=worker, open=False)
    with pytest.raises(AnsweringLocked):
        live_idea_support(session=session, participant=phone, idea_id=idea.pk, support=True)
    live_answering_set(session=session, actor=worker, open=True)
    live_session_goto(session=session, actor=worker, step=1)
    with pytest.raises(ActivityNotCurrent):
        live_idea_support(session=session, participant=phone, idea_id=idea.pk, support=True)
    assert not Support.objects.exists()


def test_a_held_idea_cannot_be_supported() -> None:
    session, activity, _worker = collecting(pre_moderated=True)
    idea = post(session, activity)

    with pytest.raises(NotFound):
        live_idea_support(
            session=session, participant=ParticipantFactory(), idea_id=idea.pk, support=True
        )


def test_the_phone_sees_its_own_ideas_with_their_state() -> None:
    session, activity, _worker = collecting(pre_moderated=True)
    phone = ParticipantFactory()
    idea = post(session, activity, participant=phone, title="Läxhjälp")

    mine = live_participant_state(session=session, participant=phone)

    assert [(i.id, i.title, i.status) for i in mine.ideas] == [(idea.pk, "Läxhjälp", "held")]


def test_ideas_stay_on_the_board_after_the_session_and_are_exported() -> None:
    session, activity, worker = collecting()
    idea = post(session, activity, title="Grillkväll")
    live_idea_support(
        session=session, participant=ParticipantFactory(), idea_id=idea.pk, support=True
    )

    live_session_end(session=session, actor=worker)

    assert Idea.objects.get(pk=idea.pk).board_id == activity.board_id
    rows = [r for r in live_session_export(session=session) if r.kind == "idea_collection"]
    assert [(r.item, r.count) for r in rows] == [("Grillkväll", None)]  # 1: fewer than 5
