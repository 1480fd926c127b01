"""What the audit log records of staff requests (who, what, where from, before/after), and
that phones' requests record nothing (decision 0055)."""

import uuid
from typing import Any

import pytest
from rest_framework.test import APIClient

from forum.core.models import AuditAction, AuditEntry
from forum.core.roles import Role
from forum.participation.models import ForumStaff
from forum.polls.models import PollStatus, TextStatus
from tests.factories import (
    ForumFactory,
    PollFactory,
    ResponseFactory,
    UserFactory,
    all_kinds_poll,
    question_of,
)

pytestmark = pytest.mark.django_db

IP = "198.51.100.23"


def only(entries: Any) -> AuditEntry:
    found = list(entries)
    assert len(found) == 1, [(e.action, e.object_type, e.changes) for e in found]
    return found[0]


def test_a_poll_update_records_who_where_and_the_changed_fields(client_for) -> None:
    worker = UserFactory(username="amina", roles=[Role.YOUTH_WORKER])
    poll = PollFactory(title="Gamla titeln", forum=ForumFactory(staff=[worker]))
    body = {
        "title": "Nya titeln",
        "intro": poll.intro,
        "access_mode": poll.access_mode,
        "results_visibility": poll.results_visibility,
    }

    response = client_for(worker).put(
        f"/api/staff/polls/{poll.pk}", body, format="json", REMOTE_ADDR=IP
    )

    assert response.status_code == 200, response.content
    entry = only(AuditEntry.objects.filter(object_type="polls.poll"))
    assert entry.action == AuditAction.UPDATE
    assert (entry.actor_id, entry.actor_username, entry.actor_roles) == (
        worker.pk,
        "amina",
        "youth_worker",
    )
    assert (entry.object_id, entry.forum_id, entry.ip) == (str(poll.pk), poll.forum_id, IP)
    assert entry.changes["title"] == ["Gamla titeln", "Nya titeln"]
    assert "intro" not in entry.changes  # unchanged fields are not listed
    assert entry.detail["via"] == "http"


def test_opening_a_draft_poll_is_recorded_as_publishing_it(client_for) -> None:
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    poll = PollFactory(status=PollStatus.DRAFT, forum=ForumFactory(staff=[worker]))

    assert client_for(worker).post(f"/api/staff/polls/{poll.pk}/open").status_code == 200

    entry = only(AuditEntry.objects.filter(object_type="polls.poll"))
    assert entry.action == AuditAction.PUBLISH
    assert entry.changes["status"] == ["draft", "open"]


def test_revealing_results_and_approving_a_held_answer_are_reveals(client_for) -> None:
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    poll = all_kinds_poll(forum=ForumFactory(staff=[worker]))
    held = ResponseFactory(
        question=question_of(poll, "open_text"),
        option=None,
        answer={"text": "Mer fotboll"},
        text_status=TextStatus.HELD,
    )
    client = client_for(worker)

    assert client.post(f"/api/staff/polls/{poll.pk}/reveal").status_code == 200
    approved = client.post(
        f"/api/staff/answers/{held.pk}/moderation", {"action": "approve"}, format="json"
    )

    assert approved.status_code == 200, approved.content
    revealed = only(AuditEntry.objects.filter(object_type="polls.poll"))
    assert revealed.action == AuditAction.REVEAL
    assert revealed.changes["results_revealed_at"][0] is None
    answer = only(AuditEntry.objects.filter(object_type="polls.response"))
    assert answer.action == AuditAction.REVEAL
    assert answer.changes == {"text_status": ["held", "published"]}
    assert answer.forum_id == poll.forum_id  # found two relations away


def test_an_export_is_recorded_with_its_file(client_for) -> None:
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    poll = PollFactory(forum=ForumFactory(staff=[worker]))

    response = client_for(worker).get(f"/api/staff/polls/{poll.pk}/raw.csv", REMOTE_ADDR=IP)

    assert response.status_code == 200
    entry = only(AuditEntry.objects.all())
    assert entry.action == AuditAction.EXPORT
    assert (entry.object_type, entry.object_id, entry.forum_id) == (
        "polls.poll",
        str(poll.pk),
        poll.forum_id,
    )
    assert entry.detail["file"] == f"poll-{poll.pk}-raw.csv"
    assert entry.ip == IP


def test_a_refused_export_records_nothing(client_for) -> None:
    poll = PollFactory()  # the youth worker is not staff of its forum: 404
    worker = UserFactory(roles=[Role.YOUTH_WORKER])

    assert client_for(worker).get(f"/api/staff/polls/{poll.pk}/raw.csv").status_code == 404
    assert not AuditEntry.objects.exists()


def test_adding_and_removing_forum_staff_are_role_changes(client_for, official: Any) -> None:
    forum = ForumFactory()
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    client = client_for(official)

    added = client.post(
        f"/api/staff/forums/{forum.pk}/staff", {"user_id": worker.pk}, format="json"
    )
    removed = client.delete(f"/api/staff/forums/{forum.pk}/staff/{worker.pk}")

    assert (added.status_code, removed.status_code) == (201, 204), added.content
    entries = list(AuditEntry.objects.filter(object_type="participation.forumstaff").order_by("id"))
    assert [e.action for e in entries] == [AuditAction.ROLE_CHANGE, AuditAction.ROLE_CHANGE]
    assert entries[0].changes["user"] == [None, worker.pk]
    assert entries[1].changes["user"] == [worker.pk, None]
    assert {e.forum_id for e in entries} == {forum.pk}
    assert not ForumStaff.objects.filter(forum=forum, user=worker).exists()


def test_archiving_a_forum_is_recorded(client_for, official: Any) -> None:
    forum = ForumFactory()

    assert client_for(official).post(f"/api/staff/forums/{forum.pk}/archive").status_code == 200

    entry = only(AuditEntry.objects.filter(object_type="participation.forum"))
    assert entry.action == AuditAction.UPDATE
    assert entry.forum_id == forum.pk
    assert entry.changes["archived_at"][0] is None
    assert entry.actor_roles == "official"


def test_a_phone_answering_records_nothing(api_client: APIClient) -> None:
    poll = PollFactory()
    question = poll.questions.get()

    response = api_client.post(
        f"/api/questions/{question.pk}/answers",
        {
            "answer": {"option_id": question.options.order_by("pk")[0].pk},
            "idempotency_key": str(uuid.uuid4()),
        },
        format="json",
    )

    assert response.status_code in (200, 201), response.content
    assert question.responses.exists()
    assert not AuditEntry.objects.exists()
