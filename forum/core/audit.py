"""The staff audit log: who changed, published, exported or revealed what, and role changes.

The edge sets one ``audit_context`` per staff request or staff socket (who, from which
address) so domain services never take the request. While it is set, model signals record
every save and delete of the domain's models (and staff accounts, their groups, forum
staff and two-step devices) with the before/after of the changed fields; the kind of
action (publish, reveal, role change) is read from what changed. Exports are recorded by
the edge, which sees the files going out. Phones never set a context: their actions are
not audited. Entries are append-only (forum/core/models.py AuditEntry, migration 0007,
docs/decisions/0055-audit-log.md).
"""

import contextlib
import json
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from forum.core.models import AuditAction, AuditEntry
from forum.core.roles import assigned_roles

# Apps whose models staff change through the app (plus accounts and two-step devices).
AUDITED_APPS = frozenset(
    {
        "core",
        "participation",
        "moderation",
        "polls",
        "ideas",
        "live",
        "budgets",
        "council",
        "auth",
        "otp_totp",
        "otp_static",
    }
)
NOT_AUDITED_MODELS = frozenset(
    {
        "core.auditentry",
        # Already the moderation's own record of each decision; the item's state change is
        # recorded on the item itself.
        "moderation.moderationaction",
        # Recovery codes are secrets; their device is recorded.
        "otp_static.statictoken",
        "auth.permission",
    }
)
# Rows phones write in bulk: a staff delete that cascades to them is recorded on the row
# staff deleted, not once per answer (and these models keep Django's fast delete).
CASCADED_ONLY_MODELS = frozenset(
    {
        "polls.response",
        "polls.votingcode",
        "ideas.support",
        "ideas.comment",
        "live.qaupvote",
        "moderation.contentreport",
        "participation.participant",
        "participation.forummembership",
        "participation.participantprofile",
        "participation.personalcode",
        "budgets.ballot",
        "budgets.ballotchoice",
        "budgets.budgetvotingcode",
    }
)
# Secrets and bookkeeping that a login or a code check touches: never stored.
EXCLUDED_FIELDS = frozenset(
    {
        "password",
        "key",
        "last_login",
        "last_t",
        "drift",
        "last_used_at",
        "throttling_failure_timestamp",
        "throttling_failure_count",
        "last_generated_timestamp",
    }
)
EXCLUDED_FIELD_PARTS = ("hash", "secret", "token")
# Who may act in which forum, and two-step devices: a role change, whatever the field.
ROLE_MODELS = frozenset(
    {"participation.forumstaff", "otp_totp.totpdevice", "otp_static.staticdevice"}
)
ROLE_USER_FIELDS = frozenset({"is_superuser", "is_staff", "is_active"})
PUBLISH_FIELDS = frozenset({"published_at", "feedback_published_at"})
PUBLISHED_STATUSES = frozenset({"open", "scheduled", "published"})
# Held content shown to participants, and results shown: a reveal.
REVEAL_FIELDS = frozenset({"moderation_state", "text_status", "status"})
REVEAL_TIME_FIELDS = frozenset({"results_revealed_at"})
HELD = "held"
# Rows holding what young people wrote (or staff typed in for them): erasure and gallring
# remove or replace that text, so the append-only log never copies it. Their free-text
# and JSON values are described by length, their label is "type#id" (decision 0055).
YOUNG_PEOPLES_TEXT_MODELS = frozenset(
    {
        "ideas.idea",
        "ideas.comment",
        "live.qaquestion",
        "live.offlinequote",
        "live.offlineworkshop",
        "polls.response",
        "budgets.proposal",
        "council.briefquote",
        "council.briefversion",
        "council.planninglink",
    }
)
PARTICIPANT_MODEL = "participation.participant"
TEXT_LIMIT = 500
JSON_LIMIT = 2000


@dataclass
class AuditContext:
    """Who acts now: resolved when the first entry is written (a phone's request that
    writes nothing never loads a user)."""

    load_user: Callable[[], Any]
    ip: str | None
    via: str
    _resolved: bool = False
    _user: Any = None
    _roles: str = ""

    def actor(self) -> tuple[Any, str] | None:
        """The staff user and their roles, or None (anonymous, a phone, no role)."""
        if not self._resolved:
            user = self.load_user()
            roles = assigned_roles(user) if user is not None else set()
            if roles:
                self._user, self._roles = user, ",".join(sorted(roles))
            self._resolved = True
        return (self._user, self._roles) if self._user is not None else None


_current: ContextVar[AuditContext | None] = ContextVar("audit_context", default=None)


@contextlib.contextmanager
def audit_context(*, load_user: Callable[[], Any], ip: str | None, via: str) -> Iterator[None]:
    token = _current.set(AuditContext(load_user=load_user, ip=ip, via=via))
    try:
        yield
    finally:
        _current.reset(token)


@dataclass(frozen=True)
class SystemActor:
    """The system acting with no person behind it, e.g. a city login setting the roles the
    identity provider grants: its entries name it ``system:<name>``, with no user or roles."""

    name: str

    def get_username(self) -> str:
        return f"system:{self.name}"


CITY_LOGIN = SystemActor("oidc")


@contextlib.contextmanager
def audit_signals_paused() -> Iterator[None]:
    """Model signals record nothing inside: for a service that writes its own one entry for
    a change (entries it writes after the block still get the request's address)."""
    token = _current.set(None)
    try:
        yield
    finally:
        _current.reset(token)


def _acting() -> tuple[AuditContext, Any, str] | None:
    context = _current.get()
    if context is None:
        return None
    who = context.actor()
    return None if who is None else (context, *who)


# --- the service -----------------------------------------------------------------------------


def audit_record(
    *,
    action: AuditAction | str,
    actor: Any = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_label: str = "",
    forum_id: int | None = None,
    changes: dict[str, list[Any]] | None = None,
    detail: dict[str, Any] | None = None,
    ip: str | None = None,
) -> AuditEntry | None:
    """Write one entry. Actor and address default to the current staff context; with no
    actor at all (a phone, a command) nothing is written and None is returned. ``actor`` may
    be a ``SystemActor`` for what the system does on its own."""
    roles = ""
    context = _current.get()
    if actor is None:
        acting = _acting()
        if acting is None:
            return None
        context, actor, roles = acting
    elif not isinstance(actor, SystemActor):
        roles = ",".join(sorted(assigned_roles(actor)))
    if ip is None and context is not None:
        ip = context.ip
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_label = object_label or _label(obj)
        forum_id = forum_id if forum_id is not None else forum_id_of(obj)
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_username=(actor.get_username() if hasattr(actor, "get_username") else "")[:150],
        actor_roles=roles[:200],
        action=action,
        object_type=object_type[:100],
        object_id=str(object_id)[:64],
        object_label=object_label[:200],
        forum_id=forum_id,
        ip=ip,
        changes=changes or {},
        detail={"via": context.via, **(detail or {})} if context else (detail or {}),
    )


def _label(obj: models.Model) -> str:
    label = obj._meta.label_lower
    if label in YOUNG_PEOPLES_TEXT_MODELS:
        return f"{label}#{obj.pk}"
    try:
        return str(obj)[:200]
    except Exception:  # a __str__ that needs a deleted relation: the id says enough
        return ""


@cache
def _forum_path(model: type[models.Model]) -> str | None:
    """The lookup from ``model`` to its forum's id, at most two relations away."""
    if model._meta.label_lower == "participation.forum":
        return "pk"
    names = {f.name for f in model._meta.concrete_fields}
    if "forum" in names:
        return "forum_id"
    for first in model._meta.concrete_fields:
        if not first.is_relation or first.related_model is None:
            continue
        related = first.related_model
        related_names = {f.name for f in related._meta.concrete_fields}
        if "forum" in related_names:
            return f"{first.name}__forum_id"
        for second in related._meta.concrete_fields:
            target = second.related_model if second.is_relation else None
            if target is not None and "forum" in {f.name for f in target._meta.concrete_fields}:
                return f"{first.name}__{second.name}__forum_id"
    return None


def forum_id_of(obj: models.Model) -> int | None:
    path = _forum_path(type(obj))
    if path is None or obj.pk is None:
        return None
    if path == "pk":
        return int(obj.pk)
    if path == "forum_id":
        value = getattr(obj, "forum_id", None)
        return int(value) if value is not None else None
    found = type(obj)._base_manager.filter(pk=obj.pk).values_list(path, flat=True).first()
    return int(found) if found is not None else None


# --- what changed ------------------------------------------------------------------------------


def _audited_fields(model: type[models.Model]) -> list["models.Field[Any, Any]"]:
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in EXCLUDED_FIELDS
        and not any(part in f.name for part in EXCLUDED_FIELD_PARTS)
        and not f.primary_key
        # Which phone wrote a row is not the log's business, and would outlive erasure.
        and not (
            f.related_model is not None and f.related_model._meta.label_lower == PARTICIPANT_MODEL
        )
    ]


def _comparable(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


def _stored(field: "models.Field[Any, Any]", value: Any) -> Any:
    """The value as the log keeps it: files and long texts are described, not copied."""
    value = _comparable(value)
    if value is None:
        return None
    if _young_peoples_text(field) and isinstance(value, str | list | dict):
        text = value if isinstance(value, str) else json.dumps(value, cls=DjangoJSONEncoder)
        return f"(text, {len(text)} chars)"
    if isinstance(value, bytes):
        return f"({len(value)} bytes)"
    if isinstance(value, str) and len(value) > TEXT_LIMIT:
        return value[:TEXT_LIMIT] + "…"
    if isinstance(field, models.JSONField):
        text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
        return value if len(text) <= JSON_LIMIT else f"({len(text)} characters)"
    try:
        return json.loads(json.dumps(value, cls=DjangoJSONEncoder))
    except TypeError:  # a value JSON cannot hold: its text says what it was
        return str(value)[:TEXT_LIMIT]


def _young_peoples_text(field: "models.Field[Any, Any]") -> bool:
    """A free-text or JSON field of a row young people wrote; fixed choices (a state, a
    status) are kept, the audit's kinds of action are read from them."""
    model = getattr(field, "model", None)
    return (
        model is not None
        and model._meta.label_lower in YOUNG_PEOPLES_TEXT_MODELS
        and not field.choices
        and not field.is_relation
    )


def _audited(model: type[models.Model]) -> bool:
    label = model._meta.label_lower
    return model._meta.app_label in AUDITED_APPS and label not in NOT_AUDITED_MODELS


def _classify(label: str, changes: dict[str, list[Any]], default: AuditAction) -> AuditAction:
    if label in ROLE_MODELS:
        return AuditAction.ROLE_CHANGE
    if label == get_user_model()._meta.label_lower and ROLE_USER_FIELDS & changes.keys():
        return AuditAction.ROLE_CHANGE
    # Reveals first: held content shown also turns a status "published" (a Q&A question).
    for name, (before, after) in changes.items():
        if name in REVEAL_TIME_FIELDS and before is None and after is not None:
            return AuditAction.REVEAL
        if name in REVEAL_FIELDS and before == HELD and after == "published":
            return AuditAction.REVEAL
    for name, (before, after) in changes.items():
        if name in PUBLISH_FIELDS and before is None and after is not None:
            return AuditAction.PUBLISH
        if name == "status" and after in PUBLISHED_STATUSES and before not in PUBLISHED_STATUSES:
            return AuditAction.PUBLISH
    return default


# --- the signals --------------------------------------------------------------------------------

BEFORE = "_audit_before"
DELETED = "_audit_deleted"


def _on_pre_save(sender: type[models.Model], instance: Any, raw: bool = False, **kw: Any) -> None:
    if raw or not _audited(sender) or instance._state.adding or _acting() is None:
        return
    fields = _audited_fields(sender)
    update_fields = kw.get("update_fields")
    if update_fields is not None:
        fields = [f for f in fields if f.name in update_fields or f.attname in update_fields]
    names = [f.attname for f in fields]
    before = sender._base_manager.filter(pk=instance.pk).values(*names).first() if names else {}
    setattr(instance, BEFORE, before)


def _on_post_save(
    sender: type[models.Model], instance: Any, created: bool, raw: bool = False, **kw: Any
) -> None:
    if raw or not _audited(sender) or _acting() is None:
        return
    fields = _audited_fields(sender)
    if created:
        changes = {
            f.name: [None, _stored(f, f.value_from_object(instance))]
            for f in fields
            if f.value_from_object(instance) not in (None, "", b"")
        }
        default = AuditAction.CREATE
    else:
        before = instance.__dict__.pop(BEFORE, None)
        if before is None:  # the row was gone or the save began outside the context
            return
        changes = {
            f.name: [_stored(f, before[f.attname]), _stored(f, f.value_from_object(instance))]
            for f in fields
            if f.attname in before
            and _comparable(before[f.attname]) != _comparable(f.value_from_object(instance))
        }
        if not changes:
            return
        default = AuditAction.UPDATE
    label = sender._meta.label_lower
    audit_record(action=_classify(label, changes, default), obj=instance, changes=changes)


def _on_pre_delete(sender: type[models.Model], instance: Any, **kw: Any) -> None:
    if not _audited(sender) or _acting() is None:
        return
    changes = {
        f.name: [_stored(f, f.value_from_object(instance)), None]
        for f in _audited_fields(sender)
        if f.value_from_object(instance) not in (None, "", b"")
    }
    setattr(
        instance,
        DELETED,
        {
            "object_type": sender._meta.label_lower,
            "object_id": str(instance.pk),
            "object_label": _label(instance),
            "forum_id": forum_id_of(instance),
            "changes": changes,
        },
    )


def _on_post_delete(sender: type[models.Model], instance: Any, **kw: Any) -> None:
    deleted = instance.__dict__.pop(DELETED, None)
    if deleted is None:
        return
    action = (
        AuditAction.ROLE_CHANGE if deleted["object_type"] in ROLE_MODELS else AuditAction.DELETE
    )
    audit_record(action=action, **deleted)


GROUPS_BEFORE = "_audit_groups_before"


def _on_groups_changed(
    sender: Any, instance: Any, action: str, reverse: bool, model: Any, pk_set: Any, **kw: Any
) -> None:
    """A user's role groups: recorded as the user's role change, names before and after."""
    if reverse or _acting() is None:
        return  # group.user_set edits are not offered anywhere but the admin's user form
    if action.startswith("pre_"):
        setattr(instance, GROUPS_BEFORE, sorted(instance.groups.values_list("name", flat=True)))
        return
    before = instance.__dict__.pop(GROUPS_BEFORE, None)
    if before is None:
        return
    after = sorted(instance.groups.values_list("name", flat=True))
    if before != after:
        audit_record(
            action=AuditAction.ROLE_CHANGE, obj=instance, changes={"groups": [before, after]}
        )


def audit_signals_connect() -> None:
    """Called once from CoreConfig.ready. Deletes are listened to per model, so the rows
    phones write in bulk keep Django's fast cascade delete."""
    from django.apps import apps

    pre_save.connect(_on_pre_save, dispatch_uid="audit_pre_save")
    post_save.connect(_on_post_save, dispatch_uid="audit_post_save")
    for model in apps.get_models():
        if _audited(model) and model._meta.label_lower not in CASCADED_ONLY_MODELS:
            uid = f"audit_{model._meta.label_lower}"
            pre_delete.connect(_on_pre_delete, sender=model, dispatch_uid=f"{uid}_pre_delete")
            post_delete.connect(_on_post_delete, sender=model, dispatch_uid=f"{uid}_post_delete")
    m2m_changed.connect(
        _on_groups_changed, sender=get_user_model().groups.through, dispatch_uid="audit_groups"
    )


# --- erasure (flush only) --------------------------------------------------------------------


@contextlib.contextmanager
def audit_erasure_permitted(*, using: str) -> Iterator[None]:
    """Let DELETE/TRUNCATE of audit entries pass, inside one transaction. Only the flush
    command uses it (tests tearing down); see docs/decisions/0055-audit-log.md."""
    with transaction.atomic(using=using):
        with connections[using].cursor() as cursor:
            cursor.execute("INSERT INTO core_audit_erasure_permit (granted) VALUES (%s)", [True])
        yield
        with connections[using].cursor() as cursor:
            cursor.execute("DELETE FROM core_audit_erasure_permit")
