"""Text stored before the text boundary is repaired, so no page stays broken."""

import io
from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from forum.ideas.models import Idea
from forum.polls.models import Response
from tests.factories import IdeaFactory, ParticipantFactory, all_kinds_poll, question_of

pytestmark = pytest.mark.django_db

needs_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="PostgreSQL refuses to store a lone surrogate at all; only SQLite kept them",
)


def broken_rows() -> tuple[Response | None, Idea]:
    answer = None
    if connection.vendor == "sqlite":
        poll = all_kinds_poll()
        answer = Response.objects.create(
            question=question_of(poll, "open_text"),
            participant=ParticipantFactory(),
            answer={"text": "hej \ud800 då"},
        )
    idea = IdeaFactory(title="gratis \u202egnilbmag", text="ok")
    return answer, idea


@needs_sqlite
def test_the_command_replaces_stored_surrogates_and_removes_bidi_controls() -> None:
    answer, idea = broken_rows()
    untouched = IdeaFactory(title="Mer musik")
    assert answer is not None

    out = io.StringIO()
    call_command("repair_text", stdout=out)

    answer.refresh_from_db()
    idea.refresh_from_db()
    assert answer.answer == {"text": "hej \ufffd då"}
    assert idea.title == "gratis gnilbmag"
    assert Idea.objects.get(pk=untouched.pk).title == "Mer musik"
    assert "2 rows repaired in all" in out.getvalue()


def test_the_data_migration_runs_the_same_repair() -> None:
    _answer, idea = broken_rows()
    migration = import_module("forum.core.migrations.0003_repair_stored_text")

    migration.repair(apps, None)

    idea.refresh_from_db()
    assert idea.title == "gratis gnilbmag"
    for response in Response.objects.all():
        str(response.answer).encode("utf-8")
