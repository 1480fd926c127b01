"""Reads of participatory budgets: results (the funding rule), the process page, "you said,
we did" for a phone, and the numbers the council's brief and follow-up print."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forum.budgets.models import (
    PHASE_DATE_FIELDS,
    PHASE_ORDER,
    Ballot,
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
from forum.core.errors import NotFound
from forum.core.numbers import count as count_words
from forum.core.numbers import number
from forum.core.roles import Role
from forum.core.suppression import count_text, shown_count, suppress_choices, suppress_small_cells
from forum.participation.access import forum_ids_for_staff, require_forum_staff
from forum.participation.models import Participant

# Published with every result (docs/decisions/0051): read out, it must be the rule applied.
TIE_BREAK_RULE = gettext_lazy(
    "Proposals with more votes are funded first. With equal votes, the cheaper proposal "
    "comes first; with equal cost too, the one proposed first."
)
# Who runs a process: youth workers and officials of the forum (admins everywhere).
RUNNERS = (Role.YOUTH_WORKER, Role.OFFICIAL)
# The feasibility review and merging are officials' work (admins too), never a youth worker's.
REVIEWERS = (Role.OFFICIAL,)


# --- the funding rule -------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    proposal_id: int
    cost: int
    votes: int
    # Position in the order proposals were made (created_at, id): the last tie-break.
    order: int


@dataclass(frozen=True)
class Allocation:
    proposal_id: int
    rank: int
    funded: bool


def rank_order(candidates: Iterable[Candidate]) -> list[Candidate]:
    """More votes first; ties: lower cost first, then earlier proposal."""
    return sorted(candidates, key=lambda c: (-c.votes, c.cost, c.order))


def allocate(candidates: Sequence[Candidate], *, budget: int, mode: str) -> list[Allocation]:
    """Fund greedily in rank order while the budget allows. Knapsack: a proposal that no
    longer fits is skipped and the next ones are still tried. Approval: funding stops at the
    first proposal that does not fit, so a less voted one never overtakes it."""
    remaining = budget
    out: list[Allocation] = []
    stopped = False
    for rank, c in enumerate(rank_order(candidates), start=1):
        fits = not stopped and c.cost <= remaining
        if fits:
            remaining -= c.cost
        elif mode == BallotMode.APPROVAL:
            stopped = True
        out.append(Allocation(proposal_id=c.proposal_id, rank=rank, funded=fits))
    return out


# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultRow:
    proposal_id: int
    title: str
    cost: int
    votes: int | None  # suppressed
    votes_written: str
    funded: bool
    rank: int


@dataclass(frozen=True)
class ChannelCount:
    channel: str
    count: int | None
    written: str


@dataclass(frozen=True)
class BudgetResults:
    ballots: int | None
    ballots_written: str
    by_channel: list[ChannelCount]
    rows: list[ResultRow]
    funded_total: int
    remaining: int
    # Raw figures for the rule and for staff checks; never serialised as such.
    raw_votes: dict[int, int] = field(default_factory=dict, repr=False)
    raw_ballots: int = 0


def _feasible(process: BudgetProcess) -> list[Proposal]:
    return list(
        Proposal.objects.filter(process=process, status=ProposalStatus.FEASIBLE).order_by(
            "created_at", "id"
        )
    )


def budget_results(*, process: BudgetProcess) -> BudgetResults:
    proposals = _feasible(process)
    votes = dict(
        BallotChoice.objects.filter(ballot__process=process)
        .values("proposal_id")
        .annotate(n=Count("id"))
        .values_list("proposal_id", "n")
    )
    per_channel = dict(
        Ballot.objects.filter(process=process)
        .values("channel")
        .annotate(n=Count("id"))
        .values_list("channel", "n")
    )
    ballots = sum(per_channel.values())
    candidates = [
        Candidate(proposal_id=p.pk, cost=p.cost or 0, votes=votes.get(p.pk, 0), order=i)
        for i, p in enumerate(proposals)
    ]
    allocation = allocate(candidates, budget=process.budget_total, mode=process.ballot_mode)
    shown_votes = suppress_choices(
        {p.pk: votes.get(p.pk, 0) for p in proposals}, respondents=ballots, partition=False
    )
    channels = suppress_small_cells({c.value: per_channel.get(c.value, 0) for c in BallotChannel})
    by_id = {p.pk: p for p in proposals}
    rows = []
    funded_total = 0
    for a in allocation:
        p = by_id[a.proposal_id]
        shown = shown_votes.cells[p.pk]
        if a.funded:
            funded_total += p.cost or 0
        rows.append(
            ResultRow(
                proposal_id=p.pk,
                title=p.title,
                cost=p.cost or 0,
                votes=shown,
                votes_written=count_words(shown, protected=shown_votes.hidden_to_protect(p.pk)),
                funded=a.funded,
                rank=a.rank,
            )
        )
    return BudgetResults(
        ballots=channels.total,
        ballots_written=count_words(channels.total, protected=channels.total_protected),
        by_channel=[
            ChannelCount(
                channel=c.value,
                count=channels.cells[c.value],
                written=count_words(
                    channels.cells[c.value], protected=channels.hidden_to_protect(c.value)
                ),
            )
            for c in BallotChannel
        ],
        rows=rows,
        funded_total=funded_total,
        remaining=process.budget_total - funded_total,
        raw_votes=votes,
        raw_ballots=ballots,
    )


def results_public(process: BudgetProcess) -> bool:
    return process.phase_index() >= PHASE_ORDER.index(Phase.RESULTS)


def funded_proposal_ids(*, process: BudgetProcess) -> set[int]:
    """The proposals the results fund; none before the results phase."""
    if not results_public(process):
        return set()
    return {r.proposal_id for r in budget_results(process=process).rows if r.funded}


# --- the process page -------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseStep:
    phase: str
    label: str
    starts_on: dt.date
    current: bool
    done: bool


@dataclass(frozen=True)
class UpdateView:
    id: int
    happened_on: dt.date
    text: str
    has_photo: bool
    photo_alt: str


@dataclass(frozen=True)
class ImplementationView:
    status: str
    status_label: str
    updates: list[UpdateView]


@dataclass(frozen=True)
class ProposalView:
    id: int
    title: str
    description: str
    status: str
    cost: int | None
    department: dict[str, Any] | None
    public_reason: str
    merged_into: dict[str, Any] | None
    implementation: ImplementationView | None
    # Staff only.
    proposer_count: int = 0
    supporter_count: int = 0
    source: str = "manual"
    idea_id: int | None = None


@dataclass(frozen=True)
class MyBallot:
    proposal_ids: list[int]
    cast_at: dt.datetime


@dataclass(frozen=True)
class BudgetDetail:
    process: BudgetProcess
    phases: list[PhaseStep]
    proposals: list[ProposalView]
    my_ballot: MyBallot | None
    results: BudgetResults | None
    tie_break_rule: str
    ballots_count: int = 0
    codes_issued: int = 0
    codes_used: int = 0


def phase_label(phase: str) -> str:
    return str(Phase(phase).label)


def phase_steps(process: BudgetProcess) -> list[PhaseStep]:
    current = process.phase_index()
    return [
        PhaseStep(
            phase=phase.value,
            label=str(phase.label),
            starts_on=getattr(process, PHASE_DATE_FIELDS[phase]),
            current=i == current,
            done=i < current,
        )
        for i, phase in enumerate(Phase)
    ]


def implementation_status(updates: Sequence[ImplementationUpdate]) -> str:
    """The newest update's status (by date, then as written); not started without one."""
    return updates[-1].status if updates else ImplementationStatus.NOT_STARTED


def _implementations(
    process: BudgetProcess, funded: set[int]
) -> dict[int, list[ImplementationUpdate]]:
    updates: dict[int, list[ImplementationUpdate]] = defaultdict(list)
    for u in (
        ImplementationUpdate.objects.filter(proposal__process=process, proposal_id__in=funded)
        .defer("photo")
        .order_by("happened_on", "id")
    ):
        updates[u.proposal_id].append(u)
    return updates


def budget_detail(
    *, process: BudgetProcess, participant: Participant | None, staff: bool = False
) -> BudgetDetail:
    """What the process page shows; ``staff`` adds counts and results before they are public
    (suppressed all the same)."""
    proposals = list(
        Proposal.objects.filter(process=process)
        .select_related("department", "merged_into")
        .annotate(
            proposers=Count("people", filter=Q(people__role=ProposalRole.PROPOSED)),
            supporters=Count("people", filter=Q(people__role=ProposalRole.SUPPORTED)),
        )
        .order_by("created_at", "id")
    )
    show_results = results_public(process) or (
        staff and process.phase_index() >= PHASE_ORDER.index(Phase.BALLOT)
    )
    results = budget_results(process=process) if show_results else None
    funded = (
        {r.proposal_id for r in results.rows if r.funded}
        if results is not None and results_public(process)
        else set()
    )
    updates = _implementations(process, funded)
    views = []
    for p in proposals:
        implementation = None
        if p.pk in funded:
            ups = updates.get(p.pk, [])
            st = implementation_status(ups)
            implementation = ImplementationView(
                status=st,
                status_label=str(ImplementationStatus(st).label),
                updates=[
                    UpdateView(
                        id=u.pk,
                        happened_on=u.happened_on,
                        text=u.text,
                        has_photo=bool(u.photo_type),
                        photo_alt=u.photo_alt,
                    )
                    for u in ups
                ],
            )
        views.append(
            ProposalView(
                id=p.pk,
                title=p.title,
                description=p.description,
                status=p.status,
                cost=p.cost,
                department=(
                    {"id": p.department.pk, "name": p.department.name} if p.department else None
                ),
                public_reason=p.public_reason,
                merged_into=(
                    {"id": p.merged_into.pk, "title": p.merged_into.title}
                    if p.merged_into
                    else None
                ),
                implementation=implementation,
                proposer_count=p.proposers if staff else 0,
                supporter_count=p.supporters if staff else 0,
                source="idea" if p.idea_id else "manual",
                idea_id=p.idea_id,
            )
        )
    my_ballot = None
    if participant is not None:
        ballot = Ballot.objects.filter(process=process, participant=participant).first()
        if ballot is not None:
            my_ballot = MyBallot(
                proposal_ids=sorted(ballot.choices.values_list("proposal_id", flat=True)),
                cast_at=ballot.cast_at,
            )
    codes = BudgetVotingCode.objects.filter(process=process).aggregate(
        issued=Count("id"), used=Count("id", filter=Q(used_at__isnull=False))
    )
    return BudgetDetail(
        process=process,
        phases=phase_steps(process),
        proposals=views,
        my_ballot=my_ballot,
        results=results,
        tie_break_rule=str(TIE_BREAK_RULE),
        ballots_count=Ballot.objects.filter(process=process).count() if staff else 0,
        codes_issued=codes["issued"] if staff else 0,
        codes_used=codes["used"] if staff else 0,
    )


def process_public(*, process_id: int) -> BudgetProcess:
    process = BudgetProcess.objects.select_related("forum").filter(pk=process_id).first()
    if process is None:
        raise NotFound()
    return process


def process_list(
    *, forum_slug: str | None = None, forum_id: int | None = None, staff: Any = None
) -> list[Any]:
    """The processes of a forum (or all); with ``staff``, only those of forums they work in."""
    qs = BudgetProcess.objects.select_related("forum")
    if staff is not None and (own := forum_ids_for_staff(staff)) is not None:
        qs = qs.filter(forum_id__in=own)
    if forum_slug is not None:
        qs = qs.filter(forum__slug=forum_slug)
    if forum_id is not None:
        qs = qs.filter(forum_id=forum_id)
    return list(
        qs.annotate(
            proposals_count=Count("proposals", distinct=True),
            ballots_count=Count("ballots", distinct=True),
        )
    )


def process_for_staff(
    *, process_id: int, actor: Any, write: bool = False, roles: Sequence[Role] = RUNNERS
) -> BudgetProcess:
    process = process_public(process_id=process_id)
    require_forum_staff(actor, process.forum, *roles, write=write)
    return process


def proposal_for_staff(*, proposal_id: int) -> Proposal:
    proposal = (
        Proposal.objects.select_related("process", "process__forum").filter(pk=proposal_id).first()
    )
    if proposal is None:
        raise NotFound()
    return proposal


def update_photo(*, update_id: int) -> ImplementationUpdate:
    """A public update's photo (updates exist only for funded proposals, all public)."""
    update = ImplementationUpdate.objects.filter(pk=update_id, photo__isnull=False).first()
    if update is None:
        raise NotFound()
    return update


# --- "you said, we did" ------------------------------------------------------------------------


@dataclass(frozen=True)
class SaidDidItem:
    proposal_id: int
    title: str
    status: str
    status_label: str
    message: str
    happened_on: dt.date | None


@dataclass(frozen=True)
class MyBudget:
    process_id: int
    process_title: str
    phase: str
    phase_label: str
    roles: list[str]
    items: list[SaidDidItem]


ITEM_LABELS = {
    "proposed": gettext_lazy("Waiting for review"),
    "feasible": gettext_lazy("Feasible"),
    "infeasible": gettext_lazy("Not feasible"),
    "merged": gettext_lazy("Merged"),
    "funded": gettext_lazy("Funded"),
    "not_funded": gettext_lazy("Not funded"),
    "in_progress": gettext_lazy("In progress"),
    "done": gettext_lazy("Done"),
    "stopped": gettext_lazy("Stopped"),
}


def day_written(day: dt.date) -> str:
    return str(formats.date_format(day, "j F"))


def _said_did(
    proposal: Proposal,
    *,
    own: bool,
    results: BudgetResults | None,
    updates: Sequence[ImplementationUpdate],
) -> SaidDidItem:
    """One proposal's newest news as a plain sentence, every word backed by a stored row."""
    status, happened = proposal.status, None
    if proposal.status == ProposalStatus.MERGED and proposal.merged_into is not None:
        title = proposal.merged_into.title
        message = (
            _("Your proposal was merged with “%(title)s”: %(reason)s")
            if own
            else _("The proposal was merged with “%(title)s”: %(reason)s")
        ) % {"title": title, "reason": proposal.public_reason}
    elif proposal.status == ProposalStatus.INFEASIBLE:
        message = _("Not feasible: %(reason)s") % {"reason": proposal.public_reason}
    elif proposal.status == ProposalStatus.PROPOSED:
        message = _("The officials have not reviewed the proposal yet.")
    else:
        row = (
            next((r for r in results.rows if r.proposal_id == proposal.pk), None)
            if results
            else None
        )
        if row is None:
            message = _("Feasible, estimated at %(cost)s kr: %(reason)s") % {
                "cost": number(proposal.cost or 0),
                "reason": proposal.public_reason,
            }
        elif updates:
            last = updates[-1]
            status, happened = last.status, last.happened_on
            message = _("Update %(day)s: %(text)s") % {
                "day": day_written(last.happened_on),
                "text": last.text,
            }
        else:
            status = "funded" if row.funded else "not_funded"
            votes = row.votes_written
            message = (
                _("The proposal got %(votes)s votes and will be carried out.")
                if row.funded
                else _("The proposal got %(votes)s votes but did not fit in the budget.")
            ) % {"votes": votes}
    return SaidDidItem(
        proposal_id=proposal.pk,
        title=proposal.title,
        status=status,
        status_label=str(ITEM_LABELS.get(status, status)),
        message=message,
        happened_on=happened,
    )


def my_budgets(*, participant: Participant | None) -> list[MyBudget]:
    """Every budget this phone proposed to, supported or voted in, with what became of it."""
    if participant is None:
        return []
    roles: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for pid, process_id, role in ProposalParticipant.objects.filter(
        participant=participant
    ).values_list("proposal_id", "proposal__process_id", "role"):
        roles[process_id][pid].add(role)
    voted: dict[int, set[int]] = defaultdict(set)
    for process_id, pid in BallotChoice.objects.filter(ballot__participant=participant).values_list(
        "ballot__process_id", "proposal_id"
    ):
        voted[process_id].add(pid)
        roles[process_id][pid].add("voted")
    out = []
    for process in BudgetProcess.objects.filter(pk__in=list(roles)).order_by(
        "-proposals_on", "-id"
    ):
        results = budget_results(process=process) if results_public(process) else None
        funded = {r.proposal_id for r in results.rows if r.funded} if results else set()
        updates = _implementations(process, funded)
        proposals = (
            Proposal.objects.filter(pk__in=list(roles[process.pk]))
            .select_related("merged_into")
            .order_by("created_at", "id")
        )
        process_roles = set().union(*roles[process.pk].values())
        out.append(
            MyBudget(
                process_id=process.pk,
                process_title=process.title,
                phase=process.phase,
                phase_label=phase_label(process.phase),
                roles=[r for r in ("proposed", "supported", "voted") if r in process_roles],
                items=[
                    _said_did(
                        p,
                        own=ProposalRole.PROPOSED in roles[process.pk][p.pk],
                        results=results,
                        updates=updates.get(p.pk, []),
                    )
                    for p in proposals
                ],
            )
        )
    return out


# --- council: brief and follow-up -------------------------------------------------------------


@dataclass(frozen=True)
class FundedLine:
    title: str
    cost: int
    department: str
    implementation_status: str
    implementation_label: str


@dataclass(frozen=True)
class ProcessSummary:
    process_id: int
    title: str
    forum_name: str
    phase: str
    phase_label: str
    budget_total: int
    proposals: int
    feasible: int
    ballots: int | None
    ballots_written: str
    results_out: bool
    funded: list[FundedLine]
    funded_total: int


def process_summaries(
    *, start: dt.date, end: dt.date, forum_ids: Sequence[int] | None = None
) -> list[ProcessSummary]:
    """The budget processes running in [start, end]: begun by ``end`` and not closed before
    ``start``."""
    qs = BudgetProcess.objects.select_related("forum").filter(
        proposals_on__lte=end, closed_on__gte=start
    )
    if forum_ids is not None:
        qs = qs.filter(forum_id__in=forum_ids)
    out = []
    for process in qs.order_by("proposals_on", "id"):
        counts = Proposal.objects.filter(process=process).aggregate(
            total=Count("id", filter=~Q(status=ProposalStatus.MERGED)),
            feasible=Count("id", filter=Q(status=ProposalStatus.FEASIBLE)),
        )
        raw_ballots = Ballot.objects.filter(process=process).count()
        public = results_public(process)
        funded: list[FundedLine] = []
        funded_total = 0
        if public:
            results = budget_results(process=process)
            ids = [r.proposal_id for r in results.rows if r.funded]
            by_id = Proposal.objects.select_related("department").in_bulk(ids)
            updates = _implementations(process, set(ids))
            for pid in ids:
                p = by_id[pid]
                st = implementation_status(updates.get(pid, []))
                funded.append(
                    FundedLine(
                        title=p.title,
                        cost=p.cost or 0,
                        department=p.department.name if p.department else "",
                        implementation_status=st,
                        implementation_label=str(ImplementationStatus(st).label),
                    )
                )
            funded_total = results.funded_total
        shown = shown_count(raw_ballots)
        out.append(
            ProcessSummary(
                process_id=process.pk,
                title=process.title,
                forum_name=process.forum.name,
                phase=process.phase,
                phase_label=phase_label(process.phase),
                budget_total=process.budget_total,
                proposals=counts["total"],
                feasible=counts["feasible"],
                ballots=shown,
                ballots_written=count_text(shown) if shown is None else number(shown),
                results_out=public,
                funded=funded,
                funded_total=funded_total,
            )
        )
    return out


@dataclass(frozen=True)
class BudgetPeriodFigures:
    processes: int
    ballots: int | None  # suppressed
    proposals_funded: int
    proposals_done: int
    done_percent: float | None


def budget_period_figures(*, start: dt.date, end: dt.date) -> BudgetPeriodFigures:
    """For the follow-up: processes running in [start, end], ballots cast in it (suppressed),
    the proposals those processes fund and how many of them are done."""
    summaries = process_summaries(start=start, end=end)
    ballots = Ballot.objects.filter(cast_at__date__gte=start, cast_at__date__lte=end).count()
    funded = [line for s in summaries for line in s.funded]
    done = sum(1 for line in funded if line.implementation_status == ImplementationStatus.DONE)
    return BudgetPeriodFigures(
        processes=len(summaries),
        ballots=shown_count(ballots),
        proposals_funded=len(funded),
        proposals_done=done,
        done_percent=round(100 * done / len(funded), 1) if funded else None,
    )
