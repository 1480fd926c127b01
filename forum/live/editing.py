"""The session editor's writes beyond the basic ones in services.py: an activity of any
kind created inline (with its own new question), duplicated, a poll's questions imported,
(a template's session is made in session_templates.py) (docs/decisions/0038).

Every question an editor writes gets its own one-question poll in the session's forum, so
editing, duplicating or removing it never touches another poll, and its answers stay
apart. The checks that the polls app does not make (an empty question, the same option
twice, too many options) are made here first, each with its own error code.
"""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from forum.core.errors import (
    BudgetInvalid,
    CostsInvalid,
    InvalidInput,
    OptionsDuplicate,
    OptionsTooMany,
    QuestionEmpty,
)
from forum.core.events import LiveSessionChanged, live_group, publish_on_commit
from forum.core.roles import Role
from forum.core.translations import clean_translations
from forum.ideas.models import IdeaBoard
from forum.live.models import (
    QUESTION_KINDS,
    ActivityKind,
    LiveActivity,
    LiveSession,
    LiveSessionState,
)
from forum.live.services import (
    LIVE_ACTIVITY_POLL_SETTINGS,
    OPEN_WALL_MAX_LENGTH,
    WORD_CLOUD_MAX_LENGTH,
    EditAction,
    _activity_by_key,
    _edited,
    _locked_editable,
    _session_activity,
    edit_version_check,
    live_activity_add,
    live_activity_update,
)
from forum.participation.access import require_forum_staff
from forum.polls.models import Poll, Question, QuestionKind
from forum.polls.services import (
    MAX_OPTIONS,
    QuestionSpec,
    poll_create,
    poll_open,
    question_translations_set,
)

QUESTION_TEXT_MAX = 300


@dataclass(frozen=True)
class ActivityDraft:
    """What an editor (or a template) says an activity should be.

    Question kinds (poll question, word cloud, wall) either show an existing ``question``
    or get a new one from ``question_text`` (+ ``question_kind`` and ``options`` for a
    poll question). An idea collection uses ``board`` or makes one from ``board_question``.
    """

    kind: str
    title: str = ""
    body: str = ""
    question: Question | None = None
    question_text: str = ""
    question_kind: str = QuestionKind.SINGLE_CHOICE
    options: Sequence[str] = ()
    config: Mapping[str, Any] = field(default_factory=dict)
    costs: Sequence[int] = ()
    board: IdeaBoard | None = None
    board_question: str = ""
    seconds: int | None = None
    # Phones see a question's results before answering it (default: only after).
    results_before_answer: bool = False


def _budget_costs_clean(
    config: Mapping[str, Any], costs: Sequence[Any], options: Sequence[str]
) -> list[int]:
    """A budget question's budget and one cost per option, each with its own code and
    field so the editor can point at the input. ``options`` are the raw rows: an empty
    row is dropped together with its cost (the polls rules check the rest)."""
    budget = config.get("budget")
    if isinstance(budget, bool) or not isinstance(budget, int) or budget < 1:
        raise BudgetInvalid(fields={"budget": [_("Set the budget to a whole number above zero.")]})
    if not costs:
        return []  # every option costs 0 (scripts and seeds)
    if len(costs) != len(options) or any(
        isinstance(c, bool) or not isinstance(c, int) or c < 0 for c in costs
    ):
        raise CostsInvalid(
            fields={"costs": [_("Give every option a cost: a whole number, zero or more.")]}
        )
    return [c for c, label in zip(costs, options, strict=True) if " ".join(str(label).split())]


def question_spec_clean(
    *,
    kind: str,
    text: str,
    question_kind: str,
    options: Sequence[str],
    config: Mapping[str, Any],
    costs: Sequence[int] = (),
) -> QuestionSpec:
    """The new question of a question activity, checked: not empty, no option twice, not
    more options than a poll allows, a budget question's budget and costs. Word clouds and
    walls ask an open-text question."""
    text = " ".join(text.split())
    if not text:
        raise QuestionEmpty(fields={"question_text": [_("Write the question first.")]})
    if len(text) > QUESTION_TEXT_MAX:
        raise InvalidInput(fields={"question_text": [_("Keep it to 300 characters.")]})
    if kind == ActivityKind.WORD_CLOUD or kind == ActivityKind.OPEN_WALL:
        limit = WORD_CLOUD_MAX_LENGTH if kind == ActivityKind.WORD_CLOUD else OPEN_WALL_MAX_LENGTH
        return QuestionSpec(text=text, kind=QuestionKind.OPEN_TEXT, config={"max_length": limit})
    if question_kind not in QuestionKind.values:
        raise InvalidInput(fields={"question_kind": [_("Unknown kind of question.")]})
    labels = [" ".join(str(label).split()) for label in options]
    labels = [label for label in labels if label]  # an empty last row is not an option
    if len(labels) > MAX_OPTIONS:
        raise OptionsTooMany(fields={"options": [_("At most %(n)d options.") % {"n": MAX_OPTIONS}]})
    seen: set[str] = set()
    for label in labels:
        if label.casefold() in seen:
            raise OptionsDuplicate(
                fields={"options": [_("“%(label)s” is there twice.") % {"label": label}]}
            )
        seen.add(label.casefold())
    kept_costs: list[int] = []
    if question_kind == QuestionKind.BUDGET:
        kept_costs = _budget_costs_clean(config, costs, options)
    return QuestionSpec(
        text=text, kind=question_kind, options=labels, config=dict(config), costs=kept_costs
    )


def _question_new(locked: LiveSession, spec: QuestionSpec, actor: Any) -> Question:
    """A one-question poll of the session's forum for one activity. Opened at once in a
    running session; a draft's poll opens when its activity is first shown."""
    poll = poll_create(
        forum=locked.forum,
        title=spec.text[:200],
        questions=[spec],
        actor=actor,
        poll_settings=LIVE_ACTIVITY_POLL_SETTINGS,
    )
    if locked.state == LiveSessionState.RUNNING:
        poll_open(poll=poll, actor=actor)
    return Question.objects.select_related("poll").get(poll=poll)


def _draft_spec(draft: ActivityDraft) -> QuestionSpec | None:
    if draft.kind not in QUESTION_KINDS or draft.question is not None:
        return None
    return question_spec_clean(
        kind=draft.kind,
        text=draft.question_text,
        question_kind=draft.question_kind,
        options=draft.options,
        config=draft.config,
        costs=draft.costs,
    )


def live_activity_create(
    *,
    session: LiveSession,
    actor: Any,
    draft: ActivityDraft,
    expected_version: int | None = None,
    idempotency_key: uuid.UUID | None = None,
) -> LiveActivity:
    """Add an activity of any kind at the end of a draft or running session, its question
    written inline. A retry with the same key returns the first activity; a stale
    ``expected_version`` is an edit conflict; bad input changes nothing."""
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    if draft.kind not in ActivityKind.values:
        raise InvalidInput(fields={"kind": [_("Unknown kind of activity.")]})
    spec = _draft_spec(draft)
    with transaction.atomic():
        locked = _locked_editable(session)
        existing = _activity_by_key(locked, idempotency_key)
        if existing is not None:
            return existing
        edit_version_check(locked, expected_version)
        question = draft.question
        if spec is not None:
            question = _question_new(locked, spec, actor)
        return live_activity_add(
            session=locked,
            actor=actor,
            kind=draft.kind,
            question=question,
            board=draft.board,
            board_question=draft.board_question,
            title=draft.title,
            body=draft.body,
            seconds=draft.seconds,
            idempotency_key=idempotency_key,
            results_before_answer=draft.results_before_answer,
        )


def _spec_of(question: Question) -> QuestionSpec:
    options = list(question.options.order_by("position"))
    return QuestionSpec(
        text=question.text,
        kind=question.kind,
        options=[o.label for o in options],
        config=dict(question.config or {}),
        costs=[o.cost for o in options] if question.kind == QuestionKind.BUDGET else [],
    )


def live_activity_duplicate(
    *,
    session: LiveSession,
    activity_id: int,
    actor: Any,
    expected_version: int | None = None,
    idempotency_key: uuid.UUID | None = None,
) -> LiveActivity:
    """A copy of an activity right after it: a question activity gets a copy of its
    question in a new poll (the answers stay apart), an idea collection the same board,
    an info slide its picture too. Shown activities may be copied (the copy is new)."""
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    with transaction.atomic():
        locked = _locked_editable(session)
        existing = _activity_by_key(locked, idempotency_key)
        if existing is not None:
            return existing
        edit_version_check(locked, expected_version)
        source = _session_activity(locked, activity_id)
        source = LiveActivity.objects.select_related("question").get(pk=source.pk)
        question = source.question
        if question is not None:
            question = _question_new(locked, _spec_of(question), actor)
        if (
            locked.state == LiveSessionState.RUNNING
            and locked.current_activity_id is not None
            and locked.activities.filter(
                pk=locked.current_activity_id, position__gt=source.position
            ).exists()
        ):
            # Never slip a copy into what has been shown: it goes after the current one.
            position = locked.activities.get(pk=locked.current_activity_id).position + 1
        else:
            position = source.position + 1
        locked.activities.filter(position__gte=position).update(position=F("position") + 1)
        copy = LiveActivity.objects.create(
            session=locked,
            position=position,
            kind=source.kind,
            title=source.title,
            body=source.body,
            question=question,
            board_id=source.board_id,
            image=source.image,
            image_type=source.image_type,
            image_width=source.image_width,
            image_height=source.image_height,
            image_alt=source.image_alt,
            image_updated_at=source.image_updated_at,
            seconds=source.seconds,
            results_before_answer=source.results_before_answer,
            idempotency_key=idempotency_key,
        )
        _edited(locked, actor=actor, action=EditAction.DUPLICATE, activity_id=copy.pk)
    return copy


def live_session_poll_import(
    *,
    session: LiveSession,
    poll: Poll,
    actor: Any,
    expected_version: int | None = None,
    idempotency_key: uuid.UUID | None = None,
) -> list[LiveActivity]:
    """Copy a poll's questions into the session, one poll-question activity each (open
    text as a wall), at the end. The poll itself is not changed or linked."""
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    if poll.forum_id != session.forum_id:
        raise InvalidInput(fields={"poll_id": [_("The poll does not belong to this forum.")]})
    questions = list(poll.questions.order_by("position", "id"))
    if not questions:
        raise InvalidInput(fields={"poll_id": [_("The poll has no questions.")]})
    with transaction.atomic():
        locked = _locked_editable(session)
        edit_version_check(locked, expected_version)
        created = []
        for index, question in enumerate(questions):
            kind = (
                ActivityKind.OPEN_WALL
                if question.kind == QuestionKind.OPEN_TEXT
                else ActivityKind.POLL_QUESTION
            )
            key = uuid.uuid5(idempotency_key, str(index)) if idempotency_key else None
            existing = _activity_by_key(locked, key)
            if existing is not None:
                created.append(existing)
                continue
            copy = _question_new(locked, _spec_of(question), actor)
            created.append(
                live_activity_add(
                    session=locked, actor=actor, kind=kind, question=copy, idempotency_key=key
                )
            )
        locked.refresh_from_db()
        _edited(locked, actor=actor, action=EditAction.IMPORT, activity_id=None)
    return created


def live_activity_edit(
    *,
    session: LiveSession,
    activity_id: int,
    actor: Any,
    title: str,
    body: str,
    question_text: str | None = None,
    question_kind: str = QuestionKind.SINGLE_CHOICE,
    options: Sequence[str] = (),
    config: Mapping[str, Any] | None = None,
    costs: Sequence[int] = (),
    seconds: int | None = None,
    expected_version: int | None = None,
    results_before_answer: bool | None = None,
) -> LiveActivity:
    """Edit an activity from the editor: its texts and, when ``question_text`` is given,
    its question (checked like a new one), or a countdown's length."""
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    spec = None
    if question_text is not None:
        kind = (
            session.activities.filter(pk=activity_id).values_list("kind", flat=True).first()
            or ActivityKind.POLL_QUESTION
        )
        spec = question_spec_clean(
            kind=kind,
            text=question_text,
            question_kind=question_kind,
            options=options,
            config=config or {},
            costs=costs,
        )
    return live_activity_update(
        session=session,
        activity_id=activity_id,
        actor=actor,
        title=title,
        body=body,
        question=spec,
        seconds=seconds,
        expected_version=expected_version,
        results_before_answer=results_before_answer,
    )


def live_activity_translations_set(
    *,
    session: LiveSession,
    activity_id: int,
    actor: Any,
    translations: Any,
    question_translations: Any = None,
    option_translations: Mapping[int, Any] | None = None,
) -> LiveActivity:
    """Set an activity's title and text in the forum's other languages, and its question's
    and options' when it has one. Allowed after it was shown: a translation says the same
    as the Swedish text, which stays part of the record unchanged."""
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    with transaction.atomic():
        locked = LiveSession.objects.select_for_update().select_related("forum").get(pk=session.pk)
        activity = _session_activity(locked, activity_id)
        activity.translations = clean_translations(
            translations, fields=LiveActivity.TRANSLATABLE_FIELDS, offered=locked.forum.languages
        )
        activity.save(update_fields=["translations"])
        if activity.question is not None and (
            question_translations is not None or option_translations
        ):
            question_translations_set(
                question=activity.question,
                translations=question_translations or activity.question.translations,
                option_translations=option_translations,
                actor=actor,
            )
        code = locked.join_code
        publish_on_commit(live_group(code), LiveSessionChanged(code=code))
    return activity
