"""The standard question sets: stable measure codes, areas, and one-click polls from them."""

import uuid

import pytest

from forum.core.errors import IdempotencyKeyReused, InvalidInput, PermissionDenied
from forum.core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from forum.core.roles import Role
from forum.polls.measures import (
    AGREE_POSITIONS,
    DONT_KNOW_POSITION,
    MEASURE_AREA,
    TEMPLATE_QUESTIONS,
    Measure,
    Occasion,
    PollTemplate,
)
from forum.polls.models import PollFromTemplate, QuestionKind
from forum.polls.services import QuestionSpec, poll_from_template, question_rewrite
from tests.factories import ForumFactory, PollFactory, UserFactory

# Youth workers here run the forum under test; who may work where: tests/forum/participation.
pytestmark = pytest.mark.usefixtures("youth_workers_in_every_forum")

# Answers are compared across years by these codes: renaming one breaks every earlier year.
STABLE_CODES = {
    "know_where_to_speak": "structures",
    "real_say": "mandate",
    "taken_seriously": "feedback",
    "hear_back": "feedback",
    "trust": None,
}


def test_measure_codes_and_their_areas_are_stable() -> None:
    assert MEASURE_AREA == STABLE_CODES
    assert {Measure.FORMAT_PREFERENCE, Measure.TIME_PREFERENCE} <= set(Measure.values)


def test_every_template_text_is_given_in_every_language() -> None:
    others = set(LANGUAGE_CODES) - {DEFAULT_LANGUAGE}
    for questions in TEMPLATE_QUESTIONS.values():
        for question in questions:
            assert set(question.translations) == others, question.measure
            for option in question.options:
                assert set(option.translations) == others, option.code
                assert all(text.strip() for text in option.translations.values())


def test_agree_scale_is_one_to_five_then_dont_know() -> None:
    options = TEMPLATE_QUESTIONS[PollTemplate.MEASURES][0].options
    assert [o.code for o in options] == ["1", "2", "3", "4", "5", "dont_know"]
    assert sorted(AGREE_POSITIONS) == [3, 4]
    assert options[DONT_KNOW_POSITION].code == "dont_know"


@pytest.mark.django_db
def test_measurement_poll_tags_every_question_and_translates_it() -> None:
    forum = ForumFactory()
    poll = poll_from_template(
        forum=forum,
        template=PollTemplate.MEASURES,
        actor=UserFactory(roles=[Role.YOUTH_WORKER]),
        idempotency_key=uuid.uuid4(),
    )
    questions = list(poll.questions.all())
    assert poll.title == "Mätpunkt: delaktighet och förtroende"
    assert [q.measure for q in questions] == list(STABLE_CODES)
    assert all(q.kind == QuestionKind.SINGLE_CHOICE for q in questions)
    first = questions[0]
    assert first.translations["en"]["text"].startswith("I know where")
    assert [o.label for o in first.options.all()][-1] == "Vet inte"
    assert first.options.all()[3].translations["ar"]["label"] == "أوافق"
    assert poll.template_use.occasion == Occasion.YEARLY


@pytest.mark.django_db
def test_formats_poll_asks_formats_and_times_as_multiple_choice() -> None:
    poll = poll_from_template(
        forum=ForumFactory(),
        template=PollTemplate.FORMATS,
        actor=UserFactory(roles=[Role.OFFICIAL]),
        idempotency_key=uuid.uuid4(),
    )
    formats, times = poll.questions.all()
    assert (formats.measure, times.measure) == ("format_preference", "time_preference")
    assert formats.kind == QuestionKind.MULTIPLE_CHOICE
    assert [o.label for o in formats.options.all()] == [
        "Möte på plats",
        "Enkät i mobilen",
        "Workshop",
        "Promenad i området",
        "Idétavla på nätet",
    ]
    assert times.options.count() == 4
    assert formats.config == {"min_picks": 1, "max_picks": 5}


@pytest.mark.django_db
def test_a_retry_with_the_same_key_returns_the_same_poll() -> None:
    forum = ForumFactory()
    actor = UserFactory(roles=[Role.YOUTH_WORKER])
    key = uuid.uuid4()
    first = poll_from_template(forum=forum, template="measures", actor=actor, idempotency_key=key)
    again = poll_from_template(forum=forum, template="measures", actor=actor, idempotency_key=key)
    assert again.pk == first.pk
    assert PollFromTemplate.objects.count() == 1
    with pytest.raises(IdempotencyKeyReused):
        poll_from_template(forum=forum, template="formats", actor=actor, idempotency_key=key)


@pytest.mark.django_db
def test_after_a_process_links_the_poll_it_follows_in_the_same_forum() -> None:
    process = PollFactory()
    actor = UserFactory(roles=[Role.OFFICIAL])
    poll = poll_from_template(
        forum=process.forum,
        template="measures",
        occasion="after_process",
        follows=process,
        actor=actor,
        idempotency_key=uuid.uuid4(),
    )
    assert poll.template_use.follows == process
    assert poll.template_use.occasion == "after_process"
    with pytest.raises(InvalidInput) as error:
        poll_from_template(
            forum=ForumFactory(),
            template="measures",
            follows=process,
            actor=actor,
            idempotency_key=uuid.uuid4(),
        )
    assert "follows" in error.value.fields


@pytest.mark.django_db
def test_unknown_template_changes_nothing() -> None:
    with pytest.raises(InvalidInput):
        poll_from_template(
            forum=ForumFactory(),
            template="census",
            actor=UserFactory(roles=[Role.OFFICIAL]),
            idempotency_key=uuid.uuid4(),
        )
    assert PollFromTemplate.objects.count() == 0


@pytest.mark.django_db
def test_participants_role_cannot_make_a_template_poll() -> None:
    with pytest.raises(PermissionDenied):
        poll_from_template(
            forum=ForumFactory(),
            template="measures",
            actor=UserFactory(roles=[Role.COUNCIL_MEMBER]),
            idempotency_key=uuid.uuid4(),
        )


@pytest.mark.django_db
def test_a_rewritten_question_is_no_longer_a_measurement() -> None:
    actor = UserFactory(roles=[Role.YOUTH_WORKER])
    poll = poll_from_template(
        forum=ForumFactory(), template="measures", actor=actor, idempotency_key=uuid.uuid4()
    )
    question = poll.questions.all()[0]
    question_rewrite(
        question=question, spec=QuestionSpec(text="Något annat", options=["a", "b"]), actor=actor
    )
    question.refresh_from_db()
    assert question.measure == ""
