"""Ready-made sessions a youth worker starts from: data, written once, titles translatable.

Each template is a list of ActivityDrafts, made into a session by
``editing.live_session_from_template`` through the same service an editor uses, so a
template can never hold something the editor would refuse.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from forum.core.errors import UnknownTemplate
from forum.core.roles import Role
from forum.live.editing import ActivityDraft, live_activity_create
from forum.live.models import ActivityKind, LiveSession
from forum.live.services import live_session_prepare
from forum.participation.access import require_forum_staff
from forum.participation.models import Forum
from forum.polls.models import QuestionKind


@dataclass(frozen=True)
class SessionTemplate:
    key: str
    title: str | Promise
    description: str | Promise
    # A function, so the texts are translated in the language of the request that uses it.
    activities: Callable[[], list[ActivityDraft]]


def _check_in() -> list[ActivityDraft]:
    return [
        ActivityDraft(
            kind=ActivityKind.INFO_SLIDE,
            title=str(_("Welcome to the youth council")),
            body=str(_("Join with the code on the screen. Your answers are anonymous.")),
        ),
        ActivityDraft(
            kind=ActivityKind.WORD_CLOUD,
            question_text=str(_("How are you today, in one word?")),
        ),
        ActivityDraft(
            kind=ActivityKind.POLL_QUESTION,
            question_kind=QuestionKind.SCALE,
            question_text=str(_("How much energy do you have right now?")),
            config={
                "scale_min": 1,
                "scale_max": 5,
                "label_min": str(_("Tired")),
                "label_max": str(_("Full of energy")),
                "emoji": True,
            },
        ),
        ActivityDraft(kind=ActivityKind.QA, title=str(_("Questions before we start"))),
    ]


def _prioritise() -> list[ActivityDraft]:
    return [
        ActivityDraft(
            kind=ActivityKind.INFO_SLIDE,
            title=str(_("Which proposals should go to the committee?")),
            body=str(_("We pick the proposals that matter most to you.")),
        ),
        ActivityDraft(
            kind=ActivityKind.POLL_QUESTION,
            question_kind=QuestionKind.RANKING,
            question_text=str(_("Put the proposals in order, most important first")),
            options=[
                str(_("Proposal 1")),
                str(_("Proposal 2")),
                str(_("Proposal 3")),
            ],
        ),
        ActivityDraft(
            kind=ActivityKind.OPEN_WALL,
            question_text=str(_("What should the committee know about your choice?")),
        ),
        ActivityDraft(kind=ActivityKind.COUNTDOWN, title=str(_("Talk in pairs")), seconds=180),
    ]


def _participatory_budget() -> list[ActivityDraft]:
    return [
        ActivityDraft(
            kind=ActivityKind.INFO_SLIDE,
            title=str(_("Youth budget workshop")),
            body=str(_("Together we decide how to spend the money.")),
        ),
        ActivityDraft(
            kind=ActivityKind.IDEA_COLLECTION,
            board_question=str(_("What should the money be spent on?")),
        ),
        ActivityDraft(kind=ActivityKind.COUNTDOWN, title=str(_("Discuss the ideas")), seconds=300),
        ActivityDraft(
            kind=ActivityKind.POLL_QUESTION,
            question_kind=QuestionKind.MULTIPLE_CHOICE,
            question_text=str(_("Which ideas do you like most?")),
            options=[str(_("Idea 1")), str(_("Idea 2")), str(_("Idea 3"))],
        ),
        ActivityDraft(
            kind=ActivityKind.WORD_CLOUD,
            question_text=str(_("How did the workshop feel, in one word?")),
        ),
    ]


SESSION_TEMPLATES: tuple[SessionTemplate, ...] = (
    SessionTemplate(
        key="youth_council_check_in",
        title=_("Check-in for a youth council"),
        description=_("Welcome, a mood word cloud, an energy scale and questions."),
        activities=_check_in,
    ),
    SessionTemplate(
        key="prioritise_proposals",
        title=_("Prioritise proposals for the committee"),
        description=_("Rank the proposals, say why, and talk in pairs."),
        activities=_prioritise,
    ),
    SessionTemplate(
        key="participatory_budget",
        title=_("Youth budget workshop"),
        description=_("Collect ideas, discuss them, vote, and close with a word cloud."),
        activities=_participatory_budget,
    ),
)


def session_template(key: str) -> SessionTemplate:
    for template in SESSION_TEMPLATES:
        if template.key == key:
            return template
    raise UnknownTemplate(fields={"template": [_("There is no template with that name.")]})


BLANK_TEMPLATE = "blank"


def live_session_from_template(
    *,
    forum: Forum,
    actor: Any,
    template: str,
    title: str = "",
    idempotency_key: uuid.UUID | None = None,
) -> LiveSession:
    """A session being prepared, made in one step from a ready-made template (or blank,
    ``template="blank"``). A retry with the same key returns the first session."""
    require_forum_staff(actor, forum, Role.YOUTH_WORKER, write=True)
    chosen = None if template == BLANK_TEMPLATE else session_template(template)
    with transaction.atomic():
        session = live_session_prepare(
            forum=forum,
            actor=actor,
            title=title or (str(chosen.title) if chosen else str(_("New live session"))),
            idempotency_key=idempotency_key,
        )
        if chosen is None or session.activities.exists():
            return session
        for draft in chosen.activities():
            live_activity_create(session=session, actor=actor, draft=draft)
    session.refresh_from_db()
    return session
