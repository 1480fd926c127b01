"""`manage.py purge_expired`: a dry run prints what a run would do per forum and kind; the run
does it; the next run finds nothing (the daily timer may run it any number of times)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from forum.participation.models import ParticipantProfile
from forum.polls.models import Question, QuestionKind, Response
from tests.factories import ForumFactory, ParticipantFactory, ParticipantProfileFactory, PollFactory

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("purge_expired", *args, stdout=out)
    return out.getvalue()


def test_dry_run_then_run_then_nothing_left_to_do() -> None:
    forum = ForumFactory(name="Husby ungdomsråd", retention_days=30)
    question = Question.objects.create(
        poll=PollFactory(forum=forum, questions=[]), text="Berätta", kind=QuestionKind.OPEN_TEXT
    )
    person = ParticipantFactory()
    answer = Response.objects.create(question=question, participant=person, answer={"text": "Hej"})
    profile = ParticipantProfileFactory(forum=forum, participant=person, gender="boy")
    long_ago = timezone.now() - dt.timedelta(days=31)
    Response.objects.filter(pk=answer.pk).update(updated_at=long_ago)
    ParticipantProfile.objects.filter(pk=profile.pk).update(updated_at=long_ago)

    dry = _run("--dry-run")

    assert "Husby ungdomsråd" in dry
    assert "poll_free_text_deleted=1" in dry
    assert "demographic_answers_deleted=1" in dry
    assert dry.splitlines()[-1].startswith("would change in all:")
    assert Response.objects.filter(pk=answer.pk).exists()

    run = _run()

    assert "poll_free_text_deleted=1" in run
    assert run.splitlines()[-1].startswith("changed in all:")
    assert not Response.objects.filter(pk=answer.pk).exists()
    assert not ParticipantProfile.objects.exists()
    again = _run().splitlines()
    assert again[0].endswith(": nothing")
    assert "Husby ungdomsråd" in again[0]
