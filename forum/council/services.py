import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.core.audit import audit_record
from forum.core.department_tree import DepartmentTree
from forum.core.errors import (
    AlreadyLinked,
    ImportHasErrors,
    InUse,
    InvalidInput,
    InvalidStateTransition,
    MeetingNotHeld,
    MeetingNotStarted,
)
from forum.core.models import AuditAction, Department
from forum.core.roles import Role, require_role
from forum.core.selectors import department_is_archived
from forum.core.translations import clean_translations
from forum.council.brief import brief_snapshot
from forum.council.briefdata import brief_to_json
from forum.council.imports import ImportPreview, planning_item_import_preview
from forum.council.models import (
    AgendaItem,
    BriefQuote,
    BriefVersion,
    Decision,
    DecisionOutcome,
    FeedbackEntry,
    IdeaStepOrigin,
    InputUsage,
    LinkKind,
    Meeting,
    MeetingState,
    PlanningItem,
    PlanningItemStatus,
    PlanningLink,
    ReferenceDimension,
    ReferencePopulation,
)
from forum.council.selectors import link_participant_ids
from forum.council.validation import planning_item_field_errors
from forum.council.validation import too_long as _too_long
from forum.ideas.models import Decision as IdeaDecision
from forum.ideas.models import FeedbackEntry as IdeaStep
from forum.ideas.models import Idea, IdeaBoard
from forum.ideas.services import idea_council_decision_set, idea_council_decision_withdraw
from forum.live.models import LiveActivity, OfflineWorkshop
from forum.moderation.models import ModerationState
from forum.participation.access import require_forum_staff
from forum.participation.models import AgeBand, Forum, Gender, Neighbourhood
from forum.participation.services import participants_notify
from forum.polls.models import Poll, Question, TextStatus
from forum.polls.models import Response as PollResponse

NOTE_MAX_LENGTH = 2000
TEXT_MAX_LENGTH = 4000


ALREADY_LINKED = {
    LinkKind.POLL: _("That poll is already linked to this planning item."),
    LinkKind.IDEA: _("That idea is already linked to this planning item."),
    LinkKind.BOARD: _("That idea board is already linked to this planning item."),
    LinkKind.ACTIVITY: _("That activity is already linked to this planning item."),
    LinkKind.WORKSHOP: _("That workshop is already linked to this planning item."),
}


LINKERS = (Role.OFFICIAL, Role.YOUTH_WORKER)


def _target_forum(
    poll: Poll | None,
    idea: Idea | None,
    board: IdeaBoard | None,
    activity: LiveActivity | None,
    workshop: OfflineWorkshop | None = None,
) -> Forum:
    if workshop is not None:
        return workshop.forum
    if poll is not None:
        return poll.forum
    if idea is not None:
        return idea.board.forum
    if board is not None:
        return board.forum
    assert activity is not None
    return activity.session.forum


def planning_link_create(
    *,
    planning_item: PlanningItem,
    actor: Any,
    note: str = "",
    poll: Poll | None = None,
    question: Question | None = None,
    idea: Idea | None = None,
    board: IdeaBoard | None = None,
    activity: LiveActivity | None = None,
    workshop: OfflineWorkshop | None = None,
) -> PlanningLink:
    """Route one input to a planning item with "what young people said": a poll (or one
    of its questions), one published idea, a whole idea board (all its published ideas)
    or a live-session activity, or a workshop's results entered by hand. Exactly one target;
    the database enforces it too.

    An idea already forwarded to this item (its feedback step wrote the link) is linked
    once: linking it again from the council side only fills in a missing note.
    """
    require_role(actor, Role.OFFICIAL, Role.YOUTH_WORKER)
    note = note.strip()
    if errors := _too_long("note", note, NOTE_MAX_LENGTH):
        raise InvalidInput(fields=errors)
    if question is not None and poll is None:
        poll = question.poll
    targets = [t for t in (poll, idea, board, activity, workshop) if t is not None]
    if len(targets) != 1:
        raise InvalidInput(
            fields={"kind": [_("Choose exactly one poll, idea, board, activity or workshop.")]}
        )
    link_kind = next(
        kind
        for kind, target in zip(LinkKind, (poll, idea, board, activity, workshop), strict=True)
        if target is not None
    )
    if question is not None and poll is not None and question.poll_id != poll.pk:
        raise InvalidInput(fields={"question_id": [_("That question is not in this poll.")]})
    # A youth worker routes only their forums' input (docs/decisions/0049).
    require_forum_staff(actor, _target_forum(poll, idea, board, activity, workshop), *LINKERS)
    if idea is not None and idea.moderation_state != ModerationState.PUBLISHED:
        raise InvalidInput(fields={"target_id": [_("Only published ideas can be linked.")]})
    with transaction.atomic():
        if idea is not None:
            existing = (
                PlanningLink.objects.select_for_update()
                .filter(planning_item=planning_item, idea=idea)
                .first()
            )
            if existing is not None:
                if existing.note or not note:
                    raise AlreadyLinked(_("That idea is already linked to this planning item."))
                existing.note = note
                existing.save(update_fields=["note"])
                return existing
        try:
            with transaction.atomic():
                return PlanningLink.objects.create(
                    planning_item=planning_item,
                    poll=poll,
                    question=question,
                    idea=idea,
                    board=board,
                    activity=activity,
                    workshop=workshop,
                    note=note,
                    created_by=actor,
                )
        except IntegrityError:
            raise AlreadyLinked(ALREADY_LINKED[link_kind]) from None


def idea_forwarded_link(*, idea: Idea, step: IdeaStep, planning_item_id: int, actor: Any) -> None:
    """The ideas app's "forwarded" step routes the idea here, and council keeps which item
    the step went to (registered as its hook in CouncilConfig.ready, so ideas never imports
    council)."""
    PlanningLink.objects.get_or_create(
        idea=idea, planning_item_id=planning_item_id, defaults={"created_by": actor}
    )
    IdeaStepOrigin.objects.create(step=step, idea=idea, planning_item_id=planning_item_id)


# --- unlinking ------------------------------------------------------------------------------
# A published brief is a frozen snapshot (BriefVersion.snapshot), so taking a link away
# changes only the draft and later versions. The link's feedback goes with it: its input
# is no longer what the decision was about.


def planning_link_remove(*, link: PlanningLink, actor: Any) -> None:
    """Remove a link (of any kind) from its planning item."""
    require_forum_staff(
        actor,
        _target_forum(link.poll, link.idea, link.board, link.activity, link.workshop),
        *LINKERS,
    )
    link.delete()


# --- quotes in the brief ------------------------------------------------------------------


QUOTE_SOURCES = ("idea", "poll_answer")


def _quotable_text(*, agenda_item: AgendaItem, source_kind: str, source_id: int) -> str:
    """The text of a published idea or approved open-text answer linked to the agenda item's
    planning item; anything else (held, hidden, rejected, unlinked) cannot be quoted."""
    item_id = agenda_item.planning_item_id
    if source_kind == "idea":
        idea = (
            Idea.objects.filter(pk=source_id, moderation_state=ModerationState.PUBLISHED)
            .filter(
                Q(planning_links__planning_item_id=item_id)
                | Q(board__planning_links__planning_item_id=item_id)
            )
            .first()
        )
        if idea is not None:
            return f"{idea.title}: {idea.text}" if idea.text else idea.title
    elif source_kind == "poll_answer":
        links = PlanningLink.objects.filter(planning_item_id=item_id, poll__isnull=False)
        answer = (
            PollResponse.objects.filter(pk=source_id, text_status=TextStatus.PUBLISHED)
            .select_related("question")
            .first()
        )
        if answer is not None and any(
            link.poll_id == answer.question.poll_id
            and (link.question_id is None or link.question_id == answer.question_id)
            for link in links
        ):
            return str(answer.answer.get("text", "")).strip()
    raise InvalidInput(
        fields={"source_id": [_("Only published text linked to this matter can be quoted.")]}
    )


def brief_quote_add(
    *, agenda_item: AgendaItem, source_kind: str, source_id: int, actor: Any
) -> BriefQuote:
    """An official picks a quote for the brief from published text linked to the item."""
    require_role(actor, Role.OFFICIAL)
    if source_kind not in QUOTE_SOURCES:
        raise InvalidInput(fields={"source_kind": [_("That is not one of the choices.")]})
    text = _quotable_text(agenda_item=agenda_item, source_kind=source_kind, source_id=source_id)
    if not text:
        raise InvalidInput(fields={"source_id": [_("There is no text to quote.")]})
    with transaction.atomic():
        _require_brief_open(agenda_item)
        if agenda_item.quotes.filter(source_kind=source_kind, source_id=source_id).exists():
            raise AlreadyLinked(_("That quote is already in the brief."))
        position = (agenda_item.quotes.aggregate(n=Max("position"))["n"] or 0) + 1
        return BriefQuote.objects.create(
            agenda_item=agenda_item,
            text=text[:1000],
            source_kind=source_kind,
            source_id=source_id,
            position=position,
            chosen_by=actor,
        )


def brief_quote_remove(*, quote: BriefQuote, actor: Any) -> None:
    require_role(actor, Role.OFFICIAL)
    with transaction.atomic():
        _require_brief_open(quote.agenda_item)
        quote.delete()


def _require_brief_open(agenda_item: AgendaItem) -> None:
    """Quotes change the draft only until the meeting is held (like the agenda)."""
    meeting = _locked(agenda_item.meeting)
    if meeting.state not in (MeetingState.PLANNED, MeetingState.BRIEF_PUBLISHED):
        raise InvalidStateTransition(_("The brief cannot change after the meeting."))


# --- planning items -------------------------------------------------------------------------


PLANNING_ITEM_FIELDS = ("title", "reference", "area", "description", "status")


def _clean(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: str(v).strip() for k, v in data.items() if k in PLANNING_ITEM_FIELDS}


def _department_choice(
    data: Mapping[str, Any], *, current: Department | None = None
) -> Department | None:
    """The department ``data["department_id"]`` names (None: none; missing: unchanged). An
    archived one is refused unless it is the one already there: kept, not chosen anew."""
    if "department_id" not in data:
        return current
    department_id = data["department_id"]
    if department_id is None:
        return None
    department = Department.objects.filter(pk=department_id).first()
    if department is None:
        raise InvalidInput(fields={"department_id": [_("There is no such department.")]})
    if current is not None and department.pk == current.pk:
        return current
    if department_is_archived(department):
        raise InvalidInput(
            fields={"department_id": [_("That department is archived: choose another.")]}
        )
    return department


def planning_item_create(*, data: Mapping[str, Any], actor: Any) -> PlanningItem:
    """``data``: the item's fields; ``department_id`` a department not archived (or None)."""
    require_role(actor, Role.OFFICIAL)
    values = {"status": PlanningItemStatus.PLANNED, **_clean(data)}
    if errors := planning_item_field_errors(values):
        raise InvalidInput(fields=errors)
    department = _department_choice(data)
    try:
        with transaction.atomic():
            return PlanningItem.objects.create(**values, department=department)
    except IntegrityError:  # the same reference saved concurrently
        raise InvalidInput(
            fields={"reference": [_("A planning item with this registry number already exists.")]}
        ) from None


def planning_item_update(
    *, planning_item: PlanningItem, data: Mapping[str, Any], actor: Any
) -> PlanningItem:
    require_role(actor, Role.OFFICIAL)
    values = {f: getattr(planning_item, f) for f in PLANNING_ITEM_FIELDS} | _clean(data)
    if errors := planning_item_field_errors(values, instance=planning_item):
        raise InvalidInput(fields=errors)
    planning_item.department = _department_choice(data, current=planning_item.department)
    for name, value in values.items():
        setattr(planning_item, name, value)
    try:
        with transaction.atomic():
            planning_item.save()
    except IntegrityError:
        raise InvalidInput(
            fields={"reference": [_("A planning item with this registry number already exists.")]}
        ) from None
    return planning_item


def planning_item_translations_set(
    *, planning_item: PlanningItem, translations: Any, actor: Any
) -> PlanningItem:
    """Set a planning item's public title and summary in other languages. Planning items
    belong to the council, not one forum, so every language Röstrum speaks is offered."""
    require_role(actor, Role.OFFICIAL)
    planning_item.translations = clean_translations(
        translations, fields=PlanningItem.TRANSLATABLE_FIELDS
    )
    planning_item.save(update_fields=["translations"])
    return planning_item


def planning_item_delete(*, planning_item: PlanningItem, actor: Any) -> None:
    require_role(actor, Role.OFFICIAL)
    if planning_item.agenda_items.exists():
        raise InUse(_("This planning item is on a meeting's agenda. Remove it there first."))
    planning_item.delete()


def planning_item_import(
    *, filename: str, content: bytes, confirm: bool, actor: Any
) -> ImportPreview:
    """Preview a CSV/XLSX of planning items; with ``confirm``, save all rows or none.

    The department column holds a path ("Förvaltning › Avdelning › Enhet") or a plain name;
    departments not yet in the list are created in the same transaction as the items and
    listed in ``created_departments``."""
    require_role(actor, Role.OFFICIAL)
    try:
        with transaction.atomic():
            # Locked, so two imports do not both create the same new department.
            tree = DepartmentTree(Department.objects.select_for_update())
            preview = planning_item_import_preview(filename=filename, content=content, tree=tree)
            if not confirm:
                return preview
            if not preview.ok:
                raise ImportHasErrors(fields=preview.error_fields())
            tree.save_planned()
            created = PlanningItem.objects.bulk_create(
                PlanningItem(
                    **{"status": PlanningItemStatus.PLANNED, **row.values},
                    department=row.department.department if row.department else None,
                )
                for row in preview.rows
            )
            # bulk_create sends no signals: the import is one entry in the audit log.
            audit_record(
                action=AuditAction.CREATE,
                actor=actor,
                object_type=PlanningItem._meta.label_lower,
                object_label=filename,
                detail={"imported": len(created), "ids": [item.pk for item in created][:500]},
            )
    except IntegrityError:
        raise ImportHasErrors() from None
    return preview


# --- meetings -------------------------------------------------------------------------------


def _meeting_values(title: str, starts_at: dt.datetime | None) -> dict[str, list[Any]]:
    errors: dict[str, list[Any]] = {}
    if not title.strip():
        errors["title"] = [_("Write a title.")]
    errors |= _too_long("title", title, 200)
    if starts_at is None:
        errors["starts_at"] = [_("Give the date and time.")]
    return errors


def meeting_create(*, title: str, starts_at: dt.datetime, actor: Any) -> Meeting:
    require_role(actor, Role.OFFICIAL)
    if errors := _meeting_values(title, starts_at):
        raise InvalidInput(fields=errors)
    return Meeting.objects.create(title=title.strip(), starts_at=starts_at)


def meeting_update(
    *, meeting: Meeting, title: str | None = None, starts_at: dt.datetime | None = None, actor: Any
) -> Meeting:
    require_role(actor, Role.OFFICIAL)
    title = meeting.title if title is None else title
    starts_at = meeting.starts_at if starts_at is None else starts_at
    if errors := _meeting_values(title, starts_at):
        raise InvalidInput(fields=errors)
    meeting.title, meeting.starts_at = title.strip(), starts_at
    meeting.save(update_fields=["title", "starts_at"])
    return meeting


def meeting_delete(*, meeting: Meeting, actor: Any) -> None:
    require_role(actor, Role.OFFICIAL)
    if meeting.state != MeetingState.PLANNED or meeting.brief_versions.exists():
        raise InvalidStateTransition(_("Only a planned meeting without a published brief can go."))
    meeting.delete()


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def meeting_agenda_set(
    *, meeting: Meeting, planning_item_ids: Sequence[int], actor: Any
) -> list[AgendaItem]:
    """Replace the agenda with these planning items in this order (before the meeting)."""
    require_role(actor, Role.OFFICIAL)
    if len(set(planning_item_ids)) != len(planning_item_ids):
        raise InvalidInput(fields={"planning_item_ids": [_("An item is listed twice.")]})
    items = PlanningItem.objects.in_bulk(list(planning_item_ids))
    if len(items) != len(planning_item_ids):
        raise InvalidInput(fields={"planning_item_ids": [_("Unknown planning item.")]})
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.state not in (MeetingState.PLANNED, MeetingState.BRIEF_PUBLISHED):
            raise InvalidStateTransition(_("The agenda cannot change after the meeting."))
        existing = {a.planning_item_id: a for a in locked.agenda_items.all()}
        AgendaItem.objects.filter(meeting=locked).exclude(
            planning_item_id__in=planning_item_ids
        ).delete()
        # Move kept rows out of the way first so positions never collide mid-update.
        for offset, agenda_item in enumerate(existing.values()):
            AgendaItem.objects.filter(pk=agenda_item.pk).update(position=10_000 + offset)
        result = []
        for position, item_id in enumerate(planning_item_ids, start=1):
            agenda_item = existing.get(item_id) or AgendaItem(
                meeting=locked, planning_item=items[item_id]
            )
            agenda_item.position = position
            agenda_item.save()
            result.append(agenda_item)
        return result


def agenda_item_analysis_set(*, agenda_item: AgendaItem, text: str, actor: Any) -> AgendaItem:
    """The official's edit of the drafted analysis; an empty text goes back to the draft."""
    require_role(actor, Role.OFFICIAL)
    text = text.strip()
    if errors := _too_long("text", text, TEXT_MAX_LENGTH * 2):
        raise InvalidInput(fields=errors)
    agenda_item.analysis = text
    agenda_item.save(update_fields=["analysis"])
    return agenda_item


def meeting_brief_publish(*, meeting: Meeting, changelog: str, actor: Any) -> BriefVersion:
    """Freeze the brief as it is now; later votes never change a published version."""

    require_role(actor, Role.OFFICIAL)
    changelog = changelog.strip()
    if errors := _too_long("changelog", changelog, NOTE_MAX_LENGTH):
        raise InvalidInput(fields=errors)
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.state not in (MeetingState.PLANNED, MeetingState.BRIEF_PUBLISHED):
            raise InvalidStateTransition(_("The brief can only be published before the meeting."))
        number = (locked.brief_versions.aggregate(n=Max("number"))["n"] or 0) + 1
        if number > 1 and not changelog:
            raise InvalidInput(
                fields={"changelog": [_("Say what changed since the last version.")]}
            )
        version = brief_version_freeze(
            meeting=locked, number=number, changelog=changelog, actor=actor
        )
        locked.state = MeetingState.BRIEF_PUBLISHED
        locked.save(update_fields=["state"])
    meeting.state = locked.state
    return version


TRANSITIONS = {
    MeetingState.HELD: (MeetingState.PLANNED, MeetingState.BRIEF_PUBLISHED),
    MeetingState.MINUTES_RECORDED: (MeetingState.HELD,),
}


def brief_version_freeze(
    *, meeting: Meeting, number: int, changelog: str, actor: Any
) -> BriefVersion:
    """Store version ``number`` of the meeting's brief as frozen JSON (no rule checks: the
    publish service checks them; the demo seed freezes a held meeting's brief with it)."""
    return BriefVersion.objects.create(
        meeting=meeting,
        number=number,
        snapshot=brief_to_json(brief_snapshot(meeting=meeting, number=number, changelog=changelog)),
        changelog=changelog,
        published_by=actor,
    )


def meeting_transition(*, meeting: Meeting, to: str, actor: Any) -> Meeting:
    """Mark a meeting held, or its minutes recorded (the brief has its own service)."""
    require_role(actor, Role.OFFICIAL)
    if to not in TRANSITIONS:
        raise InvalidInput(fields={"to": [_("Not a possible next state.")]})
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.state not in TRANSITIONS[MeetingState(to)]:
            raise InvalidStateTransition()
        if to == MeetingState.HELD and timezone.now() < locked.starts_at:
            raise MeetingNotStarted()
        locked.state = to
        locked.save(update_fields=["state"])
    meeting.state = locked.state
    return meeting


# --- decisions and feedback -----------------------------------------------------------------


# How a linked idea was used, as the yes / partly / no of the "decided" step on its own
# timeline. "Not relevant" is not a decision on the idea, so it writes no step there (the
# idea's author reads the reason in the link's public feedback instead, docs/decisions/0022).
IDEA_DECISION_FOR_USAGE = {
    InputUsage.TAKEN: IdeaDecision.YES,
    InputUsage.PARTLY: IdeaDecision.PARTLY,
    InputUsage.NOT_TAKEN: IdeaDecision.NO,
}
REASON_MAX_LENGTH = 500


@dataclass(frozen=True)
class LinkUsage:
    """How one linked input (a PlanningLink of the decided item) was used, and why."""

    link_id: int
    usage: str
    reason: str


def _usage_errors(usages: Sequence[LinkUsage], link_ids: set[int]) -> dict[str, list[Any]]:
    problems: list[Any] = []
    seen: set[int] = set()
    for u in usages:
        if u.link_id not in link_ids:
            problems.append(_("An input is not linked to this planning item."))
        elif u.link_id in seen:
            problems.append(_("An input is listed twice."))
        elif u.usage not in InputUsage.values:
            problems.append(_("Choose how the input was used."))
        elif not u.reason.strip():
            problems.append(_("Give a short public reason for each input."))
        elif len(u.reason.strip()) > REASON_MAX_LENGTH:
            problems.append(_("At most %(max)d characters.") % {"max": REASON_MAX_LENGTH})
        seen.add(u.link_id)
    return {"usages": problems} if problems else {}


def decision_record(
    *,
    agenda_item: AgendaItem,
    text: str,
    outcome: str,
    feedback_text: str,
    publish_feedback: bool,
    actor: Any,
    usages: Sequence[LinkUsage] = (),
    decided_at: dt.datetime | None = None,
    department_id: int | None = None,
) -> Decision:
    """Record (or correct) the decision on an agenda item, how each linked input was used,
    and the feedback to young people.

    Only the links given in ``usages`` get feedback (one entry per link, with its usage and
    public reason): an input the decision was not about hears nothing. Publishing makes an
    entry visible to the participants of exactly that input (the poll, the linked question,
    the activity); a linked idea, or each published idea on a linked board, gets a "decided"
    step on its own timeline, dated the meeting's date. Recording again replaces the usages.
    ``department_id``: who carries it out (None: not said); an archived department only
    when the decision already names it.
    """
    require_role(actor, Role.OFFICIAL)
    previous_department = (
        Decision.objects.filter(agenda_item=agenda_item)
        .values_list("department", flat=True)
        .first()
    )
    current = (
        Department.objects.filter(pk=previous_department).first() if previous_department else None
    )
    department = _department_choice({"department_id": department_id}, current=current)
    text, feedback_text = text.strip(), feedback_text.strip()
    errors: dict[str, list[Any]] = {}
    if not text:
        errors["text"] = [_("Write the decision.")]
    errors |= _too_long("text", text, TEXT_MAX_LENGTH)
    errors |= _too_long("feedback_text", feedback_text, NOTE_MAX_LENGTH)
    if outcome not in DecisionOutcome.values:
        errors["outcome"] = [_("Choose an outcome.")]
    if publish_feedback and not feedback_text:
        errors["feedback_text"] = [_("Write the feedback young people will read.")]
    links = {
        link.pk: link
        for link in PlanningLink.objects.filter(planning_item_id=agenda_item.planning_item_id)
    }
    errors |= _usage_errors(usages, set(links))
    if errors:
        raise InvalidInput(fields=errors)
    now = timezone.now()
    with transaction.atomic():
        meeting = _locked(agenda_item.meeting)
        if meeting.state not in (MeetingState.HELD, MeetingState.MINUTES_RECORDED):
            raise MeetingNotHeld()
        previous = Decision.objects.filter(agenda_item=agenda_item).first()
        published_at = previous.feedback_published_at if previous else None
        if publish_feedback and published_at is None:
            published_at = now
        decision, _created = Decision.objects.update_or_create(
            agenda_item=agenda_item,
            defaults={
                "text": text,
                "outcome": outcome,
                "decided_at": decided_at or meeting.starts_at,
                "recorded_by": actor,
                "feedback_text": feedback_text or (previous.feedback_text if previous else ""),
                "feedback_published_at": published_at,
                "department": department,
            },
        )
        for u in usages:
            entry, _created = FeedbackEntry.objects.get_or_create(
                decision=decision,
                link=links[u.link_id],
                defaults={"text": decision.feedback_text, "usage": u.usage},
            )
            entry.usage, entry.reason = u.usage, u.reason.strip()
            entry.text = decision.feedback_text or entry.text
            if decision.feedback_published_at is not None and entry.published_at is None:
                entry.published_at = decision.feedback_published_at
            entry.save()
        FeedbackEntry.objects.filter(decision=decision).exclude(
            link_id__in=[u.link_id for u in usages]
        ).delete()
        _decision_to_ideas(decision=decision, planning_item=agenda_item.planning_item, actor=actor)
        if decision.feedback_published_at is not None:
            _notify_link_participants([links[u.link_id] for u in usages])
    return decision


def _notify_link_participants(used: Sequence[PlanningLink]) -> None:
    """The phones that took part in a linked poll, question or activity hear that the
    feedback is out. A linked idea's author hears it from its own "decided" step
    (ideas.idea_council_decision_set), so idea and board links are left to that."""
    reached: set[int] = set()
    for link in used:
        if link.idea_id is None and link.board_id is None:
            reached |= link_participant_ids(link)
    participants_notify(participant_ids=reached)


def _ideas_of_links(decision: Decision) -> dict[Idea, FeedbackEntry]:
    """Each published idea the decision's usages reach, with the entry that says how it was
    used: its own idea link first, otherwise its board's link."""
    reached: dict[Idea, FeedbackEntry] = {}
    entries = list(FeedbackEntry.objects.filter(decision=decision).select_related("link__idea"))
    for entry in entries:
        idea = entry.link.idea
        if idea is not None and idea.moderation_state == ModerationState.PUBLISHED:
            reached[idea] = entry
    for entry in entries:
        if entry.link.board_id is None:
            continue
        ideas = Idea.objects.filter(
            board_id=entry.link.board_id, moderation_state=ModerationState.PUBLISHED
        )
        for idea in ideas.order_by("id"):
            reached.setdefault(idea, entry)
    return reached


def _decision_to_ideas(*, decision: Decision, planning_item: PlanningItem, actor: Any) -> None:
    """Give every published idea the decision was about its usage as a step on its own
    timeline, through the ideas app's own service (its status rules live there)."""
    steps: list[tuple[Idea, str, str]] = []
    if decision.feedback_published_at is not None:
        for idea, used in sorted(_ideas_of_links(decision).items(), key=lambda p: p[0].pk):
            # Blank (feedback from before usages were recorded) says nothing about the idea.
            as_step = IDEA_DECISION_FOR_USAGE.get(used.usage)  # type: ignore[call-overload]
            if as_step is not None:
                step_text = "\n\n".join(t for t in (decision.feedback_text, used.reason) if t)
                steps.append((idea, str(as_step), step_text[:2000]))
    # The steps this decision wrote before (the caller holds the meeting's lock, so no other
    # recording of this decision runs meanwhile).
    written = {
        origin.idea_id: origin
        for origin in IdeaStepOrigin.objects.filter(decision=decision).select_related(
            "step", "idea"
        )
    }
    for idea, as_step, step_text in steps:
        before = written.get(idea.pk)
        step = idea_council_decision_set(
            idea=idea,
            step=before.step if before else None,
            decision=as_step,
            text=step_text,
            happened_at=decision.decided_at,
            actor=actor,
        )
        IdeaStepOrigin.objects.update_or_create(
            step=step,
            defaults={"idea": idea, "planning_item": planning_item, "decision": decision},
        )
    keep = {idea.pk for idea, _d, _t in steps}
    for idea_id, origin in sorted(written.items()):
        if idea_id not in keep:
            idea_council_decision_withdraw(idea=origin.idea, step=origin.step, actor=actor)


REFERENCE_CATEGORIES = {
    ReferenceDimension.AGE_BAND: set(AgeBand.values) - {AgeBand.PREFER_NOT},
    ReferenceDimension.GENDER: set(Gender.values) - {Gender.PREFER_NOT},
    ReferenceDimension.NEIGHBOURHOOD: set(Neighbourhood.values) - {Neighbourhood.PREFER_NOT},
}


def reference_population_set(
    *, dimension: str, counts: Mapping[str, int], actor: Any
) -> list[ReferencePopulation]:
    """Replace the reference population for one dimension (e.g. young people per area)."""
    require_role(actor, Role.OFFICIAL)
    if dimension not in ReferenceDimension.values:
        raise InvalidInput(fields={"dimension": [_("Unknown group.")]})
    allowed = REFERENCE_CATEGORIES[ReferenceDimension(dimension)]
    bad = sorted(k for k, v in counts.items() if k not in allowed or not 0 <= int(v) <= 10**7)
    if bad:
        raise InvalidInput(
            fields={"counts": [_("Unknown group or bad number: %s") % ", ".join(bad)]}
        )
    with transaction.atomic():
        ReferencePopulation.objects.filter(dimension=dimension).delete()
        # bulk_create sends no signals: one audit entry with the figures as set.
        audit_record(
            action=AuditAction.UPDATE,
            actor=actor,
            object_type=ReferencePopulation._meta.label_lower,
            object_id=str(dimension),
            changes={"counts": [None, {k: int(v) for k, v in sorted(counts.items())}]},
        )
        return ReferencePopulation.objects.bulk_create(
            ReferencePopulation(dimension=dimension, category=k, count=int(v))
            for k, v in sorted(counts.items())
        )
