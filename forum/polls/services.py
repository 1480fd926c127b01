import datetime as dt
import hashlib
import hmac
import secrets
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.conf import settings
from django.db import IntegrityError, connections, router, transaction
from django.db.models import Field, ProtectedError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from forum.core.audit import audit_record
from forum.core.errors import (
    AgeBandNotAllowed,
    AgeBandRequired,
    AnswerChangeNotAllowed,
    DomainError,
    IdempotencyKeyReused,
    InUse,
    InvalidInput,
    NotFound,
    PollClosed,
    PollNotEditable,
    PollNotOpen,
    TextBlocked,
    UnknownOption,
    VotingCodeInvalid,
    VotingCodeRequired,
)
from forum.core.events import PollTallyChanged, poll_group, publish_on_commit
from forum.core.images import image_alt_clean, image_process
from forum.core.models import AuditAction
from forum.core.roles import Role
from forum.core.text import text_clean
from forum.core.translations import clean_translations, writing_language
from forum.moderation.services import Verdict, text_screen
from forum.participation.access import require_forum_open, require_forum_staff
from forum.participation.models import AgeBand, Forum, Participant, ParticipantProfile
from forum.polls.answers import (
    TEXT_MAX_LIMIT,
    answer_option_id,
    answer_validate,
)
from forum.polls.measures import (
    MEASURES_VERSION,
    TEMPLATE_INTROS,
    TEMPLATE_QUESTIONS,
    TEMPLATE_TITLES,
    Occasion,
    PollTemplate,
)
from forum.polls.models import (
    AccessMode,
    BudgetMode,
    Option,
    Poll,
    PollFromTemplate,
    PollStatus,
    Question,
    QuestionKind,
    Response,
    ResultsVisibility,
    TextStatus,
    VotingCode,
)
from forum.polls.selectors import question_option_costs

MAX_QUESTIONS = 30
MAX_OPTIONS = 30
MAX_CODES_PER_BATCH = 500
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to type from paper
CODE_LENGTH = 10

OPTION_KINDS = frozenset(
    {
        QuestionKind.SINGLE_CHOICE,
        QuestionKind.MULTIPLE_CHOICE,
        QuestionKind.RANKING,
        QuestionKind.BUDGET,
    }
)


def yes_no_labels() -> list[str]:
    """Stored as option labels in the site's language (Swedish), like staff-written options."""
    with translation.override(settings.LANGUAGE_CODE):
        return [str(_("Yes")), str(_("No")), str(_("Don't know"))]


@dataclass(frozen=True)
class QuestionSpec:
    text: str
    options: Sequence[str] = ()
    kind: str = QuestionKind.SINGLE_CHOICE
    config: Mapping[str, Any] = field(default_factory=dict)
    costs: Sequence[int] = ()


@dataclass(frozen=True)
class PollSettings:
    access_mode: str = AccessMode.OPEN
    age_bands: Sequence[str] = ()
    results_visibility: str = ResultsVisibility.AFTER_ANSWER
    allow_answer_change: bool = True
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None


def _clean_config(spec: QuestionSpec, index: int) -> dict[str, Any]:
    """Validate one question's settings; errors name the question by its position."""
    name = f"questions.{index}"
    errors: list[Any] = []
    raw = dict(spec.config or {})
    config: dict[str, Any] = {}

    def int_of(key: str, default: int | None = None) -> int | None:
        value = raw.get(key, default)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            errors.append(_("%(key)s must be a whole number.") % {"key": key})
            return None
        return value

    kind = spec.kind
    n_options = len(spec.options)
    if kind not in QuestionKind.values:
        raise InvalidInput(fields={f"{name}.kind": [_("Unknown kind of question.")]})
    if kind in OPTION_KINDS and n_options < 2:
        errors.append(_("Each question needs at least two options."))
    if n_options > MAX_OPTIONS:
        errors.append(_("At most %(n)d options.") % {"n": MAX_OPTIONS})
    if any(not text_clean(str(label), field=name, allow_blank=True) for label in spec.options):
        errors.append(_("Options may not be blank."))
    if kind == QuestionKind.MULTIPLE_CHOICE:
        low = int_of("min_picks", 1) or 1
        high = int_of("max_picks", n_options) or n_options
        if not 1 <= low <= high <= max(n_options, 1):
            errors.append(_("Picks must be between 1 and the number of options, min ≤ max."))
        config.update(min_picks=low, max_picks=high)
    elif kind == QuestionKind.SCALE:
        s_low = int_of("scale_min", 1)
        s_high = int_of("scale_max", 5)
        if (s_low, s_high) not in ((1, 5), (1, 10)):
            errors.append(_("A scale goes from 1 to 5 or from 1 to 10."))
        config.update(
            scale_min=s_low,
            scale_max=s_high,
            label_min=str(raw.get("label_min", ""))[:60],
            label_max=str(raw.get("label_max", ""))[:60],
            emoji=bool(raw.get("emoji", False)) and (s_low, s_high) == (1, 5),
        )
    elif kind == QuestionKind.OPEN_TEXT:
        limit = int_of("max_length", 280) or 280
        if not 10 <= limit <= TEXT_MAX_LIMIT:
            errors.append(_("Answers can be 10 to %(n)d characters long.") % {"n": TEXT_MAX_LIMIT})
        config.update(max_length=limit)
    elif kind == QuestionKind.BUDGET:
        budget = int_of("budget")
        if not budget or budget < 1:
            errors.append(_("Set a budget above zero."))
        mode = raw.get("budget_mode", BudgetMode.ALLOCATE)
        if mode not in BudgetMode.values:
            errors.append(_("Unknown budget mode."))
        unit = raw.get("unit", "points")
        if unit not in ("points", "kr"):
            errors.append(_("The unit is points or kr."))
        if len(spec.costs) not in (0, n_options) or any(
            isinstance(c, bool) or not isinstance(c, int) or c < 0 for c in spec.costs
        ):
            errors.append(_("Give every option a cost of zero or more."))
        if mode == BudgetMode.APPROVAL and any(c <= 0 for c in spec.costs or [0]):
            errors.append(_("In pick mode every option needs a cost above zero."))
        config.update(budget=budget, budget_mode=mode, unit=unit)
    if not text_clean(spec.text, field=name, multiline=True, allow_blank=True):
        errors.append(_("The question may not be blank."))

    if errors:
        raise InvalidInput(fields={name: errors})
    return config


def _options_record(
    *, poll: Poll, actor: Any, action: AuditAction, question: Question | None = None
) -> None:
    """Options are written with bulk_create, which sends no signals: one audit entry with the
    options (of ``question``, or of every question) as they are now."""
    rows = Option.objects.filter(question__poll=poll)
    if question is not None:
        rows = rows.filter(question=question)
    options: dict[str, list[str]] = {}
    for question_id, label in rows.order_by("question__position", "position").values_list(
        "question_id", "label"
    ):
        options.setdefault(str(question_id), []).append(label)
    audit_record(
        action=action,
        actor=actor,
        object_type=Option._meta.label_lower,
        object_id=str(poll.pk),
        forum_id=poll.forum_id,
        detail={"poll": poll.pk, "options": options},
    )


def _create_questions(poll: Poll, questions: Sequence[QuestionSpec]) -> None:
    if not questions:
        raise InvalidInput(fields={"questions": [_("Add at least one question.")]})
    if len(questions) > MAX_QUESTIONS:
        raise InvalidInput(fields={"questions": [_("At most %(n)d questions.") % {"n": 30}]})
    for q_pos, spec in enumerate(questions):
        config = _clean_config(spec, q_pos)
        labels: Sequence[str] = spec.options
        if spec.kind == QuestionKind.YES_NO:
            labels = yes_no_labels()
        elif spec.kind in (QuestionKind.SCALE, QuestionKind.OPEN_TEXT):
            labels = ()
        question = Question.objects.create(
            poll=poll,
            text=text_clean(spec.text, field=f"questions.{q_pos}", multiline=True),
            kind=spec.kind,
            position=q_pos,
            config=config,
        )
        costs = list(spec.costs) if spec.kind == QuestionKind.BUDGET else []
        Option.objects.bulk_create(
            Option(
                question=question,
                label=text_clean(str(label), field=f"questions.{q_pos}"),
                position=o_pos,
                cost=costs[o_pos] if o_pos < len(costs) else 0,
            )
            for o_pos, label in enumerate(labels)
        )


def _clean_settings(poll_settings: PollSettings, forum: Forum) -> dict[str, Any]:
    errors: dict[str, list[Any]] = {}
    if poll_settings.access_mode not in AccessMode.values:
        errors["access_mode"] = [_("That is not one of the choices.")]
    if poll_settings.results_visibility not in ResultsVisibility.values:
        errors["results_visibility"] = [_("That is not one of the choices.")]
    bands = list(dict.fromkeys(poll_settings.age_bands))
    real_bands = [b for b in AgeBand.values if b != AgeBand.PREFER_NOT]
    if any(b not in real_bands for b in bands):
        errors["age_bands"] = [_("That is not one of the choices.")]
    if poll_settings.access_mode == AccessMode.AGE_LIMITED and not bands:
        errors["age_bands"] = [_("Choose which age groups may answer.")]
    opens_at, closes_at = poll_settings.opens_at, poll_settings.closes_at
    if opens_at and closes_at and closes_at <= opens_at:
        errors["closes_at"] = [_("The poll must close after it opens.")]
    if errors:
        raise InvalidInput(fields=errors)
    return {
        "access_mode": poll_settings.access_mode,
        "age_bands": bands if poll_settings.access_mode == AccessMode.AGE_LIMITED else [],
        "results_visibility": poll_settings.results_visibility,
        "allow_answer_change": poll_settings.allow_answer_change,
        "opens_at": opens_at,
        "closes_at": closes_at,
    }


@transaction.atomic
def poll_create(
    *,
    forum: Forum,
    title: str,
    questions: Sequence[QuestionSpec],
    actor: Any,
    intro: str = "",
    poll_settings: PollSettings | None = None,
) -> Poll:
    require_forum_staff(actor, forum, Role.YOUTH_WORKER, Role.OFFICIAL, write=True)
    title = text_clean(title, field="title")
    intro = text_clean(intro, field="intro", multiline=True, allow_blank=True)
    values = _clean_settings(poll_settings or PollSettings(), forum)
    poll = Poll.objects.create(forum=forum, title=title, intro=intro, **values)
    _create_questions(poll, questions)
    _options_record(poll=poll, actor=actor, action=AuditAction.CREATE)
    return poll


def poll_from_template(
    *,
    forum: Forum,
    template: str,
    actor: Any,
    idempotency_key: uuid.UUID,
    occasion: str = Occasion.YEARLY,
    follows: Poll | None = None,
) -> Poll:
    """A draft poll from a standard set (forum/polls/measures.py), questions tagged with their
    measure codes and translated into every language; a retry with the same key returns it."""
    require_forum_staff(actor, forum, Role.YOUTH_WORKER, Role.OFFICIAL, write=True)
    errors: dict[str, list[Any]] = {}
    if template not in PollTemplate.values:
        errors["template"] = [_("That is not one of the choices.")]
    if occasion not in Occasion.values:
        errors["occasion"] = [_("That is not one of the choices.")]
    if follows is not None and (follows.forum_id != forum.pk or template != PollTemplate.MEASURES):
        errors["follows"] = [_("Choose a poll in this forum for a measurement point to follow.")]
    if errors:
        raise InvalidInput(fields=errors)
    earlier = PollFromTemplate.objects.filter(idempotency_key=idempotency_key).first()
    if earlier is not None:
        return _same_template_poll(earlier, forum=forum, template=template)
    try:
        with transaction.atomic():
            poll = Poll.objects.create(
                forum=forum,
                title=TEMPLATE_TITLES[template],
                intro=TEMPLATE_INTROS[template],
                # Measurements are read across forums, not shown back as a result race.
                results_visibility=ResultsVisibility.AFTER_CLOSE,
            )
            for q_pos, spec in enumerate(TEMPLATE_QUESTIONS[template]):
                question = Question.objects.create(
                    poll=poll,
                    text=spec.sv,
                    translations={code: {"text": text} for code, text in spec.translations.items()},
                    kind=(
                        QuestionKind.MULTIPLE_CHOICE
                        if spec.multiple
                        else QuestionKind.SINGLE_CHOICE
                    ),
                    position=q_pos,
                    config=(
                        {"min_picks": 1, "max_picks": len(spec.options)} if spec.multiple else {}
                    ),
                    measure=spec.measure,
                )
                Option.objects.bulk_create(
                    Option(
                        question=question,
                        label=option.sv,
                        translations={
                            code: {"label": text} for code, text in option.translations.items()
                        },
                        position=o_pos,
                    )
                    for o_pos, option in enumerate(spec.options)
                )
            _options_record(poll=poll, actor=actor, action=AuditAction.CREATE)
            PollFromTemplate.objects.create(
                poll=poll,
                template=template,
                version=MEASURES_VERSION,
                occasion=occasion if template == PollTemplate.MEASURES else Occasion.YEARLY,
                follows=follows,
                idempotency_key=idempotency_key,
            )
    except IntegrityError:
        # A racing retry with the same key won: answer with its poll.
        earlier = PollFromTemplate.objects.get(idempotency_key=idempotency_key)
        return _same_template_poll(earlier, forum=forum, template=template)
    return poll


def _same_template_poll(earlier: PollFromTemplate, *, forum: Forum, template: str) -> Poll:
    if earlier.poll.forum_id != forum.pk or earlier.template != template:
        raise IdempotencyKeyReused(_("This request key was already used for another poll."))
    return earlier.poll


@transaction.atomic
def poll_update(
    *,
    poll: Poll,
    title: str,
    questions: Sequence[QuestionSpec] | None,
    actor: Any,
    intro: str = "",
    poll_settings: PollSettings | None = None,
) -> Poll:
    """Replace a poll's texts and settings; questions only while nobody has answered."""
    require_forum_staff(actor, poll.forum, Role.YOUTH_WORKER, Role.OFFICIAL, write=True)
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    title = text_clean(title, field="title")
    intro = text_clean(intro, field="intro", multiline=True, allow_blank=True)
    values = _clean_settings(poll_settings or PollSettings(), poll.forum)
    for key, value in values.items():
        setattr(poll, key, value)
    poll.title = title
    poll.intro = intro
    poll.save()
    if questions is not None:
        if Response.objects.filter(question__poll=poll).exists():
            raise PollNotEditable()
        try:
            with transaction.atomic():
                poll.questions.all().delete()
        except ProtectedError:
            # A live activity (forum.live) shows one of the questions: keep them.
            raise InUse(
                _("A live session uses these questions, so they cannot be replaced.")
            ) from None
        _create_questions(poll, questions)
    publish_on_commit(poll_group(poll.pk), PollTallyChanged(poll_id=poll.pk))
    return poll


@transaction.atomic
def question_rewrite(*, question: Question, spec: QuestionSpec, actor: Any) -> Question:
    """Replace one question's text, kind, settings and options in place (the row stays, so
    what points at it, e.g. a live activity, keeps pointing at it); only while nobody has
    answered it."""
    require_forum_staff(actor, question.poll.forum, Role.YOUTH_WORKER, Role.OFFICIAL, write=True)
    question = Question.objects.select_for_update().get(pk=question.pk)
    if Response.objects.filter(question=question).exists():
        raise PollNotEditable()
    config = _clean_config(spec, 0)
    labels: Sequence[str] = spec.options
    if spec.kind == QuestionKind.YES_NO:
        labels = yes_no_labels()
    elif spec.kind in (QuestionKind.SCALE, QuestionKind.OPEN_TEXT):
        labels = ()
    question.text = text_clean(spec.text, field="questions.0", multiline=True)
    question.kind = spec.kind
    question.config = config
    # A rewritten question no longer asks the standard text: its answers are not comparable.
    question.measure = ""
    question.save(update_fields=["text", "kind", "config", "measure"])
    question.options.all().delete()
    costs = list(spec.costs) if spec.kind == QuestionKind.BUDGET else []
    Option.objects.bulk_create(
        Option(
            question=question,
            label=text_clean(str(label), field="questions.0"),
            position=o_pos,
            cost=costs[o_pos] if o_pos < len(costs) else 0,
        )
        for o_pos, label in enumerate(labels)
    )
    _options_record(poll=question.poll, actor=actor, action=AuditAction.UPDATE, question=question)
    publish_on_commit(poll_group(question.poll_id), PollTallyChanged(poll_id=question.poll_id))
    return question


@transaction.atomic
def poll_image_set(*, poll: Poll, data: bytes, alt: str, actor: Any) -> Poll:
    """Give a poll its picture (or replace it): validated, resized, metadata stripped.

    The alt text is required: screen-reader users get the picture's message too.
    """
    require_forum_staff(actor, poll.forum, Role.YOUTH_WORKER, Role.OFFICIAL, write=True)
    alt = image_alt_clean(alt)
    processed = image_process(data=data)
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    poll.image = processed.data
    poll.image_type = processed.content_type
    poll.image_width, poll.image_height = processed.width, processed.height
    poll.image_alt = alt
    poll.image_updated_at = timezone.now()
    poll.save(
        update_fields=[
            "image",
            "image_type",
            "image_width",
            "image_height",
            "image_alt",
            "image_updated_at",
        ]
    )
    publish_on_commit(poll_group(poll.pk), PollTallyChanged(poll_id=poll.pk))
    return poll


@transaction.atomic
def poll_image_remove(*, poll: Poll, actor: Any) -> Poll:
    """Take the picture off a poll."""
    require_forum_staff(actor, poll.forum, Role.YOUTH_WORKER, Role.OFFICIAL, write=True)
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    poll.image = None
    poll.image_type = ""
    poll.image_width = poll.image_height = None
    poll.image_alt = ""
    poll.image_updated_at = timezone.now()
    poll.save(
        update_fields=[
            "image",
            "image_type",
            "image_width",
            "image_height",
            "image_alt",
            "image_updated_at",
        ]
    )
    publish_on_commit(poll_group(poll.pk), PollTallyChanged(poll_id=poll.pk))
    return poll


def poll_schedule(*, poll: Poll, actor: Any) -> Poll:
    """Draft → scheduled: opens by itself at ``opens_at`` (closes at ``closes_at``)."""
    require_forum_staff(actor, poll.forum, Role.YOUTH_WORKER, write=True)
    with transaction.atomic():
        poll = Poll.objects.select_for_update().get(pk=poll.pk)
        if poll.opens_at is None:
            raise InvalidInput(fields={"opens_at": [_("Set when the poll opens.")]})
        if poll.status in (PollStatus.DRAFT, PollStatus.SCHEDULED):
            poll.status = PollStatus.SCHEDULED
            poll.save(update_fields=["status"])
    return poll


def poll_open(*, poll: Poll, actor: Any) -> Poll:
    require_forum_staff(actor, poll.forum, Role.YOUTH_WORKER, write=True)
    with transaction.atomic():
        poll = Poll.objects.select_for_update().get(pk=poll.pk)
        if poll.status == PollStatus.ARCHIVED:
            raise PollClosed()
        if poll.current_status != PollStatus.OPEN or poll.status != PollStatus.OPEN:
            poll.status = PollStatus.OPEN
            poll.opened_at = timezone.now()
            poll.closed_at = None
            if poll.closes_at and poll.closes_at <= poll.opened_at:
                poll.closes_at = None  # opening by hand overrides a closing time gone by
            poll.save(update_fields=["status", "opened_at", "closed_at", "closes_at"])
            publish_on_commit(poll_group(poll.pk), PollTallyChanged(poll_id=poll.pk))
    return poll


def poll_close(*, poll: Poll, actor: Any) -> Poll:
    require_forum_staff(actor, poll.forum, Role.YOUTH_WORKER, write=True)
    with transaction.atomic():
        poll = Poll.objects.select_for_update().get(pk=poll.pk)
        if poll.current_status in (PollStatus.OPEN, PollStatus.SCHEDULED) or (
            poll.status == PollStatus.OPEN
        ):
            poll.status = PollStatus.CLOSED
            poll.closed_at = timezone.now()
            poll.save(update_fields=["status", "closed_at"])
            publish_on_commit(poll_group(poll.pk), PollTallyChanged(poll_id=poll.pk))
    return poll


def poll_archive(*, poll: Poll, actor: Any) -> Poll:
    require_forum_staff(actor, poll.forum, Role.YOUTH_WORKER, Role.OFFICIAL, write=True)
    with transaction.atomic():
        poll = Poll.objects.select_for_update().get(pk=poll.pk)
        if poll.current_status not in (PollStatus.CLOSED, PollStatus.ARCHIVED, PollStatus.DRAFT):
            raise InvalidInput(fields={"status": [_("Close the poll before archiving it.")]})
        poll.status = PollStatus.ARCHIVED
        poll.closed_at = poll.closed_at or timezone.now()
        poll.save(update_fields=["status", "closed_at"])
    return poll


def poll_results_reveal(*, poll: Poll, actor: Any) -> Poll:
    require_forum_staff(actor, poll.forum, Role.YOUTH_WORKER, write=True)
    with transaction.atomic():
        poll = Poll.objects.select_for_update().get(pk=poll.pk)
        if poll.results_revealed_at is None:
            poll.results_revealed_at = timezone.now()
            poll.save(update_fields=["results_revealed_at"])
            publish_on_commit(poll_group(poll.pk), PollTallyChanged(poll_id=poll.pk))
    return poll


# --- access ---------------------------------------------------------------------------------


def voting_code_hash(code: str) -> str:
    """Keyed hash of a normalised code: a leaked table cannot be tried offline without the key."""
    normalised = "".join(code.split()).replace("-", "").upper()
    return hmac.new(
        settings.SECRET_KEY.encode(), f"voting-code:{normalised}".encode(), hashlib.sha256
    ).hexdigest()


def voting_code_format(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def voting_codes_new(count: int) -> list[str]:
    """``count`` fresh raw codes (unformatted): every kind of one-time ballot uses these."""
    return [
        "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH)) for _j in range(count)
    ]


@transaction.atomic
def voting_codes_generate(*, poll: Poll, count: int, actor: Any) -> list[str]:
    """Create ``count`` one-time codes; the raw codes are returned once and never stored."""
    require_forum_staff(actor, poll.forum, Role.YOUTH_WORKER, write=True)
    if poll.access_mode != AccessMode.CODE:
        raise InvalidInput(fields={"access_mode": [_("This poll does not use voting codes.")]})
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise InvalidInput(
            fields={"count": [_("Make 1 to %(n)d codes at a time.") % {"n": MAX_CODES_PER_BATCH}]}
        )
    codes = voting_codes_new(count)
    VotingCode.objects.bulk_create(
        VotingCode(poll=poll, code_hash=voting_code_hash(c)) for c in codes
    )
    # bulk_create sends no signals: the batch is one audit entry (how many, never the codes).
    audit_record(
        action=AuditAction.CREATE,
        actor=actor,
        object_type=VotingCode._meta.label_lower,
        object_id=str(poll.pk),
        forum_id=poll.forum_id,
        detail={"poll": poll.pk, "count": count},
    )
    return [voting_code_format(c) for c in codes]


def voting_code_redeem(*, poll: Poll, participant: Participant, code: str) -> VotingCode:
    """Spend ``code`` for ``participant``'s ballot in ``poll``: exactly once, even when raced.

    Idempotent for the participant: if they already hold a ballot for this poll, that one is
    returned and the new code stays unspent.
    """
    held = VotingCode.objects.filter(poll=poll, participant=participant).first()
    if held is not None:
        return held
    code_hash = voting_code_hash(code)
    try:
        with transaction.atomic():
            # One conditional UPDATE: of racing requests only one can see spent_at still NULL.
            spent = VotingCode.objects.filter(
                poll=poll, code_hash=code_hash, spent_at__isnull=True
            ).update(spent_at=timezone.now(), participant=participant)
    except IntegrityError:
        # The same participant raced two codes; the other one won and is their ballot.
        spent = 0
    held = VotingCode.objects.filter(poll=poll, participant=participant).first()
    if held is not None:
        return held
    if not spent:
        raise VotingCodeInvalid(fields={"code": [VotingCodeInvalid.default_message]})
    raise NotFound()  # pragma: no cover - spent for us but not found


def poll_access_check(*, poll: Poll, participant: Participant) -> None:
    """Raise unless ``participant`` may answer ``poll`` under its access mode."""
    if poll.access_mode == AccessMode.CODE:
        if not VotingCode.objects.filter(poll=poll, participant=participant).exists():
            raise VotingCodeRequired()
    elif poll.access_mode == AccessMode.AGE_LIMITED:
        profile = ParticipantProfile.objects.filter(
            forum_id=poll.forum_id, participant=participant
        ).first()
        band = profile.age_band if profile else ""
        if not band or band == AgeBand.PREFER_NOT:
            raise AgeBandRequired()
        if band not in poll.age_bands:
            raise AgeBandNotAllowed()


def poll_status_check(*, poll: Poll) -> None:
    status = poll.current_status
    if status in (PollStatus.DRAFT, PollStatus.SCHEDULED):
        raise PollNotOpen()
    if status != PollStatus.OPEN:
        raise PollClosed()


# --- answers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedAnswer:
    """An answer that passed the poll's rules: its canonical form, ready to be stored."""

    answer: dict[str, Any]
    option_id: int | None
    text_status: str
    # The language the participant answered in (open text keeps it; the brief counts it).
    language: str = "sv"


@dataclass(frozen=True)
class AnswerWrite:
    """A checked answer waiting to be stored (see ``poll_answers_store``)."""

    question: Question
    participant: Participant
    checked: CheckedAnswer
    idempotency_key: uuid.UUID


def poll_answer_check(
    *, question: Question, participant: Participant, answer: Mapping[str, Any]
) -> CheckedAnswer:
    """The poll's rules for an answer, before anything is written (no write, no lock).

    The poll's status is evaluated now (planned opening and closing times count), then its
    access mode, then the answer against the question's kind. Open-text answers are
    screened: blocked ones are refused, held ones stored but kept out of public results
    until a youth worker approves them. Reads the options from a per-process cache
    (``question_option_costs``), and the forum only for open text.
    """
    poll = question.poll
    poll_status_check(poll=poll)
    # An archived forum's history is read-only, for phones too (docs/decisions/0049).
    require_forum_open(poll.forum)
    poll_access_check(poll=poll, participant=participant)
    costs = question_option_costs(question=question)
    canonical = answer_validate(question=question, answer=answer, option_costs=costs)
    option_id = answer_option_id(question=question, answer=canonical)
    text_status = TextStatus.NONE
    if question.kind == QuestionKind.OPEN_TEXT:
        screening = text_screen(text=canonical["text"], pre_moderated=poll.forum.pre_moderation)
        if screening.verdict == Verdict.BLOCK:
            raise TextBlocked(fields={"answer": [TextBlocked.default_message]})
        text_status = TextStatus.HELD if screening.verdict == Verdict.HOLD else TextStatus.PUBLISHED
    return CheckedAnswer(
        answer=canonical, option_id=option_id, text_status=text_status, language=writing_language()
    )


# Rules other apps add to answering through the poll's own path, registered at start-up
# (AppConfig.ready), so polls need not know them: the live app refuses an answer to the
# question on a live session's screen while its youth worker has locked answering. A guard
# raises a DomainError to refuse.
AnswerGuard = Callable[[Question, Participant], None]
_answer_guards: list[AnswerGuard] = []


def answer_guard_register(guard: AnswerGuard) -> None:
    if guard not in _answer_guards:
        _answer_guards.append(guard)


def poll_answer_submit(
    *,
    question: Question,
    participant: Participant,
    answer: Mapping[str, Any],
    idempotency_key: uuid.UUID,
) -> Response:
    """Record ``participant``'s answer to ``question`` (any kind); acknowledged once committed.

    ``poll_answer_check`` applies the poll's rules, ``poll_answer_store`` writes. Idempotent:
    a retry with the same key returns the first result. A new key changes the answer while
    the poll is open, if the poll allows it. One response per participant and question is
    a database constraint; racing first answers resolve to one row.
    """
    for guard in _answer_guards:
        guard(question, participant)
    checked = poll_answer_check(question=question, participant=participant, answer=answer)
    return poll_answer_store(
        question=question, participant=participant, checked=checked, idempotency_key=idempotency_key
    )


def poll_answer_store(
    *,
    question: Question,
    participant: Participant,
    checked: CheckedAnswer,
    idempotency_key: uuid.UUID,
) -> Response:
    """Write a checked answer: one SQL statement in the usual case (docs/decisions/0003).

    ``INSERT … ON CONFLICT (question, participant) DO UPDATE … WHERE <a real change>
    RETURNING``: a first answer inserts, a changed answer (new key, new content, changes
    allowed) updates, both atomically even when raced, without a lock or a savepoint.
    When nothing was written (a retry, the same answer again, or a change the poll does
    not allow) the stored row is read once to tell which, and the rules below decide:

    - same key, same answer → the first result; same key, other answer → 409;
    - other key, same answer → the stored answer; other answer, no changes → 409.

    Publishes ``poll.tally_changed`` after commit when a row was written.
    """
    write = AnswerWrite(question, participant, checked, idempotency_key)
    return _answer_store(write, upserted=False)


def _answer_store(write: AnswerWrite, *, upserted: bool) -> Response:
    """``poll_answer_store``; ``upserted``: the upsert already ran for it and wrote nothing."""
    question, participant, checked = write.question, write.participant, write.checked
    idempotency_key = write.idempotency_key
    poll = question.poll
    for attempt in range(3):
        if attempt or not upserted:
            written = _response_upsert(
                question=question,
                participant=participant,
                checked=checked,
                idempotency_key=idempotency_key,
                allow_change=poll.allow_answer_change,
            )
            if written is not None:
                publish_on_commit(poll_group(poll.pk), PollTallyChanged(poll_id=poll.pk))
                return written
        existing = Response.objects.filter(question=question, participant=participant).first()
        if existing is None:
            continue  # removed in between (an erasure): try again
        if existing.idempotency_key == idempotency_key:
            if existing.answer != checked.answer:
                raise IdempotencyKeyReused()
            return existing
        if existing.answer == checked.answer:
            return existing
        if not poll.allow_answer_change:
            raise AnswerChangeNotAllowed()
        # Changed by a racing request between the two statements: apply ours on top.
    raise RuntimeError("the answer could not be stored")  # pragma: no cover


_UPSERT_COLUMNS = (
    "question_id",
    "participant_id",
    "option_id",
    "answer",
    "text_status",
    "language",
    "idempotency_key",
    "created_at",
    "updated_at",
)
_UPSERT_CHANGED = (
    "option_id",
    "answer",
    "text_status",
    "language",
    "idempotency_key",
    "updated_at",
)


def poll_answers_store(*, writes: Sequence[AnswerWrite]) -> list[Response | DomainError]:
    """Store several checked answers: ONE statement for all of them in the usual case.

    For a hall's answers arriving together: the same rules as ``poll_answer_store``, but
    one multi-row ``INSERT … ON CONFLICT … RETURNING`` for every first answer of a
    (question, participant) pair in the batch, so a batch costs one round trip to the
    database, not one per answer (each costs a scheduling wait on a loaded machine).
    What that statement did not write (retries, unchanged answers, refused changes, a
    second answer of the same phone in the batch) goes through ``poll_answer_store`` one
    by one, in order. Run it inside a transaction when the batch must commit as one.
    """
    results: list[Response | DomainError | None] = [None] * len(writes)
    firsts: dict[tuple[int, int], int] = {}
    for index, write in enumerate(writes):
        firsts.setdefault((write.question.pk, write.participant.pk), index)
    for allow_change in (True, False):
        group = [
            index
            for index in firsts.values()
            if bool(writes[index].question.poll.allow_answer_change) is allow_change
        ]
        if not group:
            continue
        written = _responses_upsert([writes[i] for i in group], allow_change=allow_change)
        for index in group:
            response = written.get((writes[index].question.pk, writes[index].participant.pk))
            if response is not None:
                poll_id = writes[index].question.poll_id
                publish_on_commit(poll_group(poll_id), PollTallyChanged(poll_id=poll_id))
                results[index] = response
    upserted = set(firsts.values())
    for index, write in enumerate(writes):
        if results[index] is None:
            try:
                results[index] = _answer_store(write, upserted=index in upserted)
            except DomainError as exc:
                results[index] = exc
    return [r for r in results if r is not None]


def _response_upsert(
    *,
    question: Question,
    participant: Participant,
    checked: CheckedAnswer,
    idempotency_key: uuid.UUID,
    allow_change: bool,
) -> Response | None:
    write = AnswerWrite(question, participant, checked, idempotency_key)
    return _responses_upsert([write], allow_change=allow_change).get((question.pk, participant.pk))


def _responses_upsert(
    writes: Sequence[AnswerWrite], *, allow_change: bool
) -> dict[tuple[int, int], Response]:
    """The one statement (PostgreSQL and SQLite ≥ 3.35 share the syntax): the rows it
    wrote, by (question id, participant id). At most one write per pair."""
    connection = connections[router.db_for_write(Response)]
    meta = Response._meta
    fields = [cast("Field[Any, Any]", meta.get_field(name)) for name in _UPSERT_COLUMNS]
    now = timezone.now()
    params: list[Any] = []
    # Rows in key order: two batches touching the same rows lock them in the same order,
    # so they wait for each other instead of deadlocking.
    for write in sorted(writes, key=lambda w: (w.question.pk, w.participant.pk)):
        values = (
            write.question.pk,
            write.participant.pk,
            write.checked.option_id,
            write.checked.answer,
            write.checked.text_status,
            write.checked.language,
            write.idempotency_key,
            now,
            now,
        )
        params.extend(
            field.get_db_prep_save(value, connection)
            for field, value in zip(fields, values, strict=True)
        )
    q = connection.ops.quote_name
    table = q(meta.db_table)
    if allow_change:
        # A write only for a real change: a new key AND a new answer (jsonb / JSON text).
        conflict = (
            "DO UPDATE SET "
            + ", ".join(f"{q(c)} = excluded.{q(c)}" for c in _UPSERT_CHANGED)
            + f" WHERE {table}.{q('idempotency_key')} <> excluded.{q('idempotency_key')}"
            + f" AND {table}.{q('answer')} <> excluded.{q('answer')}"
        )
    else:
        conflict = "DO NOTHING"
    row_sql = f"({', '.join(['%s'] * len(_UPSERT_COLUMNS))})"
    sql = (
        # Identifiers are our own quoted constants; every value is a parameter.
        f"INSERT INTO {table} ({', '.join(q(c) for c in _UPSERT_COLUMNS)}) "  # noqa: S608
        f"VALUES {', '.join([row_sql] * len(writes))} "
        f"ON CONFLICT ({q('question_id')}, {q('participant_id')}) {conflict} "
        f"RETURNING {q('id')}, {q('question_id')}, {q('participant_id')}, {q('created_at')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    by_pair = {(w.question.pk, w.participant.pk): w for w in writes}
    out: dict[tuple[int, int], Response] = {}
    for pk, question_id, participant_id, created_at in rows:
        write = by_pair[(question_id, participant_id)]
        response = Response(
            id=pk,
            question=write.question,
            participant=write.participant,
            option_id=write.checked.option_id,
            answer=write.checked.answer,
            text_status=write.checked.text_status,
            language=write.checked.language,
            idempotency_key=write.idempotency_key,
            created_at=_db_datetime(created_at),
            updated_at=now,
        )
        response._state.adding = False
        response._state.db = connection.alias
        out[(question_id, participant_id)] = response
    return out


def _db_datetime(value: str | dt.datetime) -> dt.datetime:
    """A RETURNING timestamp as the ORM would give it (SQLite returns naive UTC text)."""
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    return moment


def poll_response_submit(
    *, question: Question, participant: Participant, option_id: int, idempotency_key: uuid.UUID
) -> Response:
    """One-option answer (single choice, yes/no): the walking skeleton's vote path."""
    try:
        return poll_answer_submit(
            question=question,
            participant=participant,
            answer={"option_id": option_id},
            idempotency_key=idempotency_key,
        )
    except UnknownOption as exc:
        raise UnknownOption(fields={"option_id": [UnknownOption.default_message]}) from exc


def open_text_moderate(*, response: Response, approve: bool, actor: Any) -> Response:
    """Approve (publish) or hide a held open-text answer."""
    require_forum_staff(actor, response.question.poll.forum, Role.YOUTH_WORKER, write=True)
    if response.question.kind != QuestionKind.OPEN_TEXT:
        raise InvalidInput(fields={"response": [_("Only text answers are moderated.")]})
    response.text_status = TextStatus.PUBLISHED if approve else TextStatus.HIDDEN
    response.save(update_fields=["text_status"])
    publish_on_commit(
        poll_group(response.question.poll_id), PollTallyChanged(poll_id=response.question.poll_id)
    )
    return response


@transaction.atomic
def question_translations_set(
    *,
    question: Question,
    translations: Any,
    option_translations: Mapping[int, Any] | None = None,
    actor: Any,
) -> Question:
    """Set a question's texts in other languages, and its options' (option id → value).

    Allowed after people answered too: a translation says the same as the Swedish source,
    which stays as it is. Staff texts, so no youth moderation, but the source's length limits.
    """
    require_forum_staff(actor, question.poll.forum, Role.YOUTH_WORKER, Role.OFFICIAL, write=True)
    question = Question.objects.select_related("poll__forum").get(pk=question.pk)
    offered = question.poll.forum.languages
    question.translations = clean_translations(
        translations, fields=Question.TRANSLATABLE_FIELDS, offered=offered
    )
    question.save(update_fields=["translations"])
    options = {option.pk: option for option in question.options.all()}
    for option_id, value in (option_translations or {}).items():
        option = options.get(option_id)
        if option is None:
            raise UnknownOption(fields={"options": [UnknownOption.default_message]})
        option.translations = clean_translations(
            value, fields=Option.TRANSLATABLE_FIELDS, offered=offered
        )
        option.save(update_fields=["translations"])
    publish_on_commit(poll_group(question.poll_id), PollTallyChanged(poll_id=question.poll_id))
    return question
