"""Youth workers run the budgets of their own forums only (docs/decisions/0049)."""

from typing import Any

import pytest

from forum.budgets.models import BudgetProcess
from tests.factories import BudgetProcessFactory, ForumFactory

pytestmark = pytest.mark.django_db

DATES = {
    "proposals": "2026-03-01",
    "review": "2026-04-01",
    "ballot": "2026-05-01",
    "results": "2026-06-01",
    "implementation": "2026-07-01",
    "closed": "2026-12-01",
}


def test_a_youth_worker_cannot_start_a_budget_in_another_forum(
    client_for: Any, youth_worker: Any
) -> None:
    ForumFactory(name="Eget forum", staff=[youth_worker])
    other = ForumFactory(name="Annat forum")
    body = {
        "forum_id": other.pk,
        "title": "Inte min budget",
        "budget_total": 50_000,
        "ballot_mode": "knapsack",
        "access": "device",
        "phase_dates": DATES,
    }

    response = client_for(youth_worker).post("/api/staff/budgets", body, format="json")

    assert response.status_code == 404, response.json()
    assert response.json()["code"] == "not_found"
    assert not BudgetProcess.objects.exists()


def test_a_youth_worker_lists_and_opens_only_the_budgets_of_their_forums(
    client_for: Any, youth_worker: Any
) -> None:
    mine = BudgetProcessFactory(forum=ForumFactory(name="Eget forum", staff=[youth_worker]))
    theirs = BudgetProcessFactory(forum=ForumFactory(name="Annat forum"))
    client = client_for(youth_worker)

    listed = client.get("/api/staff/budgets").json()

    assert [p["id"] for p in listed] == [mine.pk]
    assert client.get(f"/api/staff/budgets/{theirs.pk}").status_code == 404
    assert client.get(f"/api/staff/budgets/{mine.pk}").status_code == 200
