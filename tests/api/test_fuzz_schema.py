"""Schemathesis over the whole OpenAPI schema, as each identity, in-process (WSGI).

Every operation of /api/schema/ gets FUZZ_MAX_EXAMPLES generated requests per identity
(schema-valid and schema-violating ones), about half of them with path ids (and body
``*_id`` fields) swapped for ids of real objects, so requests reach the code behind the
lookups. Each request runs in a savepoint that is rolled back, so every example sees the
same realistic database. Checks: no 5xx (schemathesis' not_a_server_error) and every
error body has the one shape {code, message, fields}.

Deterministic (derandomized Hypothesis), so CI is repeatable. Longer locally:
    FUZZ_MAX_EXAMPLES=500 .venv/bin/python -m pytest tests/api/test_fuzz_schema.py -q
"""

import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from tests.support.world import IDENTITIES, World, build_world, client_as, unthrottled

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "6"))
# Operations that render a PDF (WeasyPrint, ~0.3 s each) get fewer examples: the budget
# would otherwise go to typesetting, not to attacking.
SLOW_PATHS = ("/voting-codes", "/codes.pdf", "/brief.{fmt}", "/followup.{fmt}", "/export.")
SLOW_EXAMPLES = max(1, MAX_EXAMPLES // 3)
ERROR_KEYS = {"code", "message", "fields"}


@contextmanager
def connection_kept() -> Iterator[None]:
    """The production WSGI handler closes the database connection after each request; the
    test's connection holds the test transaction, so it stays open, as Django's test client
    does it (which also reconnects the handler when it is done: use this after it)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def schema() -> Any:
    """The schema, served by the production WSGI handler, which also takes every request.

    Loaded once for all identities: building it costs about 16 s and it is the same."""
    with connection_kept():
        return schemathesis.openapi.from_wsgi("/api/schema/?format=json", WSGIHandler())


def skipped(identity: str, method: str, path: str) -> bool:
    # A logged-in fuzzer that logs itself out would fuzz the rest as anonymous, which the
    # anonymous identity already does.
    return identity not in ("anonymous", "phone") and path == "/api/auth/logout"


def error_shape(response: Any) -> str | None:
    """None when a 4xx body has the one error shape, else what is wrong with it."""
    if response.status_code < 400:
        return None
    try:
        body = json.loads(response.content)
    except ValueError:
        return f"not JSON: {response.content[:200]!r}"
    # The one optional key: an edit conflict says what changed (api/errors.ErrorOutput).
    extra = set(body) - ERROR_KEYS if isinstance(body, dict) else set()
    allowed_extra = (
        {"conflict"} if isinstance(body, dict) and body.get("code") == "edit_conflict" else set()
    )
    if not isinstance(body, dict) or not set(body) >= ERROR_KEYS or not extra <= allowed_extra:
        return f"not {{code, message, fields}}: {body!r:.300}"
    if not (
        isinstance(body["code"], str)
        and isinstance(body["message"], str)
        and isinstance(body["fields"], dict)
    ):
        return f"wrong types: {body!r:.300}"
    return None


def with_real_ids(case: Any, data: st.DataObject, world: World) -> None:
    for name in list(case.path_parameters or {}):
        if world.ids.get(name):
            case.path_parameters[name] = data.draw(st.sampled_from(world.ids[name]))
    if isinstance(case.body, dict):
        for name in list(case.body):
            if isinstance(name, str) and name in world.ids and world.ids[name]:
                case.body[name] = data.draw(st.sampled_from(world.ids[name]))


HYPOTHESIS: dict[str, Any] = {
    "derandomize": True,  # the same examples on every run: CI is repeatable
    "database": None,
    "deadline": None,
    "suppress_health_check": list(HealthCheck),
}


def attacker(
    strategy: Any,
    world: World,
    headers: dict[str, str],
    cookies: dict[str, str],
    sent: Counter[int],
    failures: list[str],
) -> Any:
    @given(data=st.data())
    def attack(data: st.DataObject) -> None:
        case = data.draw(strategy)
        if data.draw(st.booleans()):
            with_real_ids(case, data, world)
        with transaction.atomic():
            response = case.call(headers=headers, cookies=cookies)
            transaction.set_rollback(True)
        sent[response.status_code] += 1
        label = f"{case.method} {case.formatted_path} body={case.body!r:.300}"
        try:
            case.validate_response(response, checks=[not_a_server_error])
        except Exception as exc:
            failures.append(f"{response.status_code} {label}: {exc!s:.300}")
            return
        wrong = error_shape(response)
        if wrong:
            failures.append(f"{response.status_code} {label}: {wrong}")

    return attack


@pytest.mark.parametrize("identity", IDENTITIES)
def test_no_generated_request_gets_a_server_error_or_another_error_shape(
    identity: str, schema: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    unthrottled(monkeypatch)
    world = build_world()
    client = client_as(identity, world)
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    headers = {}
    if "HTTP_X_CSRFTOKEN" in client.defaults:
        headers["X-CSRFToken"] = client.defaults["HTTP_X_CSRFTOKEN"]

    sent: Counter[int] = Counter()
    failures: list[str] = []
    started = time.monotonic()
    with connection_kept():
        for result in schema.get_all_operations():
            operation = result.ok()
            if skipped(identity, operation.method.upper(), operation.path):
                continue
            slow = any(part in operation.path for part in SLOW_PATHS)
            strategy = st.one_of(
                *(
                    operation.as_strategy(generation_mode=mode)
                    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
                )
            )
            attack = attacker(strategy, world, headers, cookies, sent, failures)
            examples = SLOW_EXAMPLES if slow else MAX_EXAMPLES
            settings(max_examples=examples, **HYPOTHESIS)(attack)()

    total = sum(sent.values())
    print(
        f"\nfuzz[{identity}]: {total} requests in {time.monotonic() - started:.1f}s, "
        f"statuses {dict(sorted(sent.items()))}"
    )
    assert total > 0
    assert not failures, f"{len(failures)} bad responses:\n" + "\n".join(failures[:40])
