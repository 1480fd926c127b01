"""The council loop in public: a forum's published briefs and decisions, and the yearly
follow-up, for anyone without a login; nothing unpublished, nobody named, no count under 5."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from forum.council.models import BriefVersion, InputUsage, MeetingState
from forum.council.services import LinkUsage, decision_record, meeting_brief_publish
from forum.moderation.models import ModerationState
from forum.polls.models import PollStatus
from tests.api.assertions import assert_error
from tests.factories import (
    AgendaItemFactory,
    ForumFactory,
    IdeaBoardFactory,
    IdeaFactory,
    MeetingFactory,
    PlanningLinkFactory,
    PollFactory,
    PollLinkFactory,
    ResponseFactory,
)

pytestmark = pytest.mark.django_db

DECISION = "Nämnden beslutar om fler kvällsaktiviteter."
FEEDBACK = "Fritidsgården får öppet längre – tack för era svar."


def _decided(official: Any, *, publish: bool = True) -> dict[str, Any]:
    """A forum's poll linked to an item on a meeting's agenda, a published brief, and a
    decision that says how the poll was used; a poll of another forum on the same item."""
    forum, other_forum = ForumFactory(name="Ungdomsforum Järva"), ForumFactory()
    agenda = AgendaItemFactory(meeting=MeetingFactory(title="Nämndens möte i maj"))
    poll = PollFactory(forum=forum, title="Kvällar på fritidsgården")
    for _ in range(6):
        ResponseFactory(option=poll.questions.get().options.first())
    ours = PollLinkFactory(planning_item=agenda.planning_item, poll=poll)
    theirs = PollLinkFactory(
        planning_item=agenda.planning_item, poll=PollFactory(forum=other_forum, title="Annat")
    )
    version = meeting_brief_publish(meeting=agenda.meeting, changelog="", actor=official)
    agenda.meeting.state = MeetingState.HELD
    agenda.meeting.save()
    decision_record(
        agenda_item=agenda,
        text=DECISION,
        outcome="approved",
        feedback_text=FEEDBACK,
        publish_feedback=publish,
        usages=[
            LinkUsage(ours.pk, InputUsage.PARTLY, "Längre öppet på fredagar, inte alla dagar."),
            LinkUsage(theirs.pk, InputUsage.TAKEN, "Den andra forumets röst."),
        ],
        actor=official,
    )
    return {"forum": forum, "agenda": agenda, "poll": poll, "version": version}


def test_anyone_reads_the_published_brief_and_decision_of_a_forum_without_logging_in(
    official: Any,
) -> None:
    world = _decided(official)
    meeting = world["agenda"].meeting

    response = APIClient().get(f"/api/public/forums/{world['forum'].slug}")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["name"] == "Ungdomsforum Järva"
    [brief] = body["briefs"]
    assert (brief["meeting_title"], brief["version"]) == ("Nämndens möte i maj", 1)
    assert dt.datetime.fromisoformat(brief["published_at"]) == world["version"].published_at
    assert [i["reference"] for i in brief["items"]] == [world["agenda"].planning_item.reference]
    assert brief["items"][0]["participants"] == 6
    [decision] = body["decisions"]
    assert decision["text"] == DECISION
    assert decision["feedback_text"] == FEEDBACK
    # The meeting's date, not the moment the decision was typed in.
    assert dt.datetime.fromisoformat(decision["meeting_date"]) == meeting.starts_at
    # Only this forum's input, with its published usage and reason.
    assert decision["inputs"] == [
        {
            "kind": "poll",
            "title": "Kvällar på fritidsgården",
            "question": None,
            "usage": "partly",
            "usage_name": "Togs delvis med",
            "reason": "Längre öppet på fredagar, inte alla dagar.",
        }
    ]
    assert response["Cache-Control"] == "public, max-age=60"
    # The same for everyone but the language: no session or cookie is read.
    assert response["Vary"] == "Accept-Language"
    # Nobody is named: no staff user, no participant.
    assert official.username not in response.content.decode()


def test_a_draft_brief_and_unpublished_feedback_never_reach_the_public_page(
    official: Any,
) -> None:
    forum = ForumFactory()
    agenda = AgendaItemFactory(meeting=MeetingFactory(state=MeetingState.HELD))
    PollLinkFactory(planning_item=agenda.planning_item, poll=PollFactory(forum=forum))
    # A draft only (never published), and a decision whose feedback is not published.
    decision_record(
        agenda_item=agenda,
        text="Hemligt utkast till beslut.",
        outcome="approved",
        feedback_text="Inte publicerat än.",
        publish_feedback=False,
        usages=[
            LinkUsage(link.pk, InputUsage.TAKEN, "Inte publicerat skäl.")
            for link in agenda.planning_item.links.all()
        ],
        actor=official,
    )

    body = APIClient().get(f"/api/public/forums/{forum.slug}").json()

    assert body["briefs"] == []
    assert body["decisions"] == []
    assert not BriefVersion.objects.exists()


def test_unpublished_inputs_are_not_named_even_under_a_published_decision(
    official: Any,
) -> None:
    forum = ForumFactory()
    agenda = AgendaItemFactory(meeting=MeetingFactory(state=MeetingState.HELD))
    board = IdeaBoardFactory(forum=forum)
    hidden = IdeaFactory(board=board, title="Dold idé", moderation_state=ModerationState.HIDDEN)
    draft_poll = PollFactory(forum=forum, title="Utkastets titel", status=PollStatus.DRAFT)
    shown = PollFactory(forum=forum, title="Synlig omröstning")
    links = [
        PlanningLinkFactory(planning_item=agenda.planning_item, idea=hidden),
        PollLinkFactory(planning_item=agenda.planning_item, poll=draft_poll),
        PollLinkFactory(planning_item=agenda.planning_item, poll=shown),
    ]
    decision_record(
        agenda_item=agenda,
        text=DECISION,
        outcome="approved",
        feedback_text=FEEDBACK,
        publish_feedback=True,
        usages=[LinkUsage(link.pk, InputUsage.TAKEN, "Skäl.") for link in links],
        actor=official,
    )

    response = APIClient().get(f"/api/public/forums/{forum.slug}")

    [decision] = response.json()["decisions"]
    assert [i["title"] for i in decision["inputs"]] == ["Synlig omröstning"]
    assert "Dold idé" not in response.content.decode()
    assert "Utkastets titel" not in response.content.decode()


def test_a_brief_published_before_the_forums_input_was_linked_is_not_listed(
    official: Any,
) -> None:
    forum = ForumFactory()
    agenda = AgendaItemFactory()
    meeting_brief_publish(meeting=agenda.meeting, changelog="", actor=official)
    BriefVersion.objects.update(published_at=timezone.now() - dt.timedelta(days=2))
    PollLinkFactory(planning_item=agenda.planning_item, poll=PollFactory(forum=forum))

    body = APIClient().get(f"/api/public/forums/{forum.slug}").json()

    assert body["briefs"] == []


def test_small_counts_in_a_published_brief_show_as_fewer_than_five(official: Any) -> None:
    forum = ForumFactory()
    agenda = AgendaItemFactory()
    poll = PollFactory(forum=forum)
    for _ in range(3):
        ResponseFactory(option=poll.questions.get().options.first())
    PollLinkFactory(planning_item=agenda.planning_item, poll=poll)
    meeting_brief_publish(meeting=agenda.meeting, changelog="", actor=official)

    [brief] = APIClient().get(f"/api/public/forums/{forum.slug}").json()["briefs"]

    assert brief["items"][0]["participants"] is None


def test_an_unknown_forum_is_not_found() -> None:
    assert_error(APIClient().get("/api/public/forums/finns-inte"), 404, "not_found")


def test_forums_are_listed_by_name_and_slug_only() -> None:
    ForumFactory(name="B-forum", slug="b-forum", description="Intern beskrivning")
    ForumFactory(name="A-forum", slug="a-forum")

    response = APIClient().get("/api/public/forums")

    assert response.json() == [
        {"name": "A-forum", "slug": "a-forum"},
        {"name": "B-forum", "slug": "b-forum"},
    ]
    assert response["Cache-Control"] == "public, max-age=60"


def test_the_public_followup_counts_decisions_with_young_peoples_input(official: Any) -> None:
    _decided(official)

    response = APIClient().get("/api/public/followup")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["year"] == timezone.localdate().year
    assert body["decisions_with_input"] == 1
    assert body["participants"] == 6
    assert response["Cache-Control"] == "public, max-age=60"


def test_the_public_followup_of_a_future_year_is_not_found_and_a_bad_year_invalid() -> None:
    next_year = timezone.localdate().year + 1
    assert_error(APIClient().get(f"/api/public/followup?year={next_year}"), 404, "not_found")
    assert_error(APIClient().get("/api/public/followup?year=tjugo"), 400, "invalid")
