"""The participatory budget endpoints, end to end: staff set up and review, phones vote."""

import io
import uuid
from typing import Any

import pytest
from django.conf import settings
from PIL import Image

from forum.budgets.models import (
    Ballot,
    BallotAccess,
    BallotMode,
    BudgetVotingCode,
    ImplementationUpdate,
    Phase,
    Proposal,
    ProposalParticipant,
    ProposalStatus,
)
from forum.core.models import Department
from forum.ideas.models import Support
from tests.factories import (
    BudgetProcessFactory,
    ForumFactory,
    IdeaBoardFactory,
    IdeaFactory,
    ParticipantFactory,
    ProposalFactory,
)

# Youth workers here run the forum under test; who may work where is tested in tests/api/forums.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

DATES = {
    "proposals": "2026-03-01",
    "review": "2026-04-01",
    "ballot": "2026-05-01",
    "results": "2026-06-01",
    "implementation": "2026-07-01",
    "closed": "2026-12-01",
}


def phone(client_for: Any) -> Any:
    return client_for(None)


def vote(client: Any, process_id: int, ids: list[int], **extra: Any) -> Any:
    body = {"proposal_ids": ids, "idempotency_key": str(uuid.uuid4()), **extra}
    return client.post(f"/api/budgets/{process_id}/ballot", body, format="json")


def test_staff_create_a_process_and_phones_see_it_by_forum(client_for: Any, official: Any) -> None:
    forum = ForumFactory(slug="husby")
    board = IdeaBoardFactory(forum=forum)
    response = client_for(official).post(
        "/api/staff/budgets",
        {
            "forum_id": forum.pk,
            "title": "Husbys budget",
            "budget_total": 100_000,
            "ballot_mode": "approval",
            "approval_cap": 3,
            "access": "both",
            "phase_dates": DATES,
            "proposal_board_id": board.pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["approval_cap"] == 3
    assert body["proposal_board_id"] == board.pk
    assert [p["phase"] for p in body["phases"]] == list(DATES)
    assert body["phases"][0]["current"]
    assert not body["phases"][0]["done"]
    listed = phone(client_for).get("/api/budgets?forum=husby").json()
    assert [(b["title"], b["unit"], b["forum"]["slug"]) for b in listed] == [
        ("Husbys budget", "kr", "husby")
    ]


def test_phase_dates_out_of_order_are_refused_and_nothing_is_made(
    client_for: Any, official: Any
) -> None:
    forum = ForumFactory()
    dates = {**DATES, "ballot": "2026-03-15"}
    response = client_for(official).post(
        "/api/staff/budgets",
        {
            "forum_id": forum.pk,
            "title": "B",
            "budget_total": 10,
            "ballot_mode": "knapsack",
            "access": "device",
            "phase_dates": dates,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "phase_dates" in response.json()["fields"]


def test_import_takes_published_ideas_with_authors_and_supporters(
    client_for: Any, youth_worker: Any
) -> None:
    board = IdeaBoardFactory()
    process = BudgetProcessFactory(forum=board.forum, proposal_board=board)
    idea = IdeaFactory(board=board)
    supporter = ParticipantFactory()
    Support.objects.create(idea=idea, participant=supporter)
    IdeaFactory(board=board, moderation_state="held")
    client = client_for(youth_worker)
    url = f"/api/staff/budgets/{process.pk}/proposals/import"
    assert client.post(url).json() == {"imported": 1}
    assert client.post(url).json() == {"imported": 0}
    proposal = Proposal.objects.get(process=process)
    assert proposal.idea_id == idea.pk
    assert set(ProposalParticipant.objects.values_list("participant_id", "role")) == {
        (idea.participant_id, "proposed"),
        (supporter.pk, "supported"),
    }


def test_review_is_for_officials_not_youth_workers(
    client_for: Any, youth_worker: Any, official: Any
) -> None:
    process = BudgetProcessFactory(phase=Phase.REVIEW)
    proposal = ProposalFactory(
        process=process,
        status=ProposalStatus.PROPOSED,
        cost=None,
        public_reason="",
        reviewed_at=None,
    )
    department = Department.objects.create(name="Kulturförvaltningen", level="administration")
    body = {
        "cost": 40_000,
        "department_id": department.pk,
        "feasible": True,
        "public_reason": "Parken sköts av kulturförvaltningen.",
    }
    url = f"/api/staff/budgets/proposals/{proposal.pk}/review"
    denied = client_for(youth_worker).put(url, body, format="json")
    assert denied.status_code == 403
    assert denied.json()["code"] == "permission_denied"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED
    ok = client_for(official).put(url, body, format="json")
    assert ok.status_code == 200, ok.json()
    assert ok.json()["department"] == {"id": department.pk, "name": "Kulturförvaltningen"}
    proposal.refresh_from_db()
    assert (proposal.status, proposal.cost) == (ProposalStatus.FEASIBLE, 40_000)


def test_review_outside_the_review_phase_is_refused(client_for: Any, official: Any) -> None:
    proposal = ProposalFactory(process__phase=Phase.BALLOT)
    response = client_for(official).put(
        f"/api/staff/budgets/proposals/{proposal.pk}/review",
        {"cost": 1, "department_id": None, "feasible": False, "public_reason": "Nej."},
        format="json",
    )
    assert (response.status_code, response.json()["code"]) == (409, "review_closed")


def test_a_ballot_within_budget_is_cast_once_and_the_same_key_returns_it(
    client_for: Any,
) -> None:
    process = BudgetProcessFactory(phase=Phase.BALLOT)
    a, b = ProposalFactory(process=process, cost=60_000), ProposalFactory(process=process)
    client = phone(client_for)
    key = str(uuid.uuid4())
    body = {"proposal_ids": [a.pk, b.pk], "idempotency_key": key}
    first = client.post(f"/api/budgets/{process.pk}/ballot", body, format="json")
    assert first.status_code == 201, first.json()
    again = client.post(f"/api/budgets/{process.pk}/ballot", body, format="json")
    assert again.status_code == 200
    assert again.json() == first.json()
    assert Ballot.objects.count() == 1
    second = vote(client, process.pk, [b.pk])
    assert (second.status_code, second.json()["code"]) == (409, "already_voted")
    page = client.get(f"/api/budgets/{process.pk}").json()
    assert sorted(page["my_ballot"]["proposal_ids"]) == sorted([a.pk, b.pk])
    assert page["results"] is None


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ("over", "over_budget"),
        ("infeasible", "proposal_not_on_ballot"),
        ("merged", "proposal_not_on_ballot"),
        ("empty", "empty_ballot"),
        ("closed", "ballot_closed"),
        ("cap", "too_many_choices"),
    ],
)
def test_a_refused_ballot_says_why_and_writes_nothing(
    client_for: Any, setup: str, code: str
) -> None:
    process = BudgetProcessFactory(phase=Phase.BALLOT)
    a = ProposalFactory(process=process, cost=60_000)
    b = ProposalFactory(process=process, cost=50_000)
    ids = [a.pk, b.pk]
    if setup == "infeasible":
        ids = [ProposalFactory(process=process, status=ProposalStatus.INFEASIBLE).pk]
    elif setup == "merged":
        ids = [ProposalFactory(process=process, status=ProposalStatus.MERGED, merged_into=a).pk]
    elif setup == "empty":
        ids = []
    elif setup == "closed":
        process.phase = Phase.REVIEW
        process.save()
        ids = [a.pk]
    elif setup == "cap":
        process.ballot_mode, process.approval_cap = BallotMode.APPROVAL, 1
        process.save()
        ids = [a.pk, ProposalFactory(process=process, cost=1).pk]
    response = vote(phone(client_for), process.pk, ids)
    assert response.json()["code"] == code
    assert 400 <= response.status_code < 500
    assert not Ballot.objects.exists()


def test_code_access_needs_a_code_and_a_code_is_spent_once(
    client_for: Any, youth_worker: Any
) -> None:
    process = BudgetProcessFactory(phase=Phase.BALLOT, access=BallotAccess.CODE)
    a = ProposalFactory(process=process)
    codes = client_for(youth_worker).post(
        f"/api/staff/budgets/{process.pk}/codes", {"count": 2}, format="json"
    )
    assert codes.status_code == 201
    code = codes.json()["codes"][0]
    no_code = vote(phone(client_for), process.pk, [a.pk])
    assert no_code.json()["code"] == "voting_code_required"
    assert vote(phone(client_for), process.pk, [a.pk], voting_code=code).status_code == 201
    reused = vote(phone(client_for), process.pk, [a.pk], voting_code=code)
    assert reused.json()["code"] == "voting_code_invalid"
    unknown = vote(phone(client_for), process.pk, [a.pk], voting_code="AAAAA-BBBBB")
    assert unknown.json()["code"] == "voting_code_invalid"
    assert Ballot.objects.get().channel == "code"
    assert BudgetVotingCode.objects.filter(used_at__isnull=False).count() == 1


def test_both_access_a_phone_that_voted_with_a_code_cannot_vote_again_as_device(
    client_for: Any, youth_worker: Any
) -> None:
    process = BudgetProcessFactory(phase=Phase.BALLOT, access=BallotAccess.BOTH)
    a = ProposalFactory(process=process)
    code = (
        client_for(youth_worker)
        .post(f"/api/staff/budgets/{process.pk}/codes", {"count": 1}, format="json")
        .json()["codes"][0]
    )
    client = phone(client_for)
    assert vote(client, process.pk, [a.pk], voting_code=code).status_code == 201
    assert vote(client, process.pk, [a.pk]).json()["code"] == "already_voted"
    assert vote(phone(client_for), process.pk, [a.pk]).status_code == 201
    assert sorted(Ballot.objects.values_list("channel", flat=True)) == ["code", "device"]


def test_phase_cannot_move_back_after_votes(client_for: Any, youth_worker: Any) -> None:
    process = BudgetProcessFactory(phase=Phase.BALLOT)
    a = ProposalFactory(process=process)
    client = client_for(youth_worker)
    url = f"/api/staff/budgets/{process.pk}/phase"
    assert client.post(url, {"phase": "review"}, format="json").status_code == 200
    assert client.post(url, {"phase": "ballot"}, format="json").status_code == 200
    assert vote(phone(client_for), process.pk, [a.pk]).status_code == 201
    back = client.post(url, {"phase": "review"}, format="json")
    assert (back.status_code, back.json()["code"]) == (409, "phase_backwards")
    process.refresh_from_db()
    assert process.phase == Phase.BALLOT


def test_results_hide_small_counts_and_fund_by_votes(client_for: Any) -> None:
    process = BudgetProcessFactory(phase=Phase.BALLOT, budget_total=100_000)
    popular = ProposalFactory(process=process, cost=70_000)
    second = ProposalFactory(process=process, cost=50_000)
    cheap = ProposalFactory(process=process, cost=30_000)
    for _ in range(6):
        assert vote(phone(client_for), process.pk, [popular.pk, cheap.pk]).status_code == 201
    assert vote(phone(client_for), process.pk, [second.pk]).status_code == 201
    process.phase = Phase.RESULTS
    process.save()
    results = phone(client_for).get(f"/api/budgets/{process.pk}").json()["results"]
    rows = {r["proposal_id"]: r for r in results["rows"]}
    # 6 votes each: the published tie-break puts the cheaper one first.
    assert (rows[cheap.pk]["rank"], rows[popular.pk]["rank"]) == (1, 2)
    assert rows[popular.pk]["votes"] == 6
    assert rows[popular.pk]["funded"]
    assert rows[cheap.pk]["funded"]
    assert rows[second.pk]["votes"] is None
    assert not rows[second.pk]["funded"]
    assert rows[second.pk]["votes_written"] == "färre än 5"
    assert (results["ballots"], results["funded_total"], results["remaining"]) == (7, 100_000, 0)


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (20, 120, 60)).save(out, format="PNG")
    return out.getvalue()


def test_updates_only_for_funded_proposals_with_a_public_photo(
    client_for: Any, youth_worker: Any
) -> None:
    process = BudgetProcessFactory(phase=Phase.BALLOT)
    funded = ProposalFactory(process=process, cost=90_000)
    unfunded = ProposalFactory(process=process, cost=90_000)
    for _ in range(5):
        vote(phone(client_for), process.pk, [funded.pk])
    client = client_for(youth_worker)
    url = f"/api/staff/budgets/proposals/{funded.pk}/updates"
    body = {"status": "in_progress", "happened_on": "2026-07-12", "text": "Bänkarna är beställda."}
    early = client.post(url, body)
    assert (early.status_code, early.json()["code"]) == (409, "not_funded")
    process.phase = Phase.IMPLEMENTATION
    process.save()
    other = client.post(f"/api/staff/budgets/proposals/{unfunded.pk}/updates", body)
    assert other.json()["code"] == "not_funded"
    photo = io.BytesIO(png())
    photo.name = "bank.png"
    made = client.post(url, {**body, "photo": photo, "photo_alt": "Två nya bänkar"})
    assert made.status_code == 201, made.json()
    page = phone(client_for).get(f"/api/budgets/{process.pk}").json()
    shown = next(p for p in page["proposals"] if p["id"] == funded.pk)["implementation"]
    assert shown["status"] == "in_progress"
    photo_url = shown["updates"][0]["photo_url"]
    assert phone(client_for).get(photo_url).status_code == 200
    assert ImplementationUpdate.objects.count() == 1


def test_merge_tells_the_proposer_on_mina_svar(client_for: Any, official: Any) -> None:
    process = BudgetProcessFactory(phase=Phase.REVIEW)
    target = ProposalFactory(process=process, title="Fler bänkar i Husby")
    duplicate = ProposalFactory(
        process=process,
        status=ProposalStatus.PROPOSED,
        cost=None,
        public_reason="",
        reviewed_at=None,
    )
    client = phone(client_for)
    client.get("/api/ideas/mine")  # no cookie yet: nothing to show
    proposer = ParticipantFactory(token="phone-token-1")
    ProposalParticipant.objects.create(proposal=duplicate, participant=proposer, role="proposed")
    merged = client_for(official).post(
        f"/api/staff/budgets/proposals/{duplicate.pk}/merge",
        {"into_id": target.pk, "public_reason": "det är samma sak."},
        format="json",
    )
    assert merged.status_code == 200, merged.json()
    assert merged.json()["merged_into"] == {"id": target.pk, "title": "Fler bänkar i Husby"}
    client.cookies[settings.PARTICIPANT_COOKIE_NAME] = "phone-token-1"
    mine = client.get("/api/ideas/mine", HTTP_ACCEPT_LANGUAGE="en").json()["budgets"]
    assert mine[0]["roles"] == ["proposed"]
    assert mine[0]["items"][0]["message"] == (
        "Your proposal was merged with “Fler bänkar i Husby”: det är samma sak."
    )


def test_patch_changes_one_date_and_refuses_new_ballot_rules_after_votes(
    client_for: Any, official: Any
) -> None:
    process = BudgetProcessFactory(phase=Phase.BALLOT)
    proposal = ProposalFactory(process=process)
    client = client_for(official)
    url = f"/api/staff/budgets/{process.pk}"
    moved = client.patch(url, {"phase_dates": {"closed": "2026-12-24"}}, format="json")
    assert moved.status_code == 200, moved.json()
    assert moved.json()["phases"][-1]["starts_on"] == "2026-12-24"
    assert vote(phone(client_for), process.pk, [proposal.pk]).status_code == 201
    locked = client.patch(url, {"budget_total": 5}, format="json")
    assert (locked.status_code, locked.json()["code"]) == (409, "ballot_rules_locked")
    assert client.patch(url, {"title": "Nytt namn"}, format="json").json()["title"] == "Nytt namn"
    process.refresh_from_db()
    assert process.budget_total == 100_000
