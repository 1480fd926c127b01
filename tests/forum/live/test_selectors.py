import pytest

from forum.core.errors import SessionEnded, UnknownJoinCode
from forum.live.models import LiveSessionState
from forum.live.selectors import live_session_by_code, live_session_snapshot, normalise_join_code
from tests.factories import LiveSessionFactory, ResponseFactory, poll_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["FIKA42", "fika42", " fi ka 42 ", "Fika\t42\n", "FI KA42"])
def test_live_session_by_code_normalises_case_and_spaces(typed: str) -> None:
    session = LiveSessionFactory(join_code="FIKA42")

    assert live_session_by_code(code=typed) == session


@pytest.mark.parametrize("typed", ["", "   ", "FIKA4", "FIKA421", "FIKA42FIKA42", "XXXXXX"])
def test_live_session_by_code_refuses_unknown_codes(typed: str) -> None:
    LiveSessionFactory(join_code="FIKA42")

    with pytest.raises(UnknownJoinCode):
        live_session_by_code(code=typed)


def test_live_session_by_code_running_only_says_the_session_ended() -> None:
    session = LiveSessionFactory(join_code="ENDED2", state=LiveSessionState.ENDED)

    assert live_session_by_code(code="ended2") == session
    with pytest.raises(SessionEnded):
        live_session_by_code(code="ended2", running_only=True)
    with pytest.raises(UnknownJoinCode):
        live_session_by_code(code="NOPE22", running_only=True)


def test_normalise_join_code() -> None:
    assert normalise_join_code(" ab cd\tef ") == "ABCDEF"


def test_live_session_snapshot_has_poll_and_results() -> None:
    session = LiveSessionFactory()
    option = poll_of(session).questions.get().options.all()[0]
    ResponseFactory.create_batch(2, option=option)

    snapshot = live_session_snapshot(code=session.join_code.lower())

    assert snapshot.session == session
    assert snapshot.poll == session.current_poll
    assert snapshot.results is not None
    assert snapshot.results.participants == 2
    assert snapshot.results.questions[0].options[0].count == 2


def test_live_session_snapshot_without_poll() -> None:
    session = LiveSessionFactory(current_poll=None)

    snapshot = live_session_snapshot(code=session.join_code)

    assert snapshot.poll is None
    assert snapshot.results is None
