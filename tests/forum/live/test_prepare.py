"""Preparing a live session: draft → running → ended (never back), activities edited,
reordered and removed while they have not been shown, and info slide pictures."""

import io
import uuid

import pytest
from PIL import Image

from forum.core.errors import (
    ActivityAlreadyShown,
    ImageRejected,
    InvalidInput,
    InvalidStateTransition,
    NotAuthenticated,
    PermissionDenied,
    SessionEnded,
    SessionNotStarted,
)
from forum.core.roles import Role
from forum.live.models import ActivityKind, LiveActivity, LiveSession, LiveSessionState
from forum.live.selectors import live_session_by_code, live_session_snapshot
from forum.live.services import (
    live_activities_reorder,
    live_activity_add,
    live_activity_image_remove,
    live_activity_image_set,
    live_activity_remove,
    live_activity_update,
    live_answer_submit,
    live_answering_set,
    live_session_begin,
    live_session_end,
    live_session_goto,
    live_session_prepare,
    qa_question_post,
)
from forum.polls.models import PollStatus
from tests.factories import (
    ForumFactory,
    ParticipantFactory,
    PollFactory,
    UserFactory,
    live_session_with_activities,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


@pytest.fixture
def worker():
    return UserFactory(roles=[Role.YOUTH_WORKER])


def draft_with_activities(worker) -> LiveSession:
    """A draft: a poll question (of a draft poll), a Q&A round and an info slide."""
    forum = ForumFactory(pre_moderation=False)
    poll = PollFactory(forum=forum, status=PollStatus.DRAFT, opened_at=None)
    session = live_session_prepare(forum=forum, actor=worker, title="Torsdagsträff")
    live_activity_add(
        session=session,
        actor=worker,
        kind=ActivityKind.POLL_QUESTION,
        question=poll.questions.get(),
    )
    live_activity_add(session=session, actor=worker, kind=ActivityKind.QA, title="Frågor")
    live_activity_add(
        session=session, actor=worker, kind=ActivityKind.INFO_SLIDE, title="Paus", body="Fika"
    )
    session.refresh_from_db()
    return session


def order(session: LiveSession) -> list[int]:
    return list(session.activities.values_list("pk", flat=True))


def jpeg_with_exif(size: tuple[int, int] = (1600, 1200)) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buf, format="JPEG", exif=exif.tobytes())
    return buf.getvalue()


# --- the state machine ---------------------------------------------------------------------


def test_a_prepared_session_is_a_draft_with_nothing_current(worker) -> None:
    session = draft_with_activities(worker)

    assert session.state == LiveSessionState.DRAFT
    assert session.current_activity_id is None
    assert session.activities.count() == 3
    assert live_session_snapshot(code=session.join_code).current is None


def test_phones_cannot_join_or_answer_a_draft(worker) -> None:
    session = draft_with_activities(worker)
    first = session.activities.select_related("question").first()
    assert first is not None
    assert first.question is not None

    with pytest.raises(SessionNotStarted):
        live_session_by_code(code=session.join_code, running_only=True)
    with pytest.raises(SessionNotStarted):
        live_answer_submit(
            session=session,
            participant=ParticipantFactory(),
            question_id=first.question.pk,
            option_id=first.question.options.all()[0].pk,
            idempotency_key=uuid.uuid4(),
        )
    qa = session.activities.get(kind=ActivityKind.QA)
    with pytest.raises(SessionNotStarted):
        qa_question_post(
            session=session,
            participant=ParticipantFactory(),
            activity_id=qa.pk,
            text="Hej?",
            idempotency_key=uuid.uuid4(),
        )


def test_presenter_controls_wait_for_the_start(worker) -> None:
    session = draft_with_activities(worker)

    with pytest.raises(SessionNotStarted):
        live_session_goto(session=session, actor=worker, step=1)
    with pytest.raises(SessionNotStarted):
        live_answering_set(session=session, actor=worker, open=False)


def test_start_makes_the_first_activity_current_and_opens_its_poll(worker) -> None:
    session = draft_with_activities(worker)
    first = session.activities.select_related("question__poll").first()
    assert first is not None
    assert first.question is not None
    version = session.version

    started = live_session_begin(session=session, actor=worker)

    started.refresh_from_db()
    assert started.state == LiveSessionState.RUNNING
    assert started.current_activity_id == first.pk
    assert started.current_poll_id == first.question.poll_id
    assert started.version > version
    first.question.poll.refresh_from_db()
    assert first.question.poll.status == PollStatus.OPEN
    assert live_session_by_code(code=session.join_code, running_only=True) == started


def test_no_going_back_draft_running_ended(worker) -> None:
    session = draft_with_activities(worker)
    live_session_begin(session=session, actor=worker)

    with pytest.raises(InvalidStateTransition):
        live_session_begin(session=session, actor=worker)
    live_session_end(session=session, actor=worker)
    with pytest.raises(InvalidStateTransition):
        live_session_begin(session=session, actor=worker)
    session.refresh_from_db()
    assert session.state == LiveSessionState.ENDED
    with pytest.raises(SessionEnded):
        live_activity_add(session=session, actor=worker, kind=ActivityKind.QA)


def test_an_empty_draft_cannot_start(worker) -> None:
    session = live_session_prepare(forum=ForumFactory(), actor=worker, title="Tom")

    with pytest.raises(InvalidInput) as exc:
        live_session_begin(session=session, actor=worker)

    assert "activities" in exc.value.fields
    session.refresh_from_db()
    assert session.state == LiveSessionState.DRAFT


def test_a_draft_needs_a_name_and_a_known_pacing(worker) -> None:
    with pytest.raises(InvalidInput) as exc:
        live_session_prepare(forum=ForumFactory(), actor=worker, title="  ", pacing="random")

    assert set(exc.value.fields) == {"title", "pacing"}
    assert not LiveSession.objects.exists()


def test_self_paced_draft_keeps_its_pacing_after_the_start(worker) -> None:
    session = live_session_prepare(forum=ForumFactory(), actor=worker, title="Själv", pacing="self")
    live_activity_add(session=session, actor=worker, kind=ActivityKind.INFO_SLIDE, title="Hej")

    live_session_begin(session=session, actor=worker)

    session.refresh_from_db()
    assert session.pacing == "self"


def test_starting_directly_from_a_poll_still_runs_at_once() -> None:
    session, _worker = live_session_with_activities()

    assert session.state == LiveSessionState.RUNNING
    assert session.current_activity_id == order(session)[0]


@pytest.mark.parametrize("role", [None, Role.OFFICIAL, Role.COUNCIL_MEMBER])
def test_only_youth_workers_prepare_and_start(worker, role) -> None:
    outsider = UserFactory(roles=[role] if role else [])
    session = draft_with_activities(worker)
    ids = order(session)
    calls = [
        lambda: live_session_prepare(forum=session.forum, actor=outsider, title="X"),
        lambda: live_session_begin(session=session, actor=outsider),
        lambda: live_activity_add(session=session, actor=outsider, kind=ActivityKind.QA),
        lambda: live_activity_update(
            session=session, activity_id=ids[1], actor=outsider, title="X", body=""
        ),
        lambda: live_activity_remove(session=session, activity_id=ids[1], actor=outsider),
        lambda: live_activities_reorder(session=session, actor=outsider, order=ids[::-1]),
        lambda: live_activity_image_set(
            session=session, activity_id=ids[2], data=jpeg_with_exif(), alt="x", actor=outsider
        ),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    with pytest.raises(NotAuthenticated):
        live_session_begin(session=session, actor=None)
    session.refresh_from_db()
    assert session.state == LiveSessionState.DRAFT
    assert order(session) == ids


# --- editing the activity list -------------------------------------------------------------


def test_a_draft_can_be_reordered_edited_and_trimmed_freely(worker) -> None:
    session = draft_with_activities(worker)
    poll_q, qa, info = order(session)

    live_activities_reorder(session=session, actor=worker, order=[info, poll_q, qa])
    live_activity_update(session=session, activity_id=qa, actor=worker, title="Nytt", body="")
    live_activity_remove(session=session, activity_id=poll_q, actor=worker)

    assert order(session) == [info, qa]
    assert LiveActivity.objects.get(pk=qa).title == "Nytt"
    live_session_begin(session=session, actor=worker)
    session.refresh_from_db()
    assert session.current_activity_id == info


def test_reorder_must_name_every_activity_once(worker) -> None:
    session = draft_with_activities(worker)
    ids = order(session)

    for bad in ([ids[0], ids[1]], [ids[0], ids[0], ids[1]], [*ids, 999_999]):
        with pytest.raises(InvalidInput):
            live_activities_reorder(session=session, actor=worker, order=bad)
    assert order(session) == ids


def test_while_running_only_what_is_still_to_come_moves(worker) -> None:
    session, worker = live_session_with_activities()  # poll q1 (current), poll q2, Q&A, info
    q1, q2, qa, info = order(session)

    live_activities_reorder(session=session, actor=worker, order=[q1, info, qa, q2])
    assert order(session) == [q1, info, qa, q2]

    with pytest.raises(ActivityAlreadyShown):
        live_activities_reorder(session=session, actor=worker, order=[info, q1, qa, q2])
    live_session_goto(session=session, actor=worker, activity_id=info)
    with pytest.raises(ActivityAlreadyShown):
        live_activities_reorder(session=session, actor=worker, order=[q1, qa, info, q2])
    assert order(session) == [q1, info, qa, q2]


def test_while_running_the_current_and_earlier_activities_cannot_change(worker) -> None:
    session, worker = live_session_with_activities()
    q1, q2, qa, info = order(session)
    live_session_goto(session=session, actor=worker, activity_id=q2)

    for activity_id in (q1, q2):
        with pytest.raises(ActivityAlreadyShown):
            live_activity_remove(session=session, activity_id=activity_id, actor=worker)
        with pytest.raises(ActivityAlreadyShown):
            live_activity_update(
                session=session, activity_id=activity_id, actor=worker, title="X", body=""
            )
    live_activity_update(session=session, activity_id=info, actor=worker, title="Rast", body="")
    live_activity_remove(session=session, activity_id=qa, actor=worker)

    assert order(session) == [q1, q2, info]
    assert LiveActivity.objects.get(pk=info).title == "Rast"


def test_an_activity_once_shown_stays_on_record_after_stepping_back(worker) -> None:
    session, worker = live_session_with_activities()  # poll q1 (current), poll q2, Q&A, info
    q1, q2, qa, info = order(session)
    live_session_goto(session=session, actor=worker, activity_id=info)  # q2 and Q&A skipped
    live_session_goto(session=session, actor=worker, activity_id=q1)

    with pytest.raises(ActivityAlreadyShown):
        live_activity_update(session=session, activity_id=info, actor=worker, title="X", body="")
    with pytest.raises(ActivityAlreadyShown):
        live_activity_remove(session=session, activity_id=info, actor=worker)
    # Never on the screens, so still editable though an activity after it was shown.
    live_activity_update(session=session, activity_id=q2, actor=worker, title="Fråga 2", body="")
    live_activity_remove(session=session, activity_id=qa, actor=worker)
    assert order(session) == [q1, q2, info]


def test_an_activity_with_questions_in_it_is_not_removed(worker) -> None:
    session, worker = live_session_with_activities()
    q1, _q2, qa, _info = order(session)
    live_session_goto(session=session, actor=worker, activity_id=qa)
    qa_question_post(
        session=session,
        participant=ParticipantFactory(),
        activity_id=qa,
        text="Får vi ha disco?",
        idempotency_key=uuid.uuid4(),
    )
    live_session_goto(session=session, actor=worker, activity_id=q1)

    with pytest.raises(ActivityAlreadyShown):
        live_activity_remove(session=session, activity_id=qa, actor=worker)
    assert LiveActivity.objects.filter(pk=qa).exists()


def test_activities_added_to_a_draft_do_not_become_current(worker) -> None:
    session = live_session_prepare(forum=ForumFactory(), actor=worker, title="Utkast")

    live_activity_add(session=session, actor=worker, kind=ActivityKind.QA)

    session.refresh_from_db()
    assert session.current_activity_id is None


# --- info slide pictures -------------------------------------------------------------------


def test_an_info_slide_picture_is_resized_and_stripped_of_exif(worker) -> None:
    session = draft_with_activities(worker)
    info = session.activities.get(kind=ActivityKind.INFO_SLIDE)

    live_activity_image_set(
        session=session,
        activity_id=info.pk,
        data=jpeg_with_exif(),
        alt="Karta till fritidsgården",
        actor=worker,
    )

    info.refresh_from_db()
    assert info.image is not None
    data = bytes(info.image)
    stored = Image.open(io.BytesIO(data))
    assert stored.size == (1280, 960)
    assert dict(stored.getexif()) == {}
    assert b"PhoneMaker" not in data
    assert info.image_alt == "Karta till fritidsgården"
    assert info.image_type == "image/jpeg"


def test_an_info_slide_picture_needs_alt_text_and_a_real_picture(worker) -> None:
    session = draft_with_activities(worker)
    info = session.activities.get(kind=ActivityKind.INFO_SLIDE)

    with pytest.raises(InvalidInput) as exc:
        live_activity_image_set(
            session=session, activity_id=info.pk, data=jpeg_with_exif(), alt=" ", actor=worker
        )
    assert list(exc.value.fields) == ["alt"]
    with pytest.raises(ImageRejected):
        live_activity_image_set(
            session=session, activity_id=info.pk, data=b"%PDF-1.4", alt="Karta", actor=worker
        )
    info.refresh_from_db()
    assert info.image_type == ""
    assert info.image is None


def test_only_info_slides_get_a_picture_and_it_can_be_removed(worker) -> None:
    session = draft_with_activities(worker)
    qa = session.activities.get(kind=ActivityKind.QA)
    info = session.activities.get(kind=ActivityKind.INFO_SLIDE)

    with pytest.raises(InvalidInput):
        live_activity_image_set(
            session=session, activity_id=qa.pk, data=jpeg_with_exif(), alt="Karta", actor=worker
        )
    live_activity_image_set(
        session=session, activity_id=info.pk, data=jpeg_with_exif(), alt="Karta", actor=worker
    )
    live_activity_image_remove(session=session, activity_id=info.pk, actor=worker)

    info.refresh_from_db()
    assert info.image is None
    assert info.image_type == ""
    assert info.image_alt == ""
    assert info.image_updated_at is not None


def test_seed_demo_prepares_an_idea_session_once() -> None:
    from django.core.management import call_command

    call_command("seed_demo", quiet=True)
    call_command("seed_demo", quiet=True)

    session = LiveSession.objects.get(join_code="TENSTA")
    assert session.state == LiveSessionState.DRAFT
    kinds = list(session.activities.values_list("kind", "image_type"))
    assert kinds == [("info_slide", "image/jpeg"), ("idea_collection", "")]
    board = session.activities.get(kind="idea_collection").board
    assert board is not None
    assert board.question == "Vad ska förändras i Tensta centrum?"
    fika = LiveSession.objects.get(join_code="FIKA42")
    assert list(fika.activities.values_list("kind", flat=True)) == [
        "poll_question",
        "qa",
        "info_slide",
        "word_cloud",
        "open_wall",
    ]
