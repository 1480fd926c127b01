"""Where the audit log learns who acts: one context per request and per staff socket.

``AuditContextMiddleware`` sets forum.core.audit's context for every HTTP request (the
user is loaded only when something is recorded, so a phone's request costs nothing) and
records each file that goes out to a staff user as an export: every CSV, XLSX and PDF
view answers with ``Content-Disposition: attachment``, so no export can be missed by a
view that forgot to call the log. ``AuditSocketMiddleware`` does the same for the staff
sockets. The address is the client's behind our trusted proxies (api/proxies.py).
"""

from types import SimpleNamespace
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponseBase

from api.proxies import client_ip
from forum.budgets.models import BudgetProcess
from forum.core.audit import audit_context, audit_record, forum_id_of
from forum.core.models import AuditAction
from forum.council.models import Meeting
from forum.live.models import LiveSession
from forum.participation.models import Forum
from forum.polls.models import Poll

# The URL argument that names what an export is of.
EXPORTED_OBJECTS: dict[str, type[models.Model]] = {
    "poll_id": Poll,
    "meeting_id": Meeting,
    "process_id": BudgetProcess,
    "forum_id": Forum,
}


def _export_record(request: HttpRequest, response: HttpResponseBase) -> None:
    match = request.resolver_match
    kwargs = dict(match.kwargs) if match is not None else {}
    target: dict[str, Any] = {}
    for name, model in EXPORTED_OBJECTS.items():
        if name in kwargs:
            obj = model._base_manager.filter(pk=kwargs[name]).first()
            if obj is not None:
                target = {"obj": obj, "forum_id": forum_id_of(obj)}
            break
    else:
        if "code" in kwargs:
            target = {"object_type": LiveSession._meta.label_lower, "object_id": kwargs["code"]}
    disposition = response.get("Content-Disposition", "")
    filename = disposition.split("filename=", 1)[1].strip('"') if "filename=" in disposition else ""
    audit_record(
        action=AuditAction.EXPORT,
        detail={
            "path": request.path,
            "view": match.url_name if match is not None else "",
            "file": filename,
            "query": request.GET.urlencode()[:500],
        },
        **target,
    )


def _is_file(response: HttpResponseBase) -> bool:
    return response.status_code < 300 and "attachment" in response.get("Content-Disposition", "")


def _may_be_staff(request: HttpRequest) -> bool:
    """Staff are logged in, so they send the session cookie; a phone (which never logs in)
    usually does not, and its request then pays nothing for the log."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class AuditContextMiddleware:
    """After authentication: who acts in this request, and every file it sends."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response
        if iscoroutinefunction(self.get_response):
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if iscoroutinefunction(self):
            return self.__acall__(request)
        if not _may_be_staff(request):
            return self.get_response(request)
        with audit_context(load_user=lambda: request.user, ip=client_ip(request), via="http"):
            response = self.get_response(request)
            if _is_file(response):
                _export_record(request, response)
        return response

    async def __acall__(self, request: HttpRequest) -> Any:
        if not _may_be_staff(request):
            return await self.get_response(request)
        with audit_context(load_user=lambda: request.user, ip=client_ip(request), via="http"):
            response = await self.get_response(request)
            if _is_file(response):
                await sync_to_async(_export_record)(request, response)
        return response


def scope_client_ip(scope: dict[str, Any]) -> str | None:
    """A socket's client address, by the same rule as an HTTP request's."""
    client = scope.get("client") or ("", 0)
    headers = dict(scope.get("headers") or [])
    meta = {
        "REMOTE_ADDR": client[0] or "",
        "HTTP_X_FORWARDED_FOR": headers.get(b"x-forwarded-for", b"").decode("latin-1"),
    }
    return client_ip(SimpleNamespace(META=meta))


class AuditSocketMiddleware:
    """Inside a staff socket's auth stack: what its staff user does is recorded too."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        with audit_context(
            load_user=lambda: scope.get("user"), ip=scope_client_ip(scope), via="socket"
        ):
            return await self.inner(scope, receive, send)
