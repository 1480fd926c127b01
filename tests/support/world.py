"""A realistic database and the six identities that attack it (fuzzing, authorization matrix).

The demo data (seed_demo: a running and a prepared live session, polls, an idea board,
planning items, a meeting) plus what it lacks: a poll with every question kind, a draft
poll, a self-paced session of every kind, comments, Q&A, links, a quote and a published
brief. ``World.ids`` maps each URL parameter name to real values, so generated paths hit
real objects.
"""

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.test import Client
from rest_framework.throttling import SimpleRateThrottle

from config.management.commands.seed_demo import demo_picture
from forum.budgets.models import BudgetProcess, ImplementationUpdate, Proposal
from forum.core.models import Department
from forum.core.roles import Role
from forum.council.models import AgendaItem, BriefQuote, Meeting, PlanningItem, PlanningLink
from forum.council.services import (
    brief_quote_add,
    meeting_brief_publish,
    planning_link_create,
)
from forum.ideas.models import Comment, Idea, IdeaBoard
from forum.live.models import (
    ActivityKind,
    LiveActivity,
    LiveSession,
    OfflineWorkshop,
    QaQuestion,
    QaStatus,
)
from forum.live.services import live_activity_image_set
from forum.participation.models import Forum, ForumStaff
from forum.participation.services import participant_create
from forum.polls.models import Poll, PollStatus, Question, Response
from forum.polls.services import poll_image_set
from tests.factories import (
    ForumFactory,
    IdeaCommentFactory,
    PollFactory,
    UserFactory,
    all_kinds_poll,
    answer_poll,
    live_session_all_kinds,
)
from tests.support.mfa import staff_login

# other_forum_worker: a youth worker who is staff of another forum only (decision 0049).
IDENTITIES = (
    "anonymous",
    "phone",
    "youth_worker",
    "official",
    "council_member",
    "admin",
    "other_forum_worker",
)
STAFF_ROLES = {
    "youth_worker": Role.YOUTH_WORKER,
    "official": Role.OFFICIAL,
    "council_member": Role.COUNCIL_MEMBER,
    "admin": Role.ADMIN,
    "other_forum_worker": Role.YOUTH_WORKER,
}
RUNNING_CODE = "FIKA42"  # seed_demo: running, presenter-paced
DRAFT_CODE = "TENSTA"  # seed_demo: still being prepared


@dataclass
class World:
    ids: dict[str, list[Any]] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)


def unthrottled(monkeypatch: Any) -> None:
    """Rates no test run reaches: a throttled fuzzer only ever sees 429. DRF copies the rates
    into the throttle classes at import, so the class attribute is what counts."""
    rates = {scope: "1000000/min" for scope in settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)


def build_world() -> World:
    call_command("seed_demo", quiet=True)
    world = World()
    for name, role in STAFF_ROLES.items():
        world.users[name] = UserFactory(username=f"fuzz-{name}", roles=[role])
    official, worker = world.users["official"], world.users["youth_worker"]

    demo_forum = Forum.objects.get(slug="ungdomsforum-jarva")
    # The youth worker works in the forums under test; the other one only in its own forum.
    for forum in Forum.objects.all():
        ForumStaff.objects.get_or_create(forum=forum, user=worker)
    ForumFactory(name="Annat forum", staff=[world.users["other_forum_worker"]])
    kinds_poll = all_kinds_poll(forum=demo_forum)
    answer_poll(PollFactory(forum=demo_forum, title="Stängd enkät", status=PollStatus.CLOSED))
    PollFactory(forum=demo_forum, title="Utkast", status=PollStatus.DRAFT, opened_at=None)
    all_kinds_session, _worker = live_session_all_kinds()
    ForumStaff.objects.get_or_create(forum=all_kinds_session.forum, user=worker)

    idea = Idea.objects.filter(moderation_state="published").order_by("pk").first()
    assert idea is not None
    IdeaCommentFactory(idea=idea)
    IdeaCommentFactory(idea=idea, moderation_state="held")
    running = LiveSession.objects.get(join_code=RUNNING_CODE)
    qa = running.activities.get(kind=ActivityKind.QA)
    # Straight to the model: the session is presenter-paced and its Q&A not current yet.
    QaQuestion.objects.create(
        activity=qa,
        participant=participant_create()[0],
        text="Varför stänger gården klockan nio?",
        status=QaStatus.PUBLISHED,
        idempotency_key=uuid.uuid4(),
    )

    item = PlanningItem.objects.order_by("pk").first()
    assert item is not None
    planning_link_create(planning_item=item, poll=kinds_poll, note="", actor=official)
    planning_link_create(planning_item=item, idea=idea, note="Viktig", actor=official)
    planning_link_create(planning_item=item, board=idea.board, note="", actor=official)
    planning_link_create(planning_item=item, activity=qa, note="", actor=official)
    # Pictures, so the image endpoints serve a file rather than not_found.
    picture = demo_picture()
    poll_image_set(poll=kinds_poll, data=picture, alt="Ett torg i kvällsljus", actor=official)
    slide = running.activities.get(kind=ActivityKind.INFO_SLIDE)
    live_activity_image_set(
        session=running, activity_id=slide.pk, data=picture, alt="Ett torg", actor=worker
    )
    Idea.objects.filter(pk=idea.pk).update(
        photo=picture, photo_type="image/png", photo_width=960, photo_height=540
    )

    agenda_item = AgendaItem.objects.get(planning_item=item)
    brief_quote_add(agenda_item=agenda_item, source_kind="idea", source_id=idea.pk, actor=official)
    meeting_brief_publish(meeting=agenda_item.meeting, changelog="", actor=official)

    ids = world.ids
    ids["forum_id"] = list(Forum.objects.values_list("pk", flat=True))
    ids["slug"] = list(Forum.objects.values_list("slug", flat=True))
    ids["poll_id"] = list(Poll.objects.values_list("pk", flat=True))
    ids["question_id"] = [
        *Question.objects.values_list("pk", flat=True),
        *QaQuestion.objects.values_list("pk", flat=True),
    ]
    ids["board_id"] = list(IdeaBoard.objects.values_list("pk", flat=True))
    ids["idea_id"] = list(Idea.objects.values_list("pk", flat=True))
    ids["comment_id"] = list(Comment.objects.values_list("pk", flat=True))
    ids["item_id"] = list(PlanningItem.objects.values_list("pk", flat=True))
    # The meeting with the published brief first: the matrix reads it as a council member.
    ids["meeting_id"] = [
        agenda_item.meeting_id,
        *Meeting.objects.exclude(pk=agenda_item.meeting_id).values_list("pk", flat=True),
    ]
    ids["agenda_item_id"] = list(AgendaItem.objects.values_list("pk", flat=True))
    ids["quote_id"] = list(BriefQuote.objects.values_list("pk", flat=True))
    ids["response_id"] = list(Response.objects.values_list("pk", flat=True))
    ids["activity_id"] = list(LiveActivity.objects.values_list("pk", flat=True))
    ids["link_id"] = list(PlanningLink.objects.values_list("pk", flat=True))
    ids["workshop_id"] = list(OfflineWorkshop.objects.values_list("pk", flat=True))
    ids["content_id"] = ids["poll_id"] + ids["board_id"] + ids["idea_id"]
    ids["code"] = list(LiveSession.objects.values_list("join_code", flat=True))
    ids["kind"] = ["poll", "idea", "board", "activity"]
    ids["language"] = ["sv", "en"]
    ids["department_id"] = list(Department.objects.values_list("pk", flat=True))
    ids["action"] = ["block", "hold", "open", "close", "schedule", "archive", "reveal"]
    ids["fmt"] = ["csv", "xlsx", "pdf"]
    # seed_demo: the running budget (ballot phase) first, then the finished one.
    running_budget = BudgetProcess.objects.get(phase="ballot")
    ids["process_id"] = [
        running_budget.pk,
        *BudgetProcess.objects.exclude(pk=running_budget.pk).values_list("pk", flat=True),
    ]
    ids["proposal_id"] = list(Proposal.objects.values_list("pk", flat=True))
    ids["update_id"] = list(
        ImplementationUpdate.objects.filter(photo__isnull=False).values_list("pk", flat=True)
    )
    ids["file_format"] = ["csv", "xlsx", "pdf"]
    ids["name"] = ["results.csv", "results.xlsx", "raw.csv"]
    return world


def client_as(identity: str, world: World) -> Client:
    """A client as this identity, with CSRF checks on as in production: staff send the
    token Django set in the csrftoken cookie (GET /api/auth/me sets it), as the SPA does."""
    client = Client(enforce_csrf_checks=True)
    if identity == "phone":
        joined = client.post("/api/join", {"code": RUNNING_CODE}, content_type="application/json")
        assert joined.status_code == 200, joined.content
        assert settings.PARTICIPANT_COOKIE_NAME in client.cookies
    elif identity in STAFF_ROLES:
        staff_login(client, world.users[identity])
        client.get("/api/auth/me")
        client.defaults["HTTP_X_CSRFTOKEN"] = client.cookies["csrftoken"].value
    return client
