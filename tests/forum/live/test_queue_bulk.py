"""Moderating many queue entries at once: approve all, approve or hide the chosen ones."""

import uuid

import pytest

from forum.core.errors import InvalidInput, NotFound, PermissionDenied
from forum.core.events import (
    LiveAnswersModerated,
    LiveSessionChanged,
    PollTallyChanged,
    live_group,
)
from forum.core.roles import Role
from forum.live.models import ActivityKind, QaQuestion, QaStatus
from forum.live.selectors import live_moderation_queue, live_session_snapshot
from forum.live.services import (
    QueueEntryRef,
    live_queue_moderate,
    live_session_goto,
    qa_question_post,
)
from forum.polls.models import Response, TextStatus
from tests.factories import ParticipantFactory, UserFactory
from tests.forum.live.test_open_text_activities import cloud_and_wall_session, say

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def current_of(session):
    current = live_session_snapshot(code=session.join_code).current
    assert current is not None
    return current


def pre_moderated_cloud(answers: list[str]):
    session, worker, cloud, _wall = cloud_and_wall_session(pre_moderated=True)
    live_session_goto(session=session, actor=worker, activity_id=cloud.pk)
    held = [say(cloud, text) for text in answers]
    assert all(r.text_status == TextStatus.HELD for r in held)
    return session, worker, cloud, held


def test_approve_all_publishes_every_held_answer_and_the_cloud_shows_their_words(
    published, django_capture_on_commit_callbacks
) -> None:
    session, worker, _cloud, held = pre_moderated_cloud(["fotboll", "musik", "fotboll"] * 3)
    assert current_of(session).held == 9
    published.clear()

    with django_capture_on_commit_callbacks(execute=True):
        result = live_queue_moderate(session=session, actor=worker, action="approve")

    assert (result.changed, result.unchanged) == (9, 0)
    assert not Response.objects.filter(text_status=TextStatus.HELD).exists()
    current = current_of(session)
    assert current.held == 0
    assert current.results is not None
    assert {w.word: w.count for w in current.results.words} == {"fotboll": 6, "musik": 3}
    # One event per screen group, however many entries: not one per answer.
    live_events = [e for g, e in published if g == live_group(session.join_code)]
    tally_events = [e for _g, e in published if isinstance(e, PollTallyChanged)]
    assert [type(e) for e in live_events] == [LiveSessionChanged, LiveAnswersModerated]
    assert live_events[0] == LiveSessionChanged(code=session.join_code)
    # ...and one for the authors' phones, naming each author's answer and its new status.
    moderated = live_events[1]
    assert isinstance(moderated, LiveAnswersModerated)
    assert sorted(moderated.changes) == sorted(
        (r.participant_id, r.question_id, TextStatus.PUBLISHED) for r in held
    )
    assert len(tally_events) == 1


def test_approve_all_leaves_hidden_entries_hidden_and_takes_held_qa_questions_too() -> None:
    session, worker, _cloud, held = pre_moderated_cloud(["ett", "två"])
    live_queue_moderate(
        session=session, actor=worker, action="hide", entries=[QueueEntryRef("answer", held[0].pk)]
    )
    qa = session.activities.get(kind=ActivityKind.QA)
    live_session_goto(session=session, actor=worker, activity_id=qa.pk)
    question = qa_question_post(
        session=session,
        participant=ParticipantFactory(),
        activity_id=qa.pk,
        text="Får vi ha öppet längre?",
        idempotency_key=uuid.uuid4(),
    )
    assert question.status == QaStatus.HELD
    assert current_of(session).held == 1  # the big screen's count, never the text
    assert current_of(session).qa == []

    result = live_queue_moderate(session=session, actor=worker, action="approve")

    assert result.changed == 2
    held[0].refresh_from_db()
    assert held[0].text_status == TextStatus.HIDDEN
    assert QaQuestion.objects.get().status == QaStatus.PUBLISHED
    assert [e.status for e in live_moderation_queue(session=session)] == ["hidden"]


def test_approving_the_chosen_entries_touches_only_them_and_a_retry_changes_nothing(
    published, django_capture_on_commit_callbacks
) -> None:
    session, worker, _cloud, held = pre_moderated_cloud(["ett", "två", "tre"])
    chosen = [QueueEntryRef("answer", held[0].pk), QueueEntryRef("answer", held[2].pk)]

    first = live_queue_moderate(session=session, actor=worker, action="approve", entries=chosen)
    published.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = live_queue_moderate(session=session, actor=worker, action="approve", entries=chosen)

    assert (first.changed, again.changed, again.unchanged) == (2, 0, 2)
    assert published == []  # nothing changed, no screen redraws
    statuses = {r.pk: r.text_status for r in Response.objects.all()}
    assert statuses == {
        held[0].pk: TextStatus.PUBLISHED,
        held[1].pk: TextStatus.HELD,
        held[2].pk: TextStatus.PUBLISHED,
    }


def test_an_entry_of_another_session_fails_the_whole_step_and_changes_nothing() -> None:
    session, worker, _cloud, held = pre_moderated_cloud(["ett"])
    _other, _w, _c, foreign = pre_moderated_cloud(["främmande"])

    with pytest.raises(NotFound):
        live_queue_moderate(
            session=session,
            actor=worker,
            action="approve",
            entries=[QueueEntryRef("answer", held[0].pk), QueueEntryRef("answer", foreign[0].pk)],
        )

    assert set(Response.objects.values_list("text_status", flat=True)) == {TextStatus.HELD}


@pytest.mark.parametrize(
    ("action", "entries"),
    [("publish", None), ("approve", []), ("approve", [QueueEntryRef("idea", 1)])],
)
def test_bad_input_is_refused(action, entries) -> None:
    session, worker, _cloud, _held = pre_moderated_cloud(["ett"])

    with pytest.raises((InvalidInput, NotFound)):
        live_queue_moderate(session=session, actor=worker, action=action, entries=entries)

    assert Response.objects.get().text_status == TextStatus.HELD


def test_only_youth_workers_moderate() -> None:
    session, _worker, _cloud, _held = pre_moderated_cloud(["ett"])

    with pytest.raises(PermissionDenied):
        live_queue_moderate(
            session=session, actor=UserFactory(roles=[Role.OFFICIAL]), action="approve"
        )
