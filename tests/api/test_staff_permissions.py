"""Role checks on every staff endpoint: anonymous, wrong role, right role."""

import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLResolver, resolve

from forum.core.roles import Role
from forum.live.models import ActivityKind, LiveActivity, QaQuestion, QaStatus
from forum.moderation.models import ContentReport
from forum.polls.models import PollStatus, Question, QuestionKind, Response, TextStatus
from tests.api.assertions import assert_error, db_state
from tests.factories import (
    AgendaItemFactory,
    IdeaBoardFactory,
    IdeaCommentFactory,
    IdeaFactory,
    LiveSessionFactory,
    ParticipantFactory,
    PlanningItemFactory,
    PollFactory,
    UserFactory,
    poll_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # formatted with the `world` fixture
    allowed: tuple[Role, ...]
    wrong: Role | None  # None: a logged-in user with no role at all
    ok_status: int
    body: dict[str, Any] | None = None


ENDPOINTS = {
    "forum_list": Endpoint("get", "/api/forums", (Role.YOUTH_WORKER, Role.OFFICIAL), None, 200),
    "forum_languages": Endpoint(
        "put",
        "/api/forums/{forum}/languages",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        200,
        {"languages": ["sv", "ar"]},
    ),
    # Translations of staff texts: each kind by the role that writes it.
    "translations_missing": Endpoint(
        "get",
        "/api/translations/forums/{forum}/missing",
        (Role.YOUTH_WORKER, Role.OFFICIAL),
        None,
        200,
    ),
    "translations_question": Endpoint(
        "put",
        "/api/translations/questions/{question}",
        (Role.YOUTH_WORKER, Role.OFFICIAL),
        None,
        200,
        {"translations": {"en": {"text": "Which?"}}},
    ),
    "translations_board": Endpoint(
        "put",
        "/api/translations/boards/{board}",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        200,
        {"translations": {"en": {"question": "What is missing?"}}},
    ),
    "translations_activity": Endpoint(
        "put",
        "/api/translations/live/{code}/activities/{activity}",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        200,
        {"translations": {"en": {"title": "Ask us"}}},
    ),
    "translations_planning_item": Endpoint(
        "put",
        "/api/translations/planning-items/{item}",
        (Role.OFFICIAL,),
        Role.YOUTH_WORKER,
        200,
        {"translations": {"en": {"title": "More youth centres"}}},
    ),
    "forum_detail": Endpoint(
        "get", "/api/forums/{forum}", (Role.YOUTH_WORKER, Role.OFFICIAL), None, 200
    ),
    "live_session_start": Endpoint(
        "post",
        "/api/forums/{forum}/live-sessions",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        201,
        {"poll_id": "{draft_poll}"},
    ),
    "live_session_end": Endpoint(
        "post", "/api/live/{code}/end", (Role.YOUTH_WORKER,), Role.OFFICIAL, 200
    ),
    # idea boards and moderation
    "idea_boards_staff": Endpoint(
        "get", "/api/ideas/staff/boards", (Role.YOUTH_WORKER, Role.OFFICIAL), None, 200
    ),
    "idea_board_create": Endpoint(
        "post",
        "/api/ideas/staff/boards",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        201,
        {"forum_id": "{forum}", "question": "Vad saknas i Husby?"},
    ),
    "staff_board_ideas": Endpoint(
        "get",
        "/api/ideas/staff/boards/{board}/ideas",
        (Role.YOUTH_WORKER, Role.OFFICIAL),
        None,
        200,
    ),
    "moderation_queue": Endpoint(
        "get", "/api/ideas/staff/queue", (Role.YOUTH_WORKER,), Role.OFFICIAL, 200
    ),
    "idea_moderate": Endpoint(
        "post",
        "/api/ideas/staff/ideas/{held_idea}/moderate",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        200,
        {"action": "approve"},
    ),
    "comment_moderate": Endpoint(
        "post",
        "/api/ideas/staff/comments/{held_comment}/moderate",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        200,
        {"action": "approve"},
    ),
    "idea_reports_abuse": Endpoint(
        "post",
        "/api/ideas/staff/ideas/{reported_idea}/reports/abuse",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        200,
        {},
    ),
    "comment_reports_abuse": Endpoint(
        "post",
        "/api/ideas/staff/comments/{reported_comment}/reports/abuse",
        (Role.YOUTH_WORKER,),
        Role.COUNCIL_MEMBER,
        200,
        {},
    ),
    "idea_feedback": Endpoint(
        "post",
        "/api/ideas/staff/ideas/{idea}/feedback",
        (Role.YOUTH_WORKER, Role.OFFICIAL),
        None,
        201,
        {"status": "under_review", "text": "Vi läser din idé."},
    ),
    "ideas_waiting": Endpoint(
        "get", "/api/ideas/staff/waiting", (Role.YOUTH_WORKER, Role.OFFICIAL), None, 200
    ),
    "word_list_get": Endpoint(
        "get", "/api/moderation/word-lists/sv/hold", (Role.YOUTH_WORKER,), Role.OFFICIAL, 200
    ),
    "word_list_put": Endpoint(
        "put",
        "/api/moderation/word-lists/sv/hold",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        200,
        {"words": ["skit", "fan"]},
    ),
    # The review status of each translation: staff read it, admins mark it.
    "languages": Endpoint(
        "get", "/api/staff/languages", (Role.YOUTH_WORKER, Role.OFFICIAL), Role.COUNCIL_MEMBER, 200
    ),
    "language_review": Endpoint(
        "patch",
        "/api/staff/languages/ar",
        (),
        Role.OFFICIAL,
        200,
        {"reviewed": True, "note": "Läst av Amal"},
    ),
    "forum_moderation_get": Endpoint(
        "get", "/api/moderation/forums/{forum}", (Role.YOUTH_WORKER,), Role.OFFICIAL, 200
    ),
    "forum_moderation_put": Endpoint(
        "put",
        "/api/moderation/forums/{forum}",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        200,
        {"pre_moderation": False, "report_threshold": "5"},
    ),
    "live_control": Endpoint(
        "post",
        "/api/live/{code}/control",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        200,
        {"action": "reveal"},
    ),
    "live_activities": Endpoint(
        "post",
        "/api/live/{code}/activities",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        201,
        {"kind": "qa", "title": "Fråga oss"},
    ),
    "live_qa_moderate": Endpoint(
        "post",
        "/api/live/{code}/qa/{qa_question}/moderate",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        200,
        {"action": "approve"},
    ),
    "live_export": Endpoint(
        "get", "/api/live/{code}/export.csv", (Role.YOUTH_WORKER, Role.OFFICIAL), None, 200
    ),
    "live_export_pdf": Endpoint(
        "get", "/api/live/{code}/export.pdf", (Role.YOUTH_WORKER, Role.OFFICIAL), None, 200
    ),
    "live_console": Endpoint(
        "get", "/api/live/{code}/console", (Role.YOUTH_WORKER,), Role.OFFICIAL, 200
    ),
    "live_queue_moderate": Endpoint(
        "post",
        "/api/live/{code}/queue/moderate",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        200,
        {"action": "approve", "all": True},
    ),
    # word clouds and walls
    "live_answer_moderate": Endpoint(
        "post",
        "/api/live/{code}/answers/{held_answer}/moderate",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        200,
        {"action": "approve"},
    ),
    "live_open_text_questions": Endpoint(
        "get", "/api/live/{code}/open-text-questions", (Role.YOUTH_WORKER,), Role.OFFICIAL, 200
    ),
}


# Any ids do for resolving paths to URL names.
WORLD_SHAPE = {
    k: 1 for k in ("forum", "code", "poll", "draft_poll", "item", "meeting", "board", "idea")
} | {"held_idea": 1, "held_comment": 1, "qa_question": 1, "held_answer": 1, "code": "ABC123"}
WORLD_SHAPE |= {"reported_idea": 1, "reported_comment": 1, "question": 1, "activity": 1}


@pytest.fixture
def world() -> dict[str, Any]:
    session = LiveSessionFactory()
    draft = PollFactory(forum=session.forum, status=PollStatus.DRAFT, opened_at=None)
    agenda = AgendaItemFactory()
    qa = LiveActivity.objects.create(session=session, kind=ActivityKind.QA, position=1)
    held = QaQuestion.objects.create(
        activity=qa,
        participant=ParticipantFactory(),
        text="Får jag fråga?",
        status=QaStatus.HELD,
        idempotency_key=uuid.uuid4(),
    )
    wall_question = Question.objects.create(
        poll=poll_of(session), text="Vad saknas?", kind=QuestionKind.OPEN_TEXT, position=9
    )
    LiveActivity.objects.create(
        session=session, kind=ActivityKind.OPEN_WALL, question=wall_question, position=2
    )
    held_answer = Response.objects.create(
        question=wall_question,
        participant=ParticipantFactory(),
        answer={"text": "Ring mig"},
        text_status=TextStatus.HELD,
        idempotency_key=uuid.uuid4(),
    )
    board = IdeaBoardFactory(forum=session.forum)
    idea = IdeaFactory(board=board)
    reported_idea = IdeaFactory(board=board)
    reported_comment = IdeaCommentFactory(idea=idea)
    for item in (reported_idea, reported_comment):
        ContentReport.objects.create(
            content=item, participant=ParticipantFactory(), forum=session.forum
        )
    return {
        "reported_idea": reported_idea.pk,
        "reported_comment": reported_comment.pk,
        "question": wall_question.pk,
        "activity": qa.pk,
        "held_answer": held_answer.pk,
        "qa_question": held.pk,
        "board": board.pk,
        "idea": idea.pk,
        "held_idea": IdeaFactory(board=board, moderation_state="held").pk,
        "held_comment": IdeaCommentFactory(idea=idea, moderation_state="held").pk,
        "forum": session.forum.pk,
        "code": session.join_code,
        "poll": session.current_poll_id,
        "draft_poll": draft.pk,
        "item": PlanningItemFactory().pk,
        "meeting": agenda.meeting_id,
    }


def call(client, endpoint: Endpoint, world: dict[str, Any]):
    path = endpoint.path.format(**world)
    body = None
    if endpoint.body is not None:
        body = {
            k: (int(v.format(**world)) if k.endswith(("_id", "threshold")) else v)
            for k, v in endpoint.body.items()
        }
    return getattr(client, endpoint.method)(path, body, format="json")


@pytest.mark.parametrize("name", ENDPOINTS)
def test_anonymous_is_not_authenticated(name, world, client_for) -> None:
    before = db_state()

    assert_error(call(client_for(None), ENDPOINTS[name], world), 401, "not_authenticated")
    assert db_state() == before


@pytest.mark.parametrize("name", ENDPOINTS)
def test_wrong_role_is_permission_denied(name, world, client_for) -> None:
    endpoint = ENDPOINTS[name]
    user = UserFactory(roles=[endpoint.wrong] if endpoint.wrong else [])
    before = db_state()

    assert_error(call(client_for(user), endpoint, world), 403, "permission_denied")
    assert db_state() == before


@pytest.mark.parametrize(
    ("name", "role"),
    [(name, role) for name, e in ENDPOINTS.items() for role in (*e.allowed, Role.ADMIN)],
)
def test_right_role_is_allowed(name, role, world, client_for) -> None:
    endpoint = ENDPOINTS[name]

    response = call(client_for(UserFactory(roles=[role])), endpoint, world)

    assert response.status_code == endpoint.ok_status, response.content[:300]


# Endpoints whose roles (every identity, staff of another forum included) are pinned in the
# authorization matrix (tests/api/authorization_matrix.py) and tested in their own folders:
# participatory budgets, departments and workshops entered by hand.
MATRIX_URL_NAMES = {
    "staff-audit",
    "staff-audit-csv",
    "budgets",
    "budget",
    "budget-ballot",
    "budget-update-photo",
    "staff-budgets",
    "staff-budget",
    "staff-budget-phase",
    "staff-budget-proposals",
    "staff-budget-proposals-import",
    "staff-budget-proposal-review",
    "staff-budget-proposal-merge",
    "staff-budget-proposal-updates",
    "staff-budget-codes",
    "staff-budget-code-slips",
    "staff-department-detail",
    "staff-department-archive",
    "staff-department-import",
    "staff-forum-workshops",
    "staff-workshop",
    "council-workshops",
}


def test_every_staff_url_is_covered() -> None:
    from api import urls
    from tests.api.council.test_permissions import (
        COUNCIL_PUBLIC_URL_NAMES,
        COUNCIL_STAFF_URL_NAMES,
    )
    from tests.api.forums.test_staff_forums_api import FORUM_ADMIN_URL_NAMES
    from tests.api.live.test_prepare_permissions import (
        LIVE_PREP_PUBLIC_URL_NAMES,
        LIVE_PREP_STAFF_URL_NAMES,
    )
    from tests.api.polls.test_permissions import PUBLIC_URL_NAMES, STAFF_URL_NAMES

    staff_names = {
        "forums",
        "forum-detail",
        "forum-languages",
        "translations-missing",
        "translations-question",
        "translations-board",
        "translations-activity",
        "translations-planning-item",
        "forum-live-sessions",
        "live-session-end",
        "staff-idea-boards",
        "staff-board-ideas",
        "moderation-queue",
        "idea-moderate",
        "comment-moderate",
        "idea-reports-abuse",
        "comment-reports-abuse",
        "idea-feedback",
        "ideas-waiting",
        "word-list",
        "staff-languages",
        "staff-language-review",
        "forum-moderation",
        "live-control",
        "live-activities",
        "live-qa-moderate",
        "live-answer-moderate",
        "live-queue-moderate",
        "live-open-text-questions",
        "live-console",
        "live-export",
    }
    public_names = {
        "schema",
        "docs",
        "auth-me",
        "auth-login",
        "auth-logout",
        "auth-mfa",
        "auth-mfa-verify",
        "auth-mfa-totp-start",
        "auth-mfa-totp-confirm",
        "auth-mfa-recovery-codes",
        "join",
        "live-session",
        "live-session-qr",
        "question-responses",
        "idea-boards",
        "idea-board",
        "idea-board-ideas",
        "my-participation",
        "idea-detail",
        "idea-photo",
        "idea-support",
        "idea-comments",
        "idea-report",
        "comment-report",
        "live-answers",
        "live-qa",
        "live-qa-upvotes",
        # 'About you' of a forum, by the device's cookie (tests/api/participation).
        "about-you",
        "about-you-skip",
        # A phone's personal code for moving 'Mina svar' (tests/api/participants).
        "personal-code",
        "personal-code-show",
        "participant-transfer",
        "participant-erase",
        # Opting in and out of 'you said, we did' notices (tests/api/push).
        "push-status",
        "push-subscription",
        "push-subscription-detail",
        # The public transparency pages: no login (tests/api/public).
        "public-forums",
        "public-forum",
        "public-followup",
    }
    named = url_names(urls.urlpatterns)

    # A new endpoint must be added to ENDPOINTS (staff) or consciously to the public list;
    # poll and council endpoints are classified (and their roles tested) in their folders.
    assert named == (
        staff_names
        | public_names
        | STAFF_URL_NAMES
        | PUBLIC_URL_NAMES
        | COUNCIL_STAFF_URL_NAMES
        | COUNCIL_PUBLIC_URL_NAMES
        | LIVE_PREP_STAFF_URL_NAMES
        | LIVE_PREP_PUBLIC_URL_NAMES
        | FORUM_ADMIN_URL_NAMES
        | MATRIX_URL_NAMES
    )
    covered = {
        name
        for name in staff_names
        if any(resolve(e.path.format(**WORLD_SHAPE)).url_name == name for e in ENDPOINTS.values())
    }
    assert covered == staff_names


def url_names(patterns: list[Any]) -> set[str]:
    """Every named URL, including those of included modules (api/polls/urls.py...)."""
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= url_names(pattern.url_patterns)
        elif getattr(pattern, "name", None):
            names.add(pattern.name)
    return names
