import pytest
from django.contrib.auth.models import AnonymousUser

from forum.core.errors import InvalidInput, NotAuthenticated, PermissionDenied
from forum.core.events import LiveSessionChanged, PollTallyChanged, live_group, poll_group
from forum.core.roles import Role
from forum.live import services
from forum.live.models import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, LiveSession, LiveSessionState
from forum.live.services import join_code_generate, live_session_end, live_session_start
from forum.polls.models import PollStatus
from tests.factories import ForumFactory, LiveSessionFactory, PollFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


@pytest.fixture
def worker():
    return UserFactory(roles=[Role.YOUTH_WORKER])


def test_join_code_generate_uses_the_unambiguous_alphabet() -> None:
    codes = {join_code_generate() for _ in range(200)}

    assert all(len(code) == JOIN_CODE_LENGTH for code in codes)
    assert all(set(code) <= set(JOIN_CODE_ALPHABET) for code in codes)
    assert not set("".join(codes)) & set("01OIL")
    assert len(codes) > 190  # random, not a counter


def test_live_session_start_generates_code_and_opens_the_poll(worker) -> None:
    poll = PollFactory(status=PollStatus.DRAFT, opened_at=None)

    session = live_session_start(forum=poll.forum, poll=poll, actor=worker, title="  Fika  ")

    session.refresh_from_db()
    assert len(session.join_code) == 6
    assert set(session.join_code) <= set(JOIN_CODE_ALPHABET)
    assert session.state == LiveSessionState.RUNNING
    assert session.title == "Fika"
    assert session.current_poll == poll
    assert session.created_by == worker
    poll.refresh_from_db()
    assert poll.status == PollStatus.OPEN
    assert poll.opened_at is not None


def test_live_session_start_defaults_title_to_the_poll_title(worker) -> None:
    poll = PollFactory(title="Öppettider")

    assert live_session_start(forum=poll.forum, poll=poll, actor=worker).title == "Öppettider"


def test_live_session_start_retries_when_a_generated_code_is_taken(worker, monkeypatch) -> None:
    taken = LiveSessionFactory(join_code="TAKEN2")
    codes = iter(["TAKEN2", "FRESH3"])
    monkeypatch.setattr(services, "join_code_generate", lambda: next(codes))
    poll = PollFactory(forum=taken.forum)

    session = live_session_start(forum=poll.forum, poll=poll, actor=worker)

    assert session.join_code == "FRESH3"
    assert LiveSession.objects.count() == 2


def test_live_session_start_refuses_a_taken_explicit_code(worker) -> None:
    taken = LiveSessionFactory(join_code="FIKA42")
    poll = PollFactory(forum=taken.forum, status=PollStatus.DRAFT, opened_at=None)

    with pytest.raises(InvalidInput) as excinfo:
        live_session_start(forum=poll.forum, poll=poll, actor=worker, join_code="FIKA42")

    assert "join_code" in excinfo.value.fields
    poll.refresh_from_db()
    assert poll.status == PollStatus.DRAFT  # nothing of the failed start is left


@pytest.mark.parametrize(
    ("actor_factory", "error"),
    [
        (lambda: UserFactory(roles=[Role.OFFICIAL]), PermissionDenied),
        (lambda: UserFactory(), PermissionDenied),
        (AnonymousUser, NotAuthenticated),
        (lambda: None, NotAuthenticated),
    ],
)
def test_live_session_start_requires_youth_worker(actor_factory, error) -> None:
    poll = PollFactory(status=PollStatus.DRAFT, opened_at=None)

    with pytest.raises(error):
        live_session_start(forum=poll.forum, poll=poll, actor=actor_factory())

    assert not LiveSession.objects.exists()
    poll.refresh_from_db()
    assert poll.status == PollStatus.DRAFT


def test_live_session_start_allows_admin() -> None:
    poll = PollFactory()

    session = live_session_start(forum=poll.forum, poll=poll, actor=UserFactory(roles=[Role.ADMIN]))

    assert session.pk is not None


def test_live_session_start_rejects_poll_of_another_forum(worker) -> None:
    poll = PollFactory()

    with pytest.raises(InvalidInput) as excinfo:
        live_session_start(forum=ForumFactory(), poll=poll, actor=worker)

    assert "poll_id" in excinfo.value.fields
    assert not LiveSession.objects.exists()


def test_live_session_start_rejects_closed_poll(worker) -> None:
    poll = PollFactory(status=PollStatus.CLOSED)

    with pytest.raises(InvalidInput):
        live_session_start(forum=poll.forum, poll=poll, actor=worker)

    assert not LiveSession.objects.exists()


def test_live_session_start_publishes_after_commit(
    worker, published, django_capture_on_commit_callbacks
) -> None:
    poll = PollFactory(status=PollStatus.DRAFT, opened_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        session = live_session_start(forum=poll.forum, poll=poll, actor=worker)
        assert published == []

    assert (live_group(session.join_code), LiveSessionChanged(code=session.join_code)) in published
    assert (poll_group(poll.pk), PollTallyChanged(poll_id=poll.pk)) in published


def test_live_session_end_marks_session_ended(
    worker, published, django_capture_on_commit_callbacks
) -> None:
    session = LiveSessionFactory()

    with django_capture_on_commit_callbacks(execute=True):
        ended = live_session_end(session=session, actor=worker)

    assert ended.state == LiveSessionState.ENDED
    assert ended.ended_at is not None
    session.refresh_from_db()
    assert session.state == LiveSessionState.ENDED
    assert published == [
        (live_group(session.join_code), LiveSessionChanged(code=session.join_code))
    ]


def test_live_session_end_twice_keeps_first_end_time(
    worker, published, django_capture_on_commit_callbacks
) -> None:
    session = live_session_end(session=LiveSessionFactory(), actor=worker)

    with django_capture_on_commit_callbacks(execute=True):
        again = live_session_end(session=session, actor=worker)

    assert again.ended_at == session.ended_at
    assert published == []


def test_live_session_end_refuses_official() -> None:
    session = LiveSessionFactory()

    with pytest.raises(PermissionDenied):
        live_session_end(session=session, actor=UserFactory(roles=[Role.OFFICIAL]))

    session.refresh_from_db()
    assert session.state == LiveSessionState.RUNNING
