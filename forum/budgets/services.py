"""Participatory budget use cases: one service per staff or phone action (docs/decisions/0051)."""

import datetime as dt
import itertools
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.budgets.models import (
    PHASE_DATE_FIELDS,
    PHASE_ORDER,
    Ballot,
    BallotAccess,
    BallotChannel,
    BallotChoice,
    BallotMode,
    BudgetProcess,
    BudgetVotingCode,
    ImplementationStatus,
    ImplementationUpdate,
    Phase,
    Proposal,
    ProposalParticipant,
    ProposalRole,
    ProposalStatus,
)
from forum.budgets.selectors import REVIEWERS, RUNNERS, funded_proposal_ids, results_public
from forum.core.audit import audit_record
from forum.core.errors import (
    AlreadyVoted,
    BallotClosed,
    BallotRulesLocked,
    BudgetInvalid,
    EmptyBallot,
    InvalidInput,
    NotFunded,
    OverBudget,
    PhaseBackwards,
    ProposalNotOnBallot,
    ProposalsClosed,
    ReviewClosed,
    TooManyChoices,
    VotingCodeInvalid,
    VotingCodeRequired,
)
from forum.core.images import image_alt_clean, image_process
from forum.core.models import AuditAction, Department
from forum.core.text import text_clean, text_clean_optional
from forum.ideas.models import Idea, IdeaBoard, Support
from forum.moderation.models import ModerationState
from forum.participation.access import require_forum_staff
from forum.participation.models import Forum, Participant
from forum.participation.services import participants_notify
from forum.polls.services import voting_code_format, voting_code_hash, voting_codes_new

MAX_CODES_PER_BATCH = 2000
# Fields that decide what a ballot may hold: fixed once someone has voted.
BALLOT_RULE_FIELDS = ("budget_total", "ballot_mode", "approval_cap", "access")


@dataclass(frozen=True)
class ProcessSpec:
    title: str
    description: str
    budget_total: int
    ballot_mode: str
    access: str
    phase_dates: Mapping[str, dt.date]
    approval_cap: int | None = None
    proposal_board_id: int | None = None


def _clean_spec(spec: ProcessSpec, *, forum: Forum) -> dict[str, Any]:
    if spec.budget_total <= 0:
        raise BudgetInvalid(fields={"budget_total": [BudgetInvalid.default_message]})
    if spec.ballot_mode not in BallotMode.values:
        raise InvalidInput(fields={"ballot_mode": [_("Choose how people vote.")]})
    if spec.access not in BallotAccess.values:
        raise InvalidInput(fields={"access": [_("Choose who may vote.")]})
    cap = spec.approval_cap
    if spec.ballot_mode == BallotMode.APPROVAL:
        if cap is None or cap <= 0:
            raise InvalidInput(
                fields={"approval_cap": [_("Say how many proposals each person may approve.")]}
            )
    else:
        cap = None
    missing = [p for p in PHASE_ORDER if p not in spec.phase_dates]
    if missing:
        raise InvalidInput(fields={"phase_dates": [_("Give a start date for every phase.")]})
    dates = [spec.phase_dates[p] for p in PHASE_ORDER]
    if any(later < earlier for earlier, later in itertools.pairwise(dates)):
        raise InvalidInput(
            fields={
                "phase_dates": [_("The phases must start in order: no date before the one above.")]
            }
        )
    board = None
    if spec.proposal_board_id is not None:
        board = IdeaBoard.objects.filter(pk=spec.proposal_board_id, forum=forum).first()
        if board is None:
            raise InvalidInput(
                fields={"proposal_board_id": [_("Choose an idea board of the same forum.")]}
            )
    values: dict[str, Any] = {
        "title": text_clean(spec.title, field="title"),
        "description": text_clean_optional(spec.description, field="description", multiline=True),
        "budget_total": spec.budget_total,
        "ballot_mode": spec.ballot_mode,
        "approval_cap": cap,
        "access": spec.access,
        "proposal_board": board,
    }
    for phase, name in PHASE_DATE_FIELDS.items():
        values[name] = spec.phase_dates[phase]
    return values


def process_create(*, forum: Forum, spec: ProcessSpec, actor: Any) -> BudgetProcess:
    require_forum_staff(actor, forum, *RUNNERS, write=True)
    values = _clean_spec(spec, forum=forum)
    return BudgetProcess.objects.create(forum=forum, created_by=actor, **values)


@transaction.atomic
def process_update(*, process: BudgetProcess, spec: ProcessSpec, actor: Any) -> BudgetProcess:
    """Replace the settings; the ballot rules stay as they are once someone has voted."""
    require_forum_staff(actor, process.forum, *RUNNERS, write=True)
    process = BudgetProcess.objects.select_for_update().get(pk=process.pk)
    values = _clean_spec(spec, forum=process.forum)
    if Ballot.objects.filter(process=process).exists() and any(
        getattr(process, name) != values[name] for name in BALLOT_RULE_FIELDS
    ):
        raise BallotRulesLocked()
    for name, value in values.items():
        setattr(process, name, value)
    process.save()
    return process


@transaction.atomic
def phase_move(*, process: BudgetProcess, phase: str, actor: Any) -> BudgetProcess:
    """Move to ``phase``: forward always, backward only while nobody has voted."""
    require_forum_staff(actor, process.forum, *RUNNERS, write=True)
    if phase not in PHASE_ORDER:
        raise InvalidInput(fields={"phase": [_("That is not a phase of the process.")]})
    process = BudgetProcess.objects.select_for_update().get(pk=process.pk)
    if PHASE_ORDER.index(phase) < process.phase_index() and (
        Ballot.objects.filter(process=process).exists()
    ):
        raise PhaseBackwards()
    results_before = results_public(process)
    process.phase = phase
    process.save(update_fields=["phase"])
    if results_public(process) and not results_before:
        # The results are out: every proposal was selected or not.
        _notify_proposal_people(ProposalParticipant.objects.filter(proposal__process=process))
    return process


def _notify_proposal_people(people: Any) -> None:
    """The phones that proposed or supported these proposals hear that there is news on
    /mina-svar (after commit; the notice itself says nothing about which)."""
    participants_notify(participant_ids=people.values_list("participant_id", flat=True))


def _current_process(proposal: Proposal) -> BudgetProcess:
    """The proposal's process as stored now: its phase decides what may happen."""
    return BudgetProcess.objects.select_related("forum").get(pk=proposal.process_id)


def _require_open_for_proposals(process: BudgetProcess) -> None:
    if process.phase not in (Phase.PROPOSALS, Phase.REVIEW):
        raise ProposalsClosed()


@transaction.atomic
def proposals_import(*, process: BudgetProcess, actor: Any) -> int:
    """Import the proposal board's published ideas not imported yet; the idea's author
    proposed it and its supporters supported it. Returns how many were imported."""
    require_forum_staff(actor, process.forum, *RUNNERS, write=True)
    if process.proposal_board_id is None:
        raise InvalidInput(fields={"proposal_board_id": [_("Choose an idea board first.")]})
    _require_open_for_proposals(process)
    taken = Proposal.objects.filter(process=process, idea__isnull=False).values("idea_id")
    ideas = list(
        Idea.objects.filter(
            board_id=process.proposal_board_id, moderation_state=ModerationState.PUBLISHED
        )
        .exclude(pk__in=taken)
        .defer("photo")
        .order_by("created_at", "id")
    )
    for idea in ideas:
        proposal = Proposal.objects.create(
            process=process, title=idea.title[:200], description=idea.text, idea=idea
        )
        people = [
            ProposalParticipant(
                proposal=proposal, participant_id=idea.participant_id, role=ProposalRole.PROPOSED
            )
        ]
        people += [
            ProposalParticipant(proposal=proposal, participant_id=pid, role=ProposalRole.SUPPORTED)
            for pid in Support.objects.filter(idea=idea)
            .exclude(participant_id=idea.participant_id)
            .values_list("participant_id", flat=True)
        ]
        ProposalParticipant.objects.bulk_create(people)
    return len(ideas)


def proposal_add(*, process: BudgetProcess, title: str, description: str, actor: Any) -> Proposal:
    """A proposal from a live session or on paper: nobody's phone is behind it."""
    require_forum_staff(actor, process.forum, *RUNNERS, write=True)
    _require_open_for_proposals(process)
    return Proposal.objects.create(
        process=process,
        title=text_clean(title, field="title"),
        description=text_clean_optional(description, field="description", multiline=True),
    )


@transaction.atomic
def proposal_review(
    *,
    proposal: Proposal,
    cost: int,
    department_id: int | None,
    feasible: bool,
    public_reason: str,
    actor: Any,
) -> Proposal:
    """An official's feasibility review: cost, responsible department, and a public reason."""
    process = _current_process(proposal)
    require_forum_staff(actor, process.forum, *REVIEWERS, write=True)
    if process.phase != Phase.REVIEW:
        raise ReviewClosed()
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status == ProposalStatus.MERGED:
        raise ReviewClosed(_("This proposal was merged into another one."))
    if cost <= 0:
        raise InvalidInput(fields={"cost": [_("Give the cost in whole kronor, above zero.")]})
    department = None
    if department_id is not None:
        department = Department.objects.filter(pk=department_id, archived_at__isnull=True).first()
        if department is None:
            raise InvalidInput(fields={"department_id": [_("Choose a department from the list.")]})
    proposal.cost = cost
    proposal.department = department
    proposal.public_reason = text_clean(public_reason, field="public_reason", multiline=True)
    proposal.status = ProposalStatus.FEASIBLE if feasible else ProposalStatus.INFEASIBLE
    proposal.reviewed_by = actor
    proposal.reviewed_at = timezone.now()
    proposal.save()
    _notify_proposal_people(ProposalParticipant.objects.filter(proposal=proposal))
    return proposal


@transaction.atomic
def proposal_merge(
    *, proposal: Proposal, into: Proposal, public_reason: str, actor: Any
) -> Proposal:
    """Merge a duplicate into ``into``. Its proposers and supporters stay on it, so
    /mina-svar tells them where their proposal went; proposals merged into it follow."""
    process = _current_process(proposal)
    require_forum_staff(actor, process.forum, *REVIEWERS, write=True)
    if process.phase not in (Phase.PROPOSALS, Phase.REVIEW):
        raise ReviewClosed()
    if into.process_id != proposal.process_id or into.pk == proposal.pk:
        raise InvalidInput(fields={"into_id": [_("Choose another proposal of the same budget.")]})
    locked = {
        p.pk: p for p in Proposal.objects.select_for_update().filter(pk__in=[proposal.pk, into.pk])
    }
    proposal, into = locked[proposal.pk], locked[into.pk]
    if into.status == ProposalStatus.MERGED or proposal.status == ProposalStatus.MERGED:
        raise InvalidInput(fields={"into_id": [_("That proposal is already merged.")]})
    reason = text_clean(public_reason, field="public_reason", multiline=True)
    moved = list(Proposal.objects.filter(merged_into=proposal).values_list("pk", flat=True))
    Proposal.objects.filter(pk__in=moved).update(merged_into=into)
    if moved:  # update() sends no signals: the proposals that follow are one audit entry
        audit_record(
            action=AuditAction.UPDATE,
            actor=actor,
            object_type=Proposal._meta.label_lower,
            object_id=str(proposal.pk),
            forum_id=process.forum_id,
            changes={"merged_into": [proposal.pk, into.pk]},
            detail={"proposals": moved},
        )
    proposal.status = ProposalStatus.MERGED
    proposal.merged_into = into
    proposal.public_reason = reason
    proposal.reviewed_by = actor
    proposal.reviewed_at = timezone.now()
    proposal.save()
    _notify_proposal_people(ProposalParticipant.objects.filter(proposal=proposal))
    return proposal


@dataclass(frozen=True)
class CastBallot:
    ballot: Ballot
    proposal_ids: list[int]
    created: bool


def _ballot_of(ballot: Ballot, *, created: bool) -> CastBallot:
    ids = sorted(BallotChoice.objects.filter(ballot=ballot).values_list("proposal_id", flat=True))
    return CastBallot(ballot=ballot, proposal_ids=ids, created=created)


def ballot_check(*, process: BudgetProcess, proposal_ids: Sequence[int]) -> list[Proposal]:
    """The feasible proposals a ballot picks, or the rule it breaks (nothing is written)."""
    if process.phase != Phase.BALLOT:
        raise BallotClosed()
    wanted = set(proposal_ids)
    if not wanted:
        raise EmptyBallot()
    chosen = list(
        Proposal.objects.filter(process=process, status=ProposalStatus.FEASIBLE, pk__in=wanted)
    )
    if len(chosen) != len(wanted):
        raise ProposalNotOnBallot()
    if process.ballot_mode == BallotMode.APPROVAL and len(chosen) > (process.approval_cap or 0):
        raise TooManyChoices()
    # Never over budget, in either mode (docs/decisions/0051).
    if sum(p.cost or 0 for p in chosen) > process.budget_total:
        raise OverBudget()
    return chosen


def _spend_code(*, process: BudgetProcess, code: str) -> BudgetVotingCode:
    code_hash = voting_code_hash(code)
    # One conditional UPDATE: of two phones racing with one code only one sees it unused.
    spent = BudgetVotingCode.objects.filter(
        process=process, code_hash=code_hash, used_at__isnull=True
    ).update(used_at=timezone.now())
    if not spent:
        raise VotingCodeInvalid(fields={"voting_code": [VotingCodeInvalid.default_message]})
    return BudgetVotingCode.objects.get(process=process, code_hash=code_hash)


def ballot_cast(
    *,
    process: BudgetProcess,
    participant: Participant,
    proposal_ids: Sequence[int],
    voting_code: str | None,
    idempotency_key: uuid.UUID,
) -> CastBallot:
    """Cast one ballot for ``participant`` (a phone), with a voting code when the process
    asks for one. The same key again returns the ballot already cast; anything refused
    writes nothing (a code is spent only with its ballot)."""
    existing = Ballot.objects.filter(process=process, participant=participant).first()
    if existing is not None:
        if existing.idempotency_key == idempotency_key:
            return _ballot_of(existing, created=False)
        raise AlreadyVoted()
    code = (voting_code or "").strip()
    try:
        with transaction.atomic():
            # Locked: a phase move waits for ballots being cast, so "no ballot yet" holds
            # when a process moves back.
            process = BudgetProcess.objects.select_for_update().get(pk=process.pk)
            chosen = ballot_check(process=process, proposal_ids=proposal_ids)
            if process.access == BallotAccess.CODE and not code:
                raise VotingCodeRequired(
                    fields={"voting_code": [VotingCodeRequired.default_message]}
                )
            use_code = bool(code) and process.access != BallotAccess.DEVICE
            spent = _spend_code(process=process, code=code) if use_code else None
            ballot = Ballot.objects.create(
                process=process,
                participant=participant,
                voting_code=spent,
                channel=BallotChannel.CODE if spent else BallotChannel.DEVICE,
                idempotency_key=idempotency_key,
            )
            BallotChoice.objects.bulk_create(
                BallotChoice(ballot=ballot, proposal=p) for p in chosen
            )
    except IntegrityError:
        # A second request from the same phone won the race: same key → its ballot.
        existing = Ballot.objects.filter(process=process, participant=participant).first()
        if existing is not None and existing.idempotency_key == idempotency_key:
            return _ballot_of(existing, created=False)
        raise AlreadyVoted() from None
    return CastBallot(ballot=ballot, proposal_ids=sorted(p.pk for p in chosen), created=True)


def voting_codes_generate(*, process: BudgetProcess, count: int, actor: Any) -> list[str]:
    """``count`` one-time codes for paper slips; returned once, stored only as hashes."""
    require_forum_staff(actor, process.forum, *RUNNERS, write=True)
    if process.access == BallotAccess.DEVICE:
        raise InvalidInput(fields={"access": [_("This budget does not use voting codes.")]})
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise InvalidInput(
            fields={"count": [_("Make 1 to %(n)d codes at a time.") % {"n": MAX_CODES_PER_BATCH}]}
        )
    codes = voting_codes_new(count)
    BudgetVotingCode.objects.bulk_create(
        BudgetVotingCode(process=process, code_hash=voting_code_hash(c)) for c in codes
    )
    # bulk_create sends no signals: the batch is one audit entry (how many, never the codes).
    audit_record(
        action=AuditAction.CREATE,
        actor=actor,
        object_type=BudgetVotingCode._meta.label_lower,
        object_id=str(process.pk),
        forum_id=process.forum_id,
        detail={"process": process.pk, "count": count},
    )
    return [voting_code_format(c) for c in codes]


def implementation_update_add(
    *,
    proposal: Proposal,
    status: str,
    happened_on: dt.date,
    text: str,
    photo: bytes | None,
    photo_alt: str,
    actor: Any,
) -> ImplementationUpdate:
    """A public step of a funded proposal's implementation, from the implementation phase on."""
    process = _current_process(proposal)
    require_forum_staff(actor, process.forum, *RUNNERS, write=True)
    if process.phase_index() < PHASE_ORDER.index(Phase.IMPLEMENTATION):
        raise NotFunded()
    if proposal.pk not in funded_proposal_ids(process=process):
        raise NotFunded()
    if status not in ImplementationStatus.values:
        raise InvalidInput(fields={"status": [_("Choose a status.")]})
    update = ImplementationUpdate(
        proposal=proposal,
        status=status,
        happened_on=happened_on,
        text=text_clean(text, field="text", multiline=True),
        created_by=actor,
    )
    if photo is not None:
        update.photo_alt = image_alt_clean(photo_alt)
        processed = image_process(data=photo)
        update.photo = processed.data
        update.photo_type = processed.content_type
        update.photo_width, update.photo_height = processed.width, processed.height
    update.save()
    _notify_proposal_people(ProposalParticipant.objects.filter(proposal=proposal))
    return update
