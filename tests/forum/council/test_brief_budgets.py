"""Participatory budgets in the brief and the follow-up: every sentence is a claim the
figures beside it back."""

import dataclasses
import datetime as dt
import uuid

import pytest
from django.utils import timezone, translation

from forum.budgets.models import ImplementationUpdate, Phase, ProposalStatus
from forum.budgets.services import ballot_cast
from forum.core.models import Department
from forum.council.brief import brief_build
from forum.council.briefdata import brief_from_json, brief_to_json
from forum.council.followup import followup_report
from tests.factories import (
    BudgetProcessFactory,
    MeetingFactory,
    ParticipantFactory,
    ProposalFactory,
)

pytestmark = pytest.mark.django_db


def _running(today: dt.date, **fields: object) -> dict[str, object]:
    return {
        "proposals_on": today - dt.timedelta(days=60),
        "review_on": today - dt.timedelta(days=40),
        "ballot_on": today - dt.timedelta(days=20),
        "results_on": today - dt.timedelta(days=10),
        "implementation_on": today - dt.timedelta(days=5),
        "closed_on": today + dt.timedelta(days=100),
        **fields,
    }


def _votes(process: object, proposal_ids: list[int], n: int) -> None:
    for _ in range(n):
        ballot_cast(
            process=process,  # type: ignore[arg-type]
            participant=ParticipantFactory(),
            proposal_ids=proposal_ids,
            voting_code=None,
            idempotency_key=uuid.uuid4(),
        )


def test_brief_lists_a_budget_of_its_period_with_funded_proposals_and_their_status() -> None:
    today = timezone.localdate()
    process = BudgetProcessFactory(
        title="Husbys budget", forum__name="Husby forum", phase=Phase.BALLOT, **_running(today)
    )
    department = Department.objects.create(name="Fritid", level="administration")
    funded = ProposalFactory(process=process, title="Bänkar", cost=60_000, department=department)
    left_out = ProposalFactory(process=process, title="Scen", cost=70_000)
    ProposalFactory(process=process, status=ProposalStatus.INFEASIBLE, cost=None)
    _votes(process, [funded.pk], 6)
    _votes(process, [left_out.pk], 2)
    process.phase = Phase.IMPLEMENTATION
    process.save()
    ImplementationUpdate.objects.create(
        proposal=funded, status="done", happened_on=today, text="Klart."
    )
    BudgetProcessFactory(  # closed long before the period: not in this brief
        proposals_on=dt.date(2020, 1, 1),
        review_on=dt.date(2020, 1, 2),
        ballot_on=dt.date(2020, 1, 3),
        results_on=dt.date(2020, 1, 4),
        implementation_on=dt.date(2020, 1, 5),
        closed_on=dt.date(2020, 2, 1),
    )
    with translation.override("en"):
        brief = brief_build(meeting=MeetingFactory())
    [section] = brief.budgets
    assert (section.proposals, section.feasible, section.ballots) == (3, 2, 8)
    assert [f.title for f in section.funded] == ["Bänkar"]
    assert section.sentences == [
        "Husbys budget (Husby forum): phase “Implementation”, budget 100,000 kr.",
        "3 proposals, 2 of them feasible after review.",
        "Ballots cast: 8.",
        "1 proposal funded, 60,000 kr in all.",
        "Bänkar: 60,000 kr, Fritid. Implementation: Done.",
    ]


def test_brief_hides_fewer_than_five_ballots_and_says_results_are_not_out() -> None:
    today = timezone.localdate()
    process = BudgetProcessFactory(phase=Phase.BALLOT, **_running(today))
    _votes(process, [ProposalFactory(process=process).pk], 3)
    with translation.override("en"):
        [section] = brief_build(meeting=MeetingFactory()).budgets
    assert section.ballots is None
    assert section.sentences[2:] == ["Ballots cast: fewer than 5.", "The results are not out yet."]
    assert section.funded == []


def test_a_stored_brief_from_before_budgets_loads_with_none() -> None:
    brief = brief_build(meeting=MeetingFactory())
    stored = brief_to_json(brief)
    stored.pop("budgets")
    assert brief_from_json(stored).budgets == []
    assert dataclasses.asdict(brief_from_json(brief_to_json(brief)))["budgets"] == []


def test_followup_counts_budgets_ballots_and_the_done_share() -> None:
    today = timezone.localdate()
    process = BudgetProcessFactory(phase=Phase.BALLOT, **_running(today))
    a = ProposalFactory(process=process, cost=40_000)
    b = ProposalFactory(process=process, cost=40_000)
    _votes(process, [a.pk, b.pk], 5)
    process.phase = Phase.IMPLEMENTATION
    process.save()
    ImplementationUpdate.objects.create(proposal=a, status="done", happened_on=today, text="Klart.")
    with translation.override("en"):
        report = followup_report(start=today - dt.timedelta(days=365), end=today)
    budgets = report.budgets
    assert budgets is not None
    assert (budgets.processes, budgets.ballots, budgets.proposals_funded) == (1, 5, 2)
    assert (budgets.proposals_done, budgets.done_percent) == (1, 50.0)
    assert budgets.sentences == [
        "1 participatory budget ran in the period.",
        "Ballots cast in the period: 5.",
        "2 proposals were funded; 1 of them done (50 %).",
    ]


def test_brief_and_followup_pdfs_print_the_budget_sentences() -> None:
    from django.template.loader import render_to_string

    from forum.council.exports import brief_pdf, followup_pdf

    today = timezone.localdate()
    BudgetProcessFactory(title="Husbys budget", **_running(today))
    brief = brief_build(meeting=MeetingFactory())
    assert brief_pdf(brief).startswith(b"%PDF")
    report = followup_report(start=today - dt.timedelta(days=30), end=today)
    assert followup_pdf(report).startswith(b"%PDF")
    html = render_to_string("council/brief_pdf.html", {"brief": brief, "items": []})
    assert "Husbys budget" in html
    assert brief.budgets[0].sentences[1] in html
