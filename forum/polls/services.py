import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.core.errors import (
    AnswerChangeNotAllowed,
    IdempotencyKeyReused,
    InvalidInput,
    PollClosed,
    PollNotOpen,
    UnknownOption,
)
from forum.core.events import PollTallyChanged, poll_group, publish_on_commit
from forum.core.roles import Role, require_role
from forum.participation.models import Forum, Participant
from forum.polls.models import Option, Poll, PollStatus, Question, QuestionKind, Response


@dataclass(frozen=True)
class QuestionSpec:
    text: str
    options: Sequence[str]
    kind: str = QuestionKind.SINGLE_CHOICE


@transaction.atomic
def poll_create(
    *, forum: Forum, title: str, questions: Sequence[QuestionSpec], actor: Any, intro: str = ""
) -> Poll:
    require_role(actor, Role.YOUTH_WORKER, Role.OFFICIAL)
    if not title.strip():
        raise InvalidInput(fields={"title": [_("This field may not be blank.")]})
    if not questions or any(len(q.options) < 2 for q in questions):
        raise InvalidInput(fields={"questions": [_("Each question needs at least two options.")]})
    poll = Poll.objects.create(forum=forum, title=title.strip(), intro=intro)
    for q_pos, spec in enumerate(questions):
        question = Question.objects.create(
            poll=poll, text=spec.text, kind=spec.kind, position=q_pos
        )
        Option.objects.bulk_create(
            Option(question=question, label=label, position=o_pos)
            for o_pos, label in enumerate(spec.options)
        )
    return poll


def poll_open(*, poll: Poll, actor: Any) -> Poll:
    require_role(actor, Role.YOUTH_WORKER)
    with transaction.atomic():
        poll = Poll.objects.select_for_update().get(pk=poll.pk)
        if poll.status != PollStatus.OPEN:
            poll.status = PollStatus.OPEN
            poll.opened_at = timezone.now()
            poll.closed_at = None
            poll.save(update_fields=["status", "opened_at", "closed_at"])
            publish_on_commit(poll_group(poll.pk), PollTallyChanged(poll_id=poll.pk))
    return poll


def poll_close(*, poll: Poll, actor: Any) -> Poll:
    require_role(actor, Role.YOUTH_WORKER)
    with transaction.atomic():
        poll = Poll.objects.select_for_update().get(pk=poll.pk)
        if poll.status == PollStatus.OPEN:
            poll.status = PollStatus.CLOSED
            poll.closed_at = timezone.now()
            poll.save(update_fields=["status", "closed_at"])
            publish_on_commit(poll_group(poll.pk), PollTallyChanged(poll_id=poll.pk))
    return poll


def poll_response_submit(
    *, question: Question, participant: Participant, option_id: int, idempotency_key: uuid.UUID
) -> Response:
    """Record ``participant``'s answer to ``question``; acknowledged only once committed.

    Idempotent: a retry carrying the same key returns the first result unchanged. A new key
    with another option changes the answer while the poll is open (if the poll allows it).
    One response per participant and question is a database constraint; two racing first
    answers resolve to one row, the loser re-reading the winner's.
    """
    poll = question.poll
    if poll.status == PollStatus.DRAFT:
        raise PollNotOpen()
    if poll.status != PollStatus.OPEN:
        raise PollClosed()
    if not Option.objects.filter(pk=option_id, question=question).exists():
        raise UnknownOption(fields={"option_id": [UnknownOption.default_message]})

    with transaction.atomic():
        existing = _locked_response(question=question, participant=participant)
        if existing is None:
            try:
                with transaction.atomic():
                    response = Response.objects.create(
                        question=question,
                        participant=participant,
                        option_id=option_id,
                        idempotency_key=idempotency_key,
                    )
            except IntegrityError:
                existing = _locked_response(question=question, participant=participant)
                if existing is None:  # pragma: no cover - the constraint said otherwise
                    raise
            else:
                publish_on_commit(poll_group(poll.pk), PollTallyChanged(poll_id=poll.pk))
                return response

        if existing.idempotency_key == idempotency_key:
            if existing.option_id != option_id:
                raise IdempotencyKeyReused()
            return existing
        if existing.option_id == option_id:
            return existing
        if not poll.allow_answer_change:
            raise AnswerChangeNotAllowed()
        existing.option_id = option_id
        existing.idempotency_key = idempotency_key
        existing.save(update_fields=["option", "idempotency_key", "updated_at"])
        publish_on_commit(poll_group(poll.pk), PollTallyChanged(poll_id=poll.pk))
        return existing


def _locked_response(*, question: Question, participant: Participant) -> Response | None:
    return (
        Response.objects.select_for_update()
        .filter(question=question, participant=participant)
        .first()
    )
