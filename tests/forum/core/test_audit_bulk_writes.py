"""Staff writes done in bulk (bulk_create, update()) send no model signals: each service call
writes one audit entry itself, with the figures or how many (decision 0055)."""

from typing import Any

import pytest
from django.utils import timezone

from forum.budgets.models import BallotAccess, Phase, ProposalStatus
from forum.budgets.services import proposal_merge
from forum.budgets.services import voting_codes_generate as budget_codes_generate
from forum.core.models import AuditAction, AuditEntry
from forum.live.models import ActivityKind, LiveActivity
from forum.live.services import (
    WorkshopInput,
    WorkshopOptionInput,
    live_activities_reorder,
    live_activity_add,
    live_session_prepare,
    live_session_start,
    workshop_create,
    workshop_update,
)
from forum.polls.models import AccessMode, Option
from forum.polls.services import QuestionSpec, poll_create, question_rewrite, voting_codes_generate
from tests.factories import BudgetProcessFactory, ForumFactory, PollFactory, ProposalFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def entry_of(object_type: str) -> AuditEntry:
    [entry] = AuditEntry.objects.filter(object_type=object_type)
    return entry


def _workshop(counts: list[int], quotes: list[str]) -> WorkshopInput:
    return WorkshopInput(
        title="Vad saknar du på fritidsgården?",
        method="sticky_notes",
        held_on=timezone.localdate(),
        place="Husby träff",
        participants=20,
        choice="single",
        options=[
            WorkshopOptionInput(text=f"Alternativ {i}", count=c) for i, c in enumerate(counts)
        ],
        quotes=quotes,
    )


def test_a_workshops_figures_are_logged_and_its_quotes_only_counted(youth_worker: Any) -> None:
    quote = "Vi vill ha öppet längre på fredagar."
    workshop = workshop_create(
        forum=ForumFactory(), data=_workshop([9, 6], [quote]), actor=youth_worker
    )
    workshop_update(workshop=workshop, data=_workshop([9, 7], []), actor=youth_worker)

    entries = list(AuditEntry.objects.filter(object_type="live.offlineoption").order_by("id"))
    assert [(e.action, e.actor_id, e.forum_id) for e in entries] == [
        (AuditAction.CREATE, youth_worker.pk, workshop.forum_id),
        (AuditAction.UPDATE, youth_worker.pk, workshop.forum_id),
    ]
    assert entries[0].detail["options"] == [["Alternativ 0", 9], ["Alternativ 1", 6]]
    assert (entries[0].detail["quotes"], entries[1].detail["quotes"]) == (1, 0)
    assert entries[1].detail["options"] == [["Alternativ 0", 9], ["Alternativ 1", 7]]
    assert quote not in str(list(AuditEntry.objects.values_list("changes", "detail")))


def test_voting_codes_are_logged_by_count_never_the_codes(youth_worker: Any) -> None:
    poll = PollFactory(access_mode=AccessMode.CODE)
    process = BudgetProcessFactory(phase=Phase.BALLOT, access=BallotAccess.BOTH)

    codes = voting_codes_generate(poll=poll, count=3, actor=youth_worker)
    codes += budget_codes_generate(process=process, count=2, actor=youth_worker)

    poll_entry = entry_of("polls.votingcode")
    assert (poll_entry.action, poll_entry.actor_id) == (AuditAction.CREATE, youth_worker.pk)
    assert (poll_entry.detail["count"], poll_entry.forum_id) == (3, poll.forum_id)
    budget_entry = entry_of("budgets.budgetvotingcode")
    assert (budget_entry.detail["count"], budget_entry.forum_id) == (2, process.forum_id)
    logged = str(list(AuditEntry.objects.values_list("changes", "detail")))
    assert not any(code.replace("-", "") in logged.replace("-", "") for code in codes)


def test_a_polls_options_are_logged_on_create_and_rewrite(youth_worker: Any) -> None:
    poll = poll_create(
        forum=ForumFactory(),
        title="Fritidsgården",
        questions=[QuestionSpec(text="Vilken dag?", options=["Lördag", "Söndag"])],
        actor=youth_worker,
    )
    question = poll.questions.get()
    question_rewrite(
        question=question,
        spec=QuestionSpec(text="Vilken kväll?", options=["Fredag", "Lördag", "Söndag"]),
        actor=youth_worker,
    )

    entries = list(AuditEntry.objects.filter(object_type="polls.option").order_by("id"))
    key = str(question.pk)
    assert [(e.action, e.detail["options"]) for e in entries] == [
        (AuditAction.CREATE, {key: ["Lördag", "Söndag"]}),
        (AuditAction.UPDATE, {key: ["Fredag", "Lördag", "Söndag"]}),
    ]
    assert Option.objects.filter(question=question).count() == 3


def test_proposals_following_a_merged_one_are_logged(official: Any) -> None:
    process = BudgetProcessFactory(phase=Phase.REVIEW)
    into, duplicate, earlier = (ProposalFactory(process=process) for _ in range(3))
    earlier.status, earlier.merged_into = ProposalStatus.MERGED, duplicate
    earlier.save()

    proposal_merge(proposal=duplicate, into=into, public_reason="Samma förslag.", actor=official)

    entry = entry_of("budgets.proposal")
    assert (entry.action, entry.actor_id) == (AuditAction.UPDATE, official.pk)
    assert entry.changes == {"merged_into": [duplicate.pk, into.pk]}
    assert entry.detail["proposals"] == [earlier.pk]


def test_the_activities_a_live_session_starts_with_are_logged(youth_worker: Any) -> None:
    poll = PollFactory()
    started = live_session_start(forum=poll.forum, poll=poll, actor=youth_worker)
    created = entry_of("live.liveactivity")
    assert (created.action, created.detail["session"]) == (AuditAction.CREATE, started.pk)
    assert len(created.detail["questions"]) == started.activities.count() >= 1


def test_a_new_order_of_a_sessions_activities_is_logged(youth_worker: Any) -> None:
    draft = live_session_prepare(forum=ForumFactory(), actor=youth_worker, title="Torsdag")
    for title in ("Frågor", "Mer frågor"):
        live_activity_add(session=draft, actor=youth_worker, kind=ActivityKind.QA, title=title)
    draft.refresh_from_db()
    ids = list(LiveActivity.objects.filter(session=draft).values_list("pk", flat=True))
    live_activities_reorder(session=draft, actor=youth_worker, order=ids[::-1])

    moved = entry_of("live.liveactivity")
    assert (moved.action, moved.changes) == (AuditAction.UPDATE, {"order": [ids, ids[::-1]]})
