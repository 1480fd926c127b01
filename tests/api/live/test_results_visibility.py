"""A live session's frames under the poll's results visibility mode: the phones' shared
frame withholds results until the mode allows them; the big screen gets them as soon as
the youth worker's reveal control is on. Through the real ASGI app and the hub."""

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.test import Client

from forum.core.roles import Role
from forum.polls.models import ResultsVisibility
from forum.polls.services import poll_close, poll_results_reveal
from tests.api.live.test_consumers import SAME_ORIGIN, communicator, receive
from tests.factories import LiveSessionFactory, UserFactory
from tests.support.mfa import staff_login

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("youth_workers_in_every_forum"),
]


def session_in_mode(mode: str):
    session = LiveSessionFactory()
    poll = session.current_poll
    assert poll is not None
    poll.results_visibility = mode
    poll.save()
    return session


def youth_worker_headers() -> list[tuple[bytes, bytes]]:
    client = Client()
    staff_login(client, UserFactory(roles=[Role.YOUTH_WORKER]))
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [*SAME_ORIGIN, (b"cookie", f"{settings.SESSION_COOKIE_NAME}={value}".encode())]


@pytest.mark.parametrize(
    ("mode", "action"),
    [
        (ResultsVisibility.AFTER_CLOSE, poll_close),
        (ResultsVisibility.ON_REVEAL, poll_results_reveal),
    ],
)
async def test_phones_get_results_only_when_the_mode_allows_the_big_screen_at_once(
    mode, action
) -> None:
    session = await database_sync_to_async(session_in_mode)(mode)
    headers = await database_sync_to_async(youth_worker_headers)()
    phone = communicator(f"/ws/live/{session.join_code}/")
    screen = communicator(f"/ws/live/{session.join_code}/presenter/", headers)
    await phone.connect()
    await screen.connect()

    phone_first = (await receive(phone, "snapshot"))["session"]
    screen_first = (await receive(screen, "snapshot"))["session"]
    assert phone_first["results"] is None
    assert screen_first["results"]["participants"] == 0
    assert phone_first["poll"] == screen_first["poll"]  # everything else is the same

    worker = await database_sync_to_async(UserFactory)(roles=[Role.YOUTH_WORKER])
    await database_sync_to_async(action)(poll=session.current_poll, actor=worker)

    assert (await receive(phone, "snapshot"))["session"]["results"]["participants"] == 0
    await phone.disconnect()
    await screen.disconnect()


async def test_a_live_poll_sends_phones_the_results() -> None:
    session = await database_sync_to_async(session_in_mode)(ResultsVisibility.LIVE)
    phone = communicator(f"/ws/live/{session.join_code}/")
    await phone.connect()

    assert (await receive(phone, "snapshot"))["session"]["results"] is not None
    await phone.disconnect()


def test_rest_state_follows_the_same_rule(client_for, db) -> None:
    session = session_in_mode(ResultsVisibility.AFTER_CLOSE)
    url = f"/api/live/{session.join_code}"

    assert client_for(None).get(url).json()["results"] is None
    staff = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))
    assert staff.get(url).json()["results"] is not None

    poll_close(poll=session.current_poll, actor=UserFactory(roles=[Role.YOUTH_WORKER]))
    assert client_for(None).get(url).json()["results"] is not None
