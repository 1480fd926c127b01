"""'About you' asked once per device and forum, and what a later analysis may know."""

import pytest

from forum.ideas.models import Idea
from forum.live.selectors import live_participant_state
from forum.participation.models import ParticipantProfile
from forum.participation.selectors import (
    DimensionCounts,
    about_you_asked,
    about_you_asked_ids,
    profile_breakdown,
)
from forum.participation.services import participant_profile_save, participant_profile_skip
from tests.factories import (
    ForumFactory,
    IdeaBoardFactory,
    LiveSessionFactory,
    ParticipantFactory,
    ParticipantProfileFactory,
    PollFactory,
)

pytestmark = pytest.mark.django_db


def test_skipping_records_that_the_participant_was_asked_and_keeps_earlier_answers() -> None:
    forum, participant = ForumFactory(), ParticipantFactory()
    assert about_you_asked(forum_id=forum.pk, participant=participant) is False

    participant_profile_save(forum=forum, participant=participant, gender="girl")
    first = participant_profile_skip(forum=forum, participant=participant)
    again = participant_profile_skip(forum=forum, participant=participant)

    assert about_you_asked(forum_id=forum.pk, participant=participant) is True
    assert ParticipantProfile.objects.count() == 1
    assert first.skipped_at is not None
    assert again.skipped_at == first.skipped_at
    assert again.gender == "girl"


def test_skipping_alone_is_asked_with_every_answer_blank() -> None:
    forum, participant = ForumFactory(), ParticipantFactory()

    profile = participant_profile_skip(forum=forum, participant=participant)

    assert (profile.age_band, profile.gender, profile.neighbourhood) == ("", "", "")
    assert about_you_asked_ids(forum_id=forum.pk, participant_ids=[participant.pk]) == {
        participant.pk
    }


def test_asked_once_per_forum_is_reused_by_polls_live_sessions_and_idea_boards() -> None:
    forum, other_forum = ForumFactory(), ForumFactory()
    participant = ParticipantFactory()
    poll = PollFactory(forum=forum)
    session = LiveSessionFactory(forum=forum, current_poll=poll)
    board = IdeaBoardFactory(forum=forum)
    elsewhere = LiveSessionFactory(forum=other_forum)

    # Answered on the poll page of the forum...
    participant_profile_save(forum=poll.forum, participant=participant, age_band="13-15")

    # ...so the live session and the idea board of that forum do not ask again,
    assert live_participant_state(session=session, participant=participant).about_you_asked
    assert about_you_asked(forum_id=board.forum_id, participant=participant)
    # but another forum (its own profile, its own analyses) still does.
    assert not live_participant_state(session=elsewhere, participant=participant).about_you_asked


def test_a_session_switched_off_does_not_look_up_about_you() -> None:
    participant = ParticipantFactory()
    session = LiveSessionFactory(ask_about_you=False)
    ParticipantProfileFactory(forum=session.forum, participant=participant, gender="boy")

    assert live_participant_state(session=session, participant=participant).about_you_asked is None


def test_breakdown_tells_answered_prefer_not_skipped_and_not_asked_apart() -> None:
    forum = ForumFactory()
    girls = [ParticipantFactory() for _ in range(3)]
    for p in girls:
        participant_profile_save(forum=forum, participant=p, gender="girl", age_band="13-15")
    boy = ParticipantFactory()
    participant_profile_save(forum=forum, participant=boy, gender="boy", age_band="prefer_not")
    secret = ParticipantFactory()
    participant_profile_save(forum=forum, participant=secret, gender="prefer_not")
    skipper = ParticipantFactory()
    participant_profile_skip(forum=forum, participant=skipper)
    never = [ParticipantFactory() for _ in range(2)]
    # Answers in another forum say nothing about this one.
    participant_profile_save(forum=ForumFactory(), participant=never[0], gender="girl")
    everyone = [*girls, boy, secret, skipper, *never]

    breakdown = profile_breakdown(forum=forum, participant_ids=[p.pk for p in everyone])

    assert breakdown.participants == 8
    assert breakdown.gender == DimensionCounts(
        answered={"girl": 3, "boy": 1, "non_binary": 0},
        prefer_not=1,
        skipped=1,
        not_asked=2,
    )
    assert breakdown.age_band.answered["13-15"] == 3
    assert breakdown.age_band.prefer_not == 1
    assert breakdown.age_band.skipped == 2  # the one who said "prefer not" on gender only
    assert breakdown.neighbourhood.answered_total == 0
    assert breakdown.neighbourhood.skipped == 6
    assert all(breakdown.dimension(d).total == 8 for d in ("age_band", "gender", "neighbourhood"))


def test_breakdown_of_a_live_only_session_is_not_asked_not_absence() -> None:
    session = LiveSessionFactory()
    phones = [ParticipantFactory() for _ in range(12)]

    breakdown = profile_breakdown(forum=session.forum, participant_ids=[p.pk for p in phones])

    assert breakdown.gender.not_asked == 12
    assert breakdown.gender.answered == {"girl": 0, "boy": 0, "non_binary": 0}
    assert breakdown.gender.skipped == breakdown.gender.prefer_not == 0


def test_breakdown_of_nobody_and_of_unknown_dimension() -> None:
    breakdown = profile_breakdown(forum=ForumFactory().pk, participant_ids=[])

    assert breakdown.participants == 0
    assert breakdown.gender.total == 0
    with pytest.raises(KeyError):
        breakdown.dimension("participants")


def test_an_idea_board_profile_is_the_forum_profile() -> None:
    board = IdeaBoardFactory()
    participant = ParticipantFactory()
    Idea.objects.create(board=board, participant=participant, title="Skatepark", text="Nu")

    participant_profile_skip(forum=board.forum, participant=participant)

    assert about_you_asked(forum_id=board.forum_id, participant=participant)


def test_the_demo_live_session_has_phones_that_answered_skipped_or_preferred_not() -> None:
    from django.core.management import call_command

    from forum.live.models import LiveSession
    from forum.polls.models import Response

    call_command("seed_demo", quiet=True)
    call_command("seed_demo", quiet=True)  # idempotent

    session = LiveSession.objects.get(join_code="FIKA42")
    phones = set(
        Response.objects.filter(
            question_id__in=session.activities.exclude(question=None).values("question_id")
        ).values_list("participant_id", flat=True)
    )
    breakdown = profile_breakdown(forum=session.forum, participant_ids=phones)
    asked = breakdown.participants - breakdown.gender.not_asked
    assert asked >= 12
    assert breakdown.gender.answered["girl"] >= 5
    assert breakdown.gender.prefer_not >= 1
    assert breakdown.gender.skipped >= 2
    assert breakdown.age_band.prefer_not >= 1
    assert breakdown.neighbourhood.prefer_not >= 1
    assert session.ask_about_you is True
