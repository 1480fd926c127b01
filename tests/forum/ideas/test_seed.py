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
