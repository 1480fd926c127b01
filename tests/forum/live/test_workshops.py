"""Workshops entered by hand: the rules for counts, dates and quotes, and what readers see."""

import datetime as dt
import uuid
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum.core.errors import (
    ContentBlocked,
    CountExceedsParticipants,
    FutureDate,
    InvalidInput,
    NegativeCount,
    NotAuthenticated,
    PermissionDenied,
    PersonalDetailsInText,
    WorkshopWithoutResults,
)
from forum.core.roles import Role
from forum.live.models import OfflineOption, OfflineQuote, OfflineWorkshop, WorkshopChoice
from forum.live.selectors import forum_workshops, workshop_shown
from forum.live.services import (
    WorkshopInput,
    WorkshopOptionInput,
    workshop_create,
    workshop_delete,
    workshop_update,
)
from tests.factories import ForumFactory, OfflineWorkshopFactory, UserFactory

# Youth workers here run the forum under test; who may work where: tests/forum/participation.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def entry(
    counts: list[int],
    *,
    participants: int = 20,
    choice: str = WorkshopChoice.SINGLE,
    quotes: list[str] | None = None,
    held_on: dt.date | None = None,
) -> WorkshopInput:
    return WorkshopInput(
        title="Vad saknar du på fritidsgården?",
        method="sticky_notes",
        held_on=held_on or timezone.localdate(),
        place="Husby träff",
        participants=participants,
        choice=choice,
        options=[
            WorkshopOptionInput(text=f"Alternativ {i}", count=c) for i, c in enumerate(counts)
        ],
        quotes=quotes or [],
    )


def stored() -> tuple[int, int, int]:
    return (
        OfflineWorkshop.objects.count(),
        OfflineOption.objects.count(),
        OfflineQuote.objects.count(),
    )


def test_a_youth_worker_enters_a_workshop_with_counts_and_quotes(youth_worker: Any) -> None:
    forum = ForumFactory()
    workshop = workshop_create(
        forum=forum,
        data=entry([9, 6], participants=15, quotes=["Vi vill ha mer att göra på helgen."]),
        actor=youth_worker,
    )

    assert workshop.entered_by == youth_worker
    assert [(o.text, o.count) for o in workshop.options.all()] == [
        ("Alternativ 0", 9),
        ("Alternativ 1", 6),
    ]
    assert [q.text for q in workshop.quotes.all()] == ["Vi vill ha mer att göra på helgen."]


def test_an_official_may_enter_one_too(official: Any) -> None:
    workshop_create(forum=ForumFactory(), data=entry([5, 5]), actor=official)
    assert stored()[0] == 1


@pytest.mark.parametrize("roles", [[], [Role.COUNCIL_MEMBER]])
def test_others_on_staff_may_not_enter_one(roles: list[Role]) -> None:
    with pytest.raises(PermissionDenied):
        workshop_create(forum=ForumFactory(), data=entry([5, 5]), actor=UserFactory(roles=roles))
    assert stored() == (0, 0, 0)


def test_nobody_logged_in_may_enter_one() -> None:
    with pytest.raises(NotAuthenticated):
        workshop_create(forum=ForumFactory(), data=entry([5, 5]), actor=None)


def test_a_negative_count_is_refused_and_nothing_is_stored(youth_worker: Any) -> None:
    with pytest.raises(NegativeCount) as refused:
        workshop_create(forum=ForumFactory(), data=entry([5, -1]), actor=youth_worker)
    assert refused.value.code == "negative_count"
    assert "options.1.count" in refused.value.fields
    assert stored() == (0, 0, 0)


def test_a_count_above_the_participants_is_refused(youth_worker: Any) -> None:
    with pytest.raises(CountExceedsParticipants) as refused:
        workshop_create(
            forum=ForumFactory(),
            data=entry([21, 0], choice=WorkshopChoice.MULTIPLE),
            actor=youth_worker,
        )
    assert refused.value.code == "count_exceeds_participants"
    assert stored() == (0, 0, 0)


def test_with_one_choice_each_the_counts_add_up_to_at_most_everyone(youth_worker: Any) -> None:
    with pytest.raises(CountExceedsParticipants):
        workshop_create(forum=ForumFactory(), data=entry([12, 9]), actor=youth_worker)
    # With several choices each, 12 and 9 of 20 is fine: people put dots on both.
    workshop_create(
        forum=ForumFactory(),
        data=entry([12, 9], choice=WorkshopChoice.MULTIPLE),
        actor=youth_worker,
    )
    assert stored()[0] == 1


def test_a_date_in_the_future_is_refused(youth_worker: Any) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(FutureDate) as refused:
        workshop_create(
            forum=ForumFactory(), data=entry([5, 5], held_on=tomorrow), actor=youth_worker
        )
    assert refused.value.code == "future_date"
    assert stored() == (0, 0, 0)


@pytest.mark.parametrize("participants", [0, -3])
def test_nobody_there_is_not_a_workshop(youth_worker: Any, participants: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        workshop_create(
            forum=ForumFactory(), data=entry([0, 0], participants=participants), actor=youth_worker
        )
    assert "participants" in refused.value.fields


def test_one_option_and_no_quote_is_no_result(youth_worker: Any) -> None:
    with pytest.raises(WorkshopWithoutResults):
        workshop_create(forum=ForumFactory(), data=entry([5]), actor=youth_worker)
    # One quote is enough: a conversation may bring back only words.
    workshop_create(
        forum=ForumFactory(),
        data=entry([], quotes=["Vi behöver en lugn plats."]),
        actor=youth_worker,
    )
    assert stored() == (1, 0, 1)


def test_a_quote_with_a_blocked_word_is_refused_as_moderation_would(youth_worker: Any) -> None:
    with pytest.raises(ContentBlocked) as refused:
        workshop_create(
            forum=ForumFactory(), data=entry([5, 5], quotes=["du är en hora"]), actor=youth_worker
        )
    assert "quotes.0" in refused.value.fields
    assert stored() == (0, 0, 0)


@pytest.mark.parametrize("quote", ["Ring mig på 070-123 45 67", "Mejla mig på sara@example.se"])
def test_a_quote_with_personal_details_is_refused(youth_worker: Any, quote: str) -> None:
    with pytest.raises(PersonalDetailsInText) as refused:
        workshop_create(
            forum=ForumFactory(), data=entry([5, 5], quotes=[quote]), actor=youth_worker
        )
    assert refused.value.code == "personal_details"
    assert stored() == (0, 0, 0)


def test_a_retry_with_the_same_key_returns_the_first_workshop(youth_worker: Any) -> None:
    forum, key = ForumFactory(), uuid.uuid4()
    first = workshop_create(
        forum=forum, data=entry([5, 5]), actor=youth_worker, idempotency_key=key
    )
    again = workshop_create(
        forum=forum, data=entry([6, 6]), actor=youth_worker, idempotency_key=key
    )
    assert again.pk == first.pk
    assert stored() == (1, 2, 0)


def test_an_update_replaces_the_results_and_a_bad_one_changes_nothing(youth_worker: Any) -> None:
    workshop = workshop_create(forum=ForumFactory(), data=entry([5, 5]), actor=youth_worker)

    workshop_update(workshop=workshop, data=entry([7, 3, 2], participants=12), actor=youth_worker)
    assert [o.count for o in workshop.options.all()] == [7, 3, 2]

    with pytest.raises(CountExceedsParticipants):
        workshop_update(workshop=workshop, data=entry([13, 0], participants=12), actor=youth_worker)
    workshop.refresh_from_db()
    assert workshop.participants == 12
    assert [o.count for o in workshop.options.all()] == [7, 3, 2]


def test_delete_removes_the_workshop_and_its_results(youth_worker: Any) -> None:
    workshop = workshop_create(forum=ForumFactory(), data=entry([5, 5]), actor=youth_worker)
    with pytest.raises(PermissionDenied):
        workshop_delete(workshop=workshop, actor=UserFactory(roles=[Role.COUNCIL_MEMBER]))
    workshop_delete(workshop=workshop, actor=youth_worker)
    assert stored() == (0, 0, 0)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    participants=st.integers(-2, 12),
    counts=st.lists(st.integers(-3, 14), min_size=2, max_size=4),
    single=st.booleans(),
)
def test_the_service_accepts_exactly_the_valid_counts_and_changes_nothing_otherwise(
    youth_worker: Any, participants: int, counts: list[int], single: bool
) -> None:
    forum = ForumFactory()
    choice = WorkshopChoice.SINGLE if single else WorkshopChoice.MULTIPLE
    valid = (
        participants >= 1
        and all(0 <= c <= participants for c in counts)
        and (not single or sum(counts) <= participants)
    )
    before = OfflineWorkshop.objects.filter(forum=forum).count()
    try:
        workshop = workshop_create(
            forum=forum,
            data=entry(counts, participants=participants, choice=choice),
            actor=youth_worker,
        )
    except InvalidInput:
        assert not valid
        assert OfflineWorkshop.objects.filter(forum=forum).count() == before
        return
    assert valid
    assert [o.count for o in workshop.options.all()] == counts


# --- what readers see: suppressed like every other figure ------------------------------------


def test_counts_under_5_are_hidden_and_no_total_gives_them_away() -> None:
    workshop = OfflineWorkshopFactory(participants=31, counts=[14, 9, 6, 2])
    shown = workshop_shown(workshop)

    counts = [o.count for o in shown.options]
    assert counts[3] is None  # 2 people
    # One choice each: 31 minus the rest would give the 2 away, so a second one is hidden too.
    assert sum(c is None for c in counts) >= 2
    assert shown.participants == 31
    assert shown.entered_by_hand


def test_fewer_than_5_participants_show_nothing_but_that() -> None:
    workshop = OfflineWorkshopFactory(participants=4, counts=[3, 1])
    OfflineQuote.objects.create(workshop=workshop, text="Vi vill ha en egen lokal.", position=0)
    shown = workshop_shown(workshop)

    assert shown.participants is None
    assert [o.count for o in shown.options] == [None, None]
    assert shown.quotes == []


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    participants=st.integers(1, 40),
    counts=st.lists(st.integers(0, 40), min_size=2, max_size=5),
    single=st.booleans(),
)
def test_no_shown_count_is_between_1_and_4(
    participants: int, counts: list[int], single: bool
) -> None:
    counts = [min(c, participants) for c in counts]
    if single and sum(counts) > participants:
        return
    workshop = OfflineWorkshopFactory(
        participants=participants,
        counts=counts,
        choice=WorkshopChoice.SINGLE if single else WorkshopChoice.MULTIPLE,
    )
    shown = workshop_shown(workshop)
    assert all(o.count is None or o.count == 0 or o.count >= 5 for o in shown.options)
    assert shown.participants is None or shown.participants >= 5


def test_the_forum_list_is_for_its_staff(youth_worker: Any) -> None:
    workshop = OfflineWorkshopFactory(counts=[10, 5])
    OfflineWorkshopFactory(counts=[10, 5])  # another forum's

    listed = forum_workshops(forum=workshop.forum, viewer=youth_worker)
    assert [w.id for w in listed] == [workshop.pk]
    with pytest.raises(PermissionDenied):
        forum_workshops(forum=workshop.forum, viewer=UserFactory(roles=[Role.COUNCIL_MEMBER]))
