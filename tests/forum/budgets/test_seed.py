import pytest
from django.core.management import call_command

from forum.budgets.models import BudgetProcess, ImplementationUpdate, Phase, ProposalStatus
from forum.budgets.selectors import budget_results, funded_proposal_ids

pytestmark = pytest.mark.django_db


def test_seed_demo_holds_a_finished_budget_with_results_and_a_done_update_with_a_photo() -> None:
    call_command("seed_demo", quiet=True)
    call_command("seed_demo", quiet=True)

    [finished] = BudgetProcess.objects.filter(title="Medborgarbudget Järva 2025")
    assert finished.phase == Phase.CLOSED
    results = budget_results(process=finished)
    assert results.ballots == 16
    assert 0 < results.funded_total <= finished.budget_total
    funded = funded_proposal_ids(process=finished)
    updates = ImplementationUpdate.objects.filter(proposal__process=finished)
    assert {u.proposal_id for u in updates} <= funded
    done = updates.get(status="done")
    assert done.photo is not None
    assert done.photo_alt


def test_seed_demo_holds_a_running_budget_in_its_ballot_phase_from_the_idea_board() -> None:
    call_command("seed_demo", quiet=True)
    call_command("seed_demo", quiet=True)

    [running] = BudgetProcess.objects.filter(title="Medborgarbudget Tensta centrum 2026")
    assert running.phase == Phase.BALLOT
    assert running.proposal_board is not None
    statuses = sorted(running.proposals.values_list("status", flat=True))
    assert statuses == sorted(
        [
            ProposalStatus.FEASIBLE,
            ProposalStatus.FEASIBLE,
            ProposalStatus.INFEASIBLE,
            ProposalStatus.MERGED,
        ]
    )
    assert running.proposals.filter(idea__isnull=False).count() == 3
    merged = running.proposals.get(status=ProposalStatus.MERGED)
    assert merged.people.filter(role="proposed").count() == 1
