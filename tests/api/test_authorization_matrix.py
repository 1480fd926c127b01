"""Every endpoint × every identity against the table in authorization_matrix.py.

The endpoints come from the URL configuration (each pattern × each HTTP method its view
implements) and the websocket routes, not from a hand-kept list: a new endpoint without a
row fails here, naming it, and so does a row whose endpoint is gone. Each cell is one
request against real objects (tests/support/world.py) in a savepoint that is rolled back,
so cells never see each other's writes. Writes send ``{}``: the outcome that matters is
whether the request got past authentication and authorization, not what it did then.

Print the observed table (to add a row, or to review a change):
    AUTHZ_MATRIX_PRINT=1 .venv/bin/python -m pytest tests/api/test_authorization_matrix.py -s
"""

import os
import re
from collections.abc import Iterator
from http.cookies import SimpleCookie
from typing import Any

import pytest
from channels.db import database_sync_to_async
from django.db import connections, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import get_converters
from rest_framework.parsers import MultiPartParser

from api.routing import websocket_urlpatterns
from config.asgi import application
from forum.core.models import Department
from forum.council.models import PlanningLink
from forum.ideas.models import Comment, Idea
from forum.live.models import ActivityKind, LiveSession, OfflineWorkshop, QaQuestion
from forum.participation.models import Forum
from forum.polls.models import Poll, Question, Response
from tests.api.authorization_matrix import HTTP_MATRIX, WS_MATRIX
from tests.api.live.communicator import WebsocketCommunicator
from tests.support.world import IDENTITIES, RUNNING_CODE, World, build_world, client_as

METHODS = ("get", "post", "put", "patch", "delete")
# Paths outside the API that are not part of the matrix: the SPA, Django's admin (its own
# login), static files, and the city login's browser redirects (oidc/, only when
# OIDC_ENABLED): anyone may start a login, and the callback lets in only what the identity
# provider vouches for (tests/api/auth/test_city_login.py), so there is no role to check.
OUTSIDE = ("admin/", "oidc/")
GROUP = re.compile(r"\(\?P<(\w+)>([^()]*)\)")
CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


def _patterns(resolvers: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def _choice_converters_as_groups(route: str) -> str:
    converters = get_converters()

    def group(match: re.Match[str]) -> str:
        converter = converters.get(match.group(1))
        regex = getattr(converter, "regex", "")
        if re.fullmatch(r"[\w\\.]+(\|[\w\\.]+)+", regex):
            return f"(?P<{match.group(2)}>{regex})"
        return match.group(0)

    return re.sub(r"<(\w+):(\w+)>", group, route)


def _templates(route: str) -> list[str]:
    """URL pattern → path templates with {name} for parameters; a regex group that is a
    plain alternation (open|close|…, csv|xlsx) becomes one template per choice, since
    those choices can differ in who may use them. So does a path converter whose pattern is
    such an alternation (``<poll_action:action>``)."""
    route = _choice_converters_as_groups(route)
    route = route.replace("^", "").replace("$", "").replace("\\.", ".")
    choices = [m for m in GROUP.finditer(route) if re.fullmatch(r"[\w.]+(\|[\w.]+)+", m[2])]
    if choices:
        match = choices[0]
        return [
            t
            for choice in match.group(2).split("|")
            for t in _templates(route[: match.start()] + choice + route[match.end() :])
        ]
    route = GROUP.sub(lambda m: "{" + m.group(1) + "}", route)
    return ["/" + CONVERTER.sub(lambda m: "{" + m.group(1) + "}", route)]


def http_endpoints() -> dict[str, Any]:
    """'METHOD /path/{param}' → view, for every API endpoint the URL configuration serves."""
    found = {}
    for route, callback in _patterns(get_resolver().url_patterns):
        view = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        if view is None or route.startswith(OUTSIDE):
            continue  # plain functions: the SPA and the API's not_found catch-all
        for method in METHODS:
            if hasattr(view, method):
                found.update({f"{method.upper()} {t}": view for t in _templates(route)})
    return found


def ws_endpoints() -> list[str]:
    return sorted(f"WS {t}" for p in websocket_urlpatterns for t in _templates(str(p.pattern)))


def test_every_http_endpoint_has_a_row_and_every_row_an_endpoint() -> None:
    endpoints = set(http_endpoints())
    missing = sorted(endpoints - set(HTTP_MATRIX))
    gone = sorted(set(HTTP_MATRIX) - endpoints)
    assert not missing, (
        "endpoints without a row in tests/api/authorization_matrix.py HTTP_MATRIX "
        "(say who may use them):\n" + "\n".join(missing)
    )
    assert not gone, "rows for endpoints that no longer exist:\n" + "\n".join(gone)


def test_every_websocket_route_has_a_row_and_every_row_a_route() -> None:
    routes = set(ws_endpoints())
    missing, gone = sorted(routes - set(WS_MATRIX)), sorted(set(WS_MATRIX) - routes)
    assert not missing, "websocket routes without a row in WS_MATRIX:\n" + "\n".join(missing)
    assert not gone, "WS_MATRIX rows for routes that no longer exist:\n" + "\n".join(gone)


def real_path_values(world: World) -> dict[str, str]:
    """One real object per path parameter (FIKA42: running, with every activity kind)."""
    running = LiveSession.objects.get(join_code=RUNNING_CODE)
    wall = running.activities.get(kind=ActivityKind.OPEN_WALL)
    slide = running.activities.get(kind=ActivityKind.INFO_SLIDE)  # has a picture
    idea = Idea.objects.filter(moderation_state="published").order_by("pk").first()
    assert idea is not None
    poll = Poll.objects.get(title="Allt om fritid", forum__slug="ungdomsforum-jarva")
    values: dict[str, Any] = {
        "code": RUNNING_CODE,
        "forum_id": Forum.objects.get(slug="ungdomsforum-jarva").pk,
        "slug": "ungdomsforum-jarva",
        "poll_id": poll.pk,
        "question_id": Question.objects.filter(poll=poll).order_by("pk").first().pk,  # type: ignore[union-attr]
        "qa_question_id": QaQuestion.objects.get(activity__session=running).pk,
        "board_id": idea.board_id,
        "idea_id": idea.pk,
        "comment_id": Comment.objects.filter(idea=idea).order_by("pk").first().pk,  # type: ignore[union-attr]
        "item_id": world.ids["item_id"][0],
        "meeting_id": world.ids["meeting_id"][0],
        "agenda_item_id": world.ids["agenda_item_id"][0],
        "quote_id": world.ids["quote_id"][0],
        "response_id": Response.objects.filter(question=wall.question).first().pk,  # type: ignore[union-attr]
        "activity_id": slide.pk,
        "workshop_id": OfflineWorkshop.objects.order_by("pk").first().pk,  # type: ignore[union-attr]
        "link_id": PlanningLink.objects.filter(poll__isnull=False).order_by("pk").first().pk,  # type: ignore[union-attr]
        "kind": "poll",
        "content_id": poll.pk,
        "language": "sv",
        # A unit: nothing below it, so archiving it goes through.
        "department_id": Department.objects.filter(children__isnull=True).order_by("pk").first().pk,  # type: ignore[union-attr]
        "action": "block",
        "fmt": "csv",
        "process_id": world.ids["process_id"][0],
        "proposal_id": world.ids["proposal_id"][0],
        "update_id": world.ids["update_id"][0],
        "user_id": world.users["youth_worker"].pk,
        "endpoint_hash": "0" * 64,
    }
    return {name: str(value) for name, value in values.items()}


def concrete(template: str, values: dict[str, str]) -> str:
    if "/qa/{question_id}/" in template:  # a Q&A question, not a poll question
        template = template.replace("{question_id}", values["qa_question_id"])
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)


def outcome(status: int) -> str:
    """401/403/404 are the answers of authorization; "ok" means the request got through to
    the view's own logic (2xx, or 400/409 for the empty body). Anything else is shown as
    it is, so it stands out (a 429 would mean the run was throttled, a 5xx is a bug)."""
    if status < 300 or status in (400, 409):
        return "ok"
    return str(status)


def _print(name: str, observed: dict[str, list[str]]) -> None:
    print(f"\n{name} = {{")  # the table in the format of authorization_matrix.py
    for endpoint, cells in observed.items():
        print(f'    "{endpoint}": "{" ".join(cells)}",')
    print("}")


@pytest.mark.django_db
def test_each_identity_gets_the_expected_outcome_on_each_endpoint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.support.world import unthrottled

    unthrottled(monkeypatch)
    world = build_world()
    clients = {identity: client_as(identity, world) for identity in IDENTITIES}
    values = real_path_values(world)
    observed: dict[str, list[str]] = {}
    wrong = []
    # Logging out last: the cell's rollback restores the session, the cookie is restored here.
    views = http_endpoints()
    endpoints = sorted(views, key=lambda e: (e == "POST /api/auth/logout", e))
    for endpoint in endpoints:
        # Uploads parse multipart only: a JSON body would be refused (415) before any role
        # check (DRF parses the body when it checks the CSRF token).
        multipart = MultiPartParser in getattr(views[endpoint], "parser_classes", [])
        method, template = endpoint.split(" ", 1)
        path = concrete(template, values)
        cells = []
        for client in clients.values():
            cookies = SimpleCookie(client.cookies)
            with transaction.atomic():
                if method == "GET":
                    response = client.get(path)
                elif multipart and method == "POST":
                    response = client.post(path, {})
                else:
                    response = client.generic(method, path, "{}", "application/json")
                transaction.set_rollback(True)
            client.cookies = cookies
            cells.append(outcome(response.status_code))
        observed[endpoint] = cells
        expected = HTTP_MATRIX.get(endpoint, "").split()
        if expected and cells != expected:
            wrong.append(f"{endpoint} ({path}): expected {expected}, got {cells}")
    if os.environ.get("AUTHZ_MATRIX_PRINT"):
        _print("HTTP_MATRIX", observed)
    print(f"\nauthorization matrix: {len(observed)} endpoints × {len(IDENTITIES)} identities")
    assert not wrong, "columns: " + " ".join(IDENTITIES) + "\n" + "\n".join(wrong)


def ws_outcome(first: dict[str, Any]) -> str:
    if first.get("type") == "error":
        return {"not_authenticated": "401", "permission_denied": "403"}.get(
            first["code"], "404" if first["code"] in ("not_found", "unknown_join_code") else "ok"
        )
    return "ok"


def ws_headers(identity: str, world: World) -> list[tuple[bytes, bytes]]:
    client: Client = client_as(identity, world)
    cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
    return [
        (b"origin", b"http://testserver"),
        (b"host", b"testserver"),
        (b"cookie", cookie.encode()),
    ]


@pytest.mark.django_db(transaction=True)
async def test_each_identity_gets_the_expected_outcome_on_each_websocket_route() -> None:
    world = await database_sync_to_async(build_world)()
    values = await database_sync_to_async(real_path_values)(world)
    observed: dict[str, list[str]] = {}
    wrong = []
    for endpoint in ws_endpoints():
        path = concrete(endpoint.split(" ", 1)[1], values)
        cells = []
        for identity in IDENTITIES:
            headers = await database_sync_to_async(ws_headers)(identity, world)
            comm = WebsocketCommunicator(application, path, headers=headers)
            connected, _ = await comm.connect(timeout=5)
            cells.append(
                ws_outcome(await comm.receive_json_from(timeout=5)) if connected else "refused"
            )
            await comm.disconnect()
        observed[endpoint] = cells
        expected = WS_MATRIX.get(endpoint, "").split()
        if expected and cells != expected:
            wrong.append(f"{endpoint} ({path}): expected {expected}, got {cells}")
    # The connection of the database thread, so PostgreSQL can drop the test database.
    await database_sync_to_async(connections.close_all)()
    if os.environ.get("AUTHZ_MATRIX_PRINT"):
        _print("WS_MATRIX", observed)
    assert not wrong, "columns: " + " ".join(IDENTITIES) + "\n" + "\n".join(wrong)
