import pytest
from django.core.management import call_command

from forum.council.models import PlanningLink
from forum.ideas.models import Idea, IdeaBoard

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_the_tensta_board_once() -> None:
    call_command("seed_demo", quiet=True)
    call_command("seed_demo", quiet=True)

    board = IdeaBoard.objects.get(question="Vad ska förändras i Tensta centrum?")
    assert board.forum.pre_moderation is True
    ideas = list(Idea.objects.filter(board=board).order_by("pk"))
    assert len(ideas) == 3
    assert {i.moderation_state for i in ideas} == {"published"}
    assert ideas[0].feedback_status == "forwarded"
    assert PlanningLink.objects.filter(idea=ideas[0]).count() == 1


def test_seed_demo_has_links_of_every_kind_and_a_decision_with_per_input_use() -> None:
    from forum.council.models import FeedbackEntry, MeetingState

    call_command("seed_demo", quiet=True)
    call_command("seed_demo", quiet=True)

    kinds = {link.kind for link in PlanningLink.objects.all()}
    assert kinds == {"poll", "idea", "board", "activity", "workshop"}
    assert PlanningLink.objects.filter(question__isnull=False).exists()
    entries = FeedbackEntry.objects.select_related("decision__agenda_item__meeting")
    assert {e.usage for e in entries} == {"taken", "partly", "not_taken", "not_relevant"}
    [meeting] = {e.decision.agenda_item.meeting for e in entries}
    assert meeting.state == MeetingState.HELD
    assert all(e.published_at is not None and e.reason for e in entries)


def test_seed_demo_has_a_public_forum_page_with_a_published_brief_and_a_decision() -> None:
    from forum.council.models import BriefVersion
    from forum.council.public import public_forum

    call_command("seed_demo", quiet=True)
    call_command("seed_demo", quiet=True)

    page = public_forum(slug="ungdomsforum-jarva")
    [brief] = page.briefs
    assert brief.meeting_title == "Nämndens möte i förra månaden"
    assert brief.version == 1
    assert brief.published_at < brief.meeting_starts_at
    assert [i.reference for i in brief.items] == ["1.2.4-118-2025"]
    [decision] = page.decisions
    assert decision.reference == "1.2.4-118-2025"
    assert {i.usage for i in decision.inputs} == {"taken", "partly", "not_taken", "not_relevant"}
    assert BriefVersion.objects.count() == 1


def test_seed_demo_adds_the_published_brief_to_an_older_demo_database() -> None:
    from forum.council.models import BriefVersion

    call_command("seed_demo", quiet=True)
    BriefVersion.objects.all().delete()  # as seeded before the public page existed

    call_command("seed_demo", quiet=True)
    call_command("seed_demo", quiet=True)

    [version] = BriefVersion.objects.all()
    assert version.meeting.title == "Nämndens möte i förra månaden"


def test_seed_demo_has_two_workshops_entered_by_hand_one_of_them_linked() -> None:
    from forum.live.models import OfflineWorkshop

    call_command("seed_demo", quiet=True)
    call_command("seed_demo", quiet=True)

    workshops = {(w.method, w.place, w.participants) for w in OfflineWorkshop.objects.all()}
    assert workshops == {
        ("sticky_notes", "Husby träff", 14),
        ("paper_ballot", "Rinkebyskolan, årskurs 8", 31),
    }
    assert PlanningLink.objects.filter(workshop__place="Husby träff").count() == 1
