"""Staff sockets ask the same question as HTTP: a session that still owes its second step
opens neither the big screen nor the console (api/auth/mfa.py, one mark for both)."""

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.test import Client

from config.asgi import application
from forum.core.roles import Role
from tests.api.live.communicator import WebsocketCommunicator
from tests.factories import LiveSessionFactory, TOTPDeviceFactory, UserFactory
from tests.support.mfa import staff_login

pytestmark = pytest.mark.django_db(transaction=True)

SAME_ORIGIN = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
TIMEOUT = 5


def session_headers(*, role: Role, verified: bool, with_app: bool) -> list[tuple[bytes, bytes]]:
    user = UserFactory(roles=[role])
    if with_app:
        TOTPDeviceFactory(user=user)
    client = Client()
    if verified:
        staff_login(client, user)
    else:
        client.force_login(user)  # the password only
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [*SAME_ORIGIN, (b"cookie", f"{settings.SESSION_COOKIE_NAME}={value}".encode())]


async def first_frame(path: str, headers: list[tuple[bytes, bytes]]) -> tuple[dict, int | None]:
    comm = WebsocketCommunicator(application, path, headers=headers)
    await comm.connect()
    frame = await comm.receive_json_from(timeout=TIMEOUT)
    close = None
    if frame["type"] == "error":
        output = await comm.receive_output(timeout=TIMEOUT)
        assert output["type"] == "websocket.close", output
        close = output["code"]
    else:
        await comm.disconnect()
    return frame, close


@pytest.mark.parametrize(
    ("role", "with_app", "socket", "code"),
    [
        (Role.OFFICIAL, True, "presenter", "mfa_required"),
        (Role.OFFICIAL, False, "presenter", "mfa_enrolment_required"),
        (Role.YOUTH_WORKER, True, "console", "mfa_required"),
        (Role.ADMIN, False, "console", "mfa_enrolment_required"),
    ],
)
async def test_staff_socket_refuses_a_session_that_owes_its_second_step(
    role, with_app, socket, code
) -> None:
    session = await database_sync_to_async(LiveSessionFactory)()
    headers = await database_sync_to_async(session_headers)(
        role=role, verified=False, with_app=with_app
    )

    frame, close = await first_frame(f"/ws/live/{session.join_code}/{socket}/", headers)

    assert (frame["type"], frame["code"]) == ("error", code)
    assert close == 4403


@pytest.mark.parametrize(
    ("role", "socket"), [(Role.OFFICIAL, "presenter"), (Role.ADMIN, "console")]
)
async def test_staff_socket_opens_for_a_verified_session(role, socket) -> None:
    session = await database_sync_to_async(LiveSessionFactory)()
    headers = await database_sync_to_async(session_headers)(
        role=role, verified=True, with_app=False
    )

    frame, _ = await first_frame(f"/ws/live/{session.join_code}/{socket}/", headers)

    assert frame["type"] == "snapshot"


@pytest.mark.usefixtures("youth_workers_in_every_forum")  # staff of the session's forum
async def test_youth_worker_without_an_app_opens_the_console_with_the_password() -> None:
    session = await database_sync_to_async(LiveSessionFactory)()
    headers = await database_sync_to_async(session_headers)(
        role=Role.YOUTH_WORKER, verified=False, with_app=False
    )

    frame, _ = await first_frame(f"/ws/live/{session.join_code}/console/", headers)

    assert frame["type"] == "snapshot"
