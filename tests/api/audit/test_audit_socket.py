"""Staff sockets act in the same audit context as HTTP: who, and the client's address by the
trusted-proxy rule (api/proxies.py)."""

from typing import Any

from api.audit_context import AuditSocketMiddleware, scope_client_ip
from forum.core import audit


async def test_the_staff_socket_stack_sets_who_acts_and_from_where() -> None:
    staff = object()
    seen: dict[str, Any] = {}

    async def consumer(scope: dict[str, Any], receive: Any, send: Any) -> None:
        context = audit._current.get()
        assert context is not None
        seen.update(user=context.load_user(), ip=context.ip, via=context.via)

    scope = {"user": staff, "client": ("192.0.2.5", 50123), "headers": []}
    await AuditSocketMiddleware(consumer)(scope, None, None)

    assert seen == {"user": staff, "ip": "192.0.2.5", "via": "socket"}
    assert audit._current.get() is None  # nothing leaks past the socket


def test_a_forwarded_address_counts_only_behind_a_trusted_proxy(settings: Any) -> None:
    scope = {"client": ("10.0.0.2", 1), "headers": [(b"x-forwarded-for", b"203.0.113.9")]}

    settings.TRUSTED_PROXIES = []
    assert scope_client_ip(scope) == "10.0.0.2"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert scope_client_ip(scope) == "203.0.113.9"
