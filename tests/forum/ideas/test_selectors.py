"""The "you said → we did" page for one phone: ideas, supports and votes with their status."""

import pytest

from forum.core.roles import Role
from forum.ideas.selectors import my_participation
from forum.ideas.services import idea_feedback_add, idea_support_add
from tests.factories import (
    IdeaFactory,
    ParticipantFactory,
    PollLinkFactory,
    ResponseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_you_said_we_did_lists_only_this_phones_ideas_supports_and_votes() -> None:
    me, other = ParticipantFactory(), ParticipantFactory()
    mine = IdeaFactory(participant=me, title="Min idé")
    held_mine = IdeaFactory(participant=me, title="Väntar", moderation_state="held")
    supported = IdeaFactory(title="Någon annans")
    idea_support_add(idea=supported, participant=me)
    IdeaFactory(participant=other, title="Inte min")
    hidden_supported = IdeaFactory(title="Dold")
    idea_support_add(idea=hidden_supported, participant=me)
    hidden_supported.moderation_state = "hidden"
    hidden_supported.save()
    vote = ResponseFactory(participant=me)
    ResponseFactory(participant=other)
    link = PollLinkFactory(poll=vote.question.poll, note="Vi tar med det till nämnden.")
    idea_feedback_add(
        idea=mine,
        status="under_review",
        text="Vi tittar på det.",
        actor=UserFactory(roles=[Role.OFFICIAL]),
    )

    page = my_participation(participant=me)

    assert [i.title for i in page.ideas] == [held_mine.title, mine.title]
    assert {i.title: i.moderation_state for i in page.ideas} == {
        "Min idé": "published",
        "Väntar": "held",
    }
    assert [i.title for i in page.supported] == ["Någon annans"]
    assert [(v.poll_title, v.answer) for v in page.votes] == [
        (vote.question.poll.title, vote.option.label if vote.option else None)
    ]
    assert page.votes[0].planning_items == [
        f"{link.planning_item.reference} {link.planning_item.title}"
    ]
    assert page.votes[0].notes == ["Vi tar med det till nämnden."]
    assert [t.text for t in page.timelines[mine.pk]] == ["Vi tittar på det."]


def test_a_phone_without_a_token_has_an_empty_page() -> None:
    page = my_participation(participant=None)
    assert (page.ideas, page.supported, page.votes) == ([], [], [])


def test_my_answers_shows_each_ideas_real_number_of_supports() -> None:
    # /mina-svar showed 1 for every supported idea: the count was of this phone's support.
    me = ParticipantFactory()
    popular = IdeaFactory(title="Populär")
    for supporter in [me, ParticipantFactory(), ParticipantFactory()]:
        idea_support_add(idea=popular, participant=supporter)
    mine = IdeaFactory(participant=me, title="Min")
    idea_support_add(idea=mine, participant=ParticipantFactory())
    idea_support_add(idea=mine, participant=ParticipantFactory())

    page = my_participation(participant=me)

    assert [(i.title, i.supports, i.supported_by_me) for i in page.supported] == [
        ("Populär", 3, True)
    ]
    assert [(i.title, i.supports) for i in page.ideas] == [("Min", 2)]
