"""The audit log's generic recording, with the context the edge sets (decision 0055):
role changes on accounts, secrets never stored, nothing without a staff context."""

import json
import uuid
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from forum.core.audit import audit_context
from forum.core.models import AuditAction, AuditEntry
from forum.core.roles import Role
from forum.live.models import ActivityKind, LiveActivity, QaQuestion, QaStatus
from tests.factories import (
    ForumFactory,
    IdeaFactory,
    LiveSessionFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def acting_as(user: Any, ip: str | None = "192.0.2.7") -> Any:
    return audit_context(load_user=lambda: user, ip=ip, via="http")


def test_giving_someone_a_role_group_records_the_groups_before_and_after() -> None:
    admin = UserFactory(roles=[Role.ADMIN])
    user = UserFactory(username="ny", roles=[Role.YOUTH_WORKER])
    official, _ = Group.objects.get_or_create(name=Role.OFFICIAL.value)

    with acting_as(admin):
        user.groups.add(official)

    entry = AuditEntry.objects.get(object_type="auth.user")
    assert entry.action == AuditAction.ROLE_CHANGE
    assert entry.changes == {"groups": [["youth_worker"], ["official", "youth_worker"]]}
    assert (entry.actor_id, entry.object_id, entry.ip) == (admin.pk, str(user.pk), "192.0.2.7")


def test_a_password_change_is_not_stored_and_deactivating_is_a_role_change() -> None:
    admin = UserFactory(roles=[Role.ADMIN])
    user = UserFactory(roles=[Role.OFFICIAL])

    with acting_as(admin):
        user.set_password("ett-nytt-långt-lösenord-1")
        user.save()
        user.is_active = False
        user.save()

    entries = list(AuditEntry.objects.filter(object_type="auth.user").order_by("id"))
    assert [e.action for e in entries] == [AuditAction.ROLE_CHANGE]
    assert entries[0].changes == {"is_active": [True, False]}


def test_setting_up_an_app_is_recorded_without_its_key() -> None:
    official = UserFactory(roles=[Role.OFFICIAL])

    with acting_as(official):
        device = TOTPDevice.objects.create(user=official, name="app", confirmed=False)
        device.confirmed = True
        device.save()

    entries = list(AuditEntry.objects.filter(object_type="otp_totp.totpdevice").order_by("id"))
    assert [e.action for e in entries] == [AuditAction.ROLE_CHANGE] * 2
    assert entries[1].changes == {"confirmed": [False, True]}
    assert all("key" not in e.changes for e in entries)


def test_nothing_is_recorded_without_a_staff_actor() -> None:
    participant_only = UserFactory()  # logged in, no role: not staff
    forum = ForumFactory(name="Före")

    forum.name = "Utan sammanhang"
    forum.save()
    with acting_as(participant_only):
        forum.name = "Utan roll"
        forum.save()
    with acting_as(None):
        forum.delete()

    assert not AuditEntry.objects.exists()


def test_a_delete_keeps_what_was_deleted() -> None:
    admin = UserFactory(roles=[Role.ADMIN])
    forum = ForumFactory(name="Husby unga")
    forum_id = forum.pk

    with acting_as(admin):
        forum.delete()

    entry = AuditEntry.objects.get(object_type="participation.forum")
    assert entry.action == AuditAction.DELETE
    assert (entry.object_id, entry.forum_id) == (str(forum_id), forum_id)
    assert entry.changes["name"] == ["Husby unga", None]


def test_staff_acting_on_an_idea_keeps_no_text_and_no_participant_in_the_log() -> None:
    admin = UserFactory(roles=[Role.ADMIN])
    idea = IdeaFactory(title="Mitt hemliga förslag", text="Jag bor på Husbygatan 3")
    idea_id = idea.pk

    with acting_as(admin):
        idea.moderation_state = "rejected"
        idea.text = "Jag bor på Husbygatan"
        idea.save()
        idea.delete()

    entries = list(AuditEntry.objects.filter(object_type="ideas.idea").order_by("pk"))
    assert [e.action for e in entries] == [AuditAction.UPDATE, AuditAction.DELETE]
    assert all(e.object_label == f"ideas.idea#{idea_id}" for e in entries)
    assert entries[0].changes["moderation_state"] == ["published", "rejected"]
    assert entries[0].changes["text"] == ["(text, 23 chars)", "(text, 21 chars)"]
    assert entries[1].changes["title"] == ["(text, 20 chars)", None]
    assert "participant" not in entries[1].changes
    logged = json.dumps([[e.object_label, e.changes] for e in entries], ensure_ascii=False)
    assert "Husbygatan" not in logged
    assert "hemliga" not in logged


def test_approving_a_held_question_is_a_reveal_not_a_publish() -> None:
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    qa = LiveActivity.objects.create(session=LiveSessionFactory(), kind=ActivityKind.QA)
    question = QaQuestion.objects.create(
        activity=qa,
        participant=ParticipantFactory(),
        text="Kan fritidsgården ha öppet på söndagar?",
        status=QaStatus.HELD,
        idempotency_key=uuid.uuid4(),
    )

    with acting_as(worker):
        question.status = QaStatus.PUBLISHED
        question.save()

    entry = AuditEntry.objects.get(object_type="live.qaquestion")
    assert entry.action == AuditAction.REVEAL
    assert entry.changes["status"] == ["held", "published"]
