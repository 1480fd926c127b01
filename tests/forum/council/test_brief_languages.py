"""The brief counts written answers per language they were written in, under the one
suppression rule, and says so in one sentence."""

from dataclasses import asdict

import pytest
from django.utils import translation

from forum.council.brief import brief_build, language_counts, languages_sentence
from forum.polls.models import Question, QuestionKind, TextStatus
from tests.factories import (
    AgendaItemFactory,
    ParticipantFactory,
    PollFactory,
    PollLinkFactory,
    ResponseFactory,
)

pytestmark = pytest.mark.django_db


def test_small_languages_are_hidden_and_their_sum_shown_as_other_languages() -> None:
    rows = language_counts({"sv": 40, "ar": 12, "so": 7, "ti": 3, "fa": 2, "en": 0})

    assert {r.language: r.count for r in rows} == {
        "sv": 40,
        "ar": 12,
        "so": 7,
        "ti": None,
        "fa": None,
    }
    with translation.override("en"):
        assert languages_sentence(rows) == (
            "Written answers by language: Swedish 40, Arabic 12, Somali 7, "
            "other languages fewer than 5 each."
        )


def test_a_hidden_group_with_a_protecting_count_is_called_hidden() -> None:
    rows = language_counts({"sv": 40, "ar": 12, "so": 7, "ti": 3})

    with translation.override("sv"):
        assert languages_sentence(rows) == (
            "Skrivna svar per språk: svenska 40, arabiska 12, övriga språk dold."
        )


def test_the_sentence_is_in_swedish_for_the_council() -> None:
    rows = language_counts({"sv": 20, "ar": 12, "so": 7})

    with translation.override("sv"):
        assert languages_sentence(rows) == (
            "Skrivna svar per språk: svenska 20, arabiska 12, somaliska 7."
        )


def test_one_small_language_next_to_big_ones_is_protected_not_worked_out() -> None:
    rows = language_counts({"sv": 30, "ar": 2})

    # Swedish shown would give Arabic away (the total is shown): both are hidden.
    assert [(r.language, r.count, r.protected) for r in rows] == [
        ("sv", None, True),
        ("ar", None, False),
    ]


def test_only_swedish_needs_no_sentence() -> None:
    assert languages_sentence(language_counts({"sv": 25})) == ""


def test_fewer_than_five_in_all_says_nothing() -> None:
    assert languages_sentence(language_counts({"sv": 2, "ar": 1})) == ""


def test_the_brief_counts_published_open_text_answers_by_their_language() -> None:
    agenda = AgendaItemFactory()
    poll = PollFactory(questions=[])
    question = Question.objects.create(
        poll=poll, text="Vad vill du göra?", kind=QuestionKind.OPEN_TEXT, position=0
    )
    PollLinkFactory(planning_item=agenda.planning_item, poll=poll)
    for language, n in (("sv", 10), ("ar", 7)):
        for _ in range(n):
            ResponseFactory(
                question=question,
                option=None,
                participant=ParticipantFactory(),
                answer={"text": "fotboll"},
                text_status=TextStatus.PUBLISHED,
                language=language,
            )
    ResponseFactory(  # held: not in the brief
        question=question,
        option=None,
        answer={"text": "x"},
        text_status=TextStatus.HELD,
        language="ar",
    )

    with translation.override("sv"):
        [item] = asdict(brief_build(meeting=agenda.meeting))["items"]

    assert item["languages"] == [
        {"language": "sv", "count": 10, "protected": False},
        {"language": "ar", "count": 7, "protected": False},  # the held answer is not counted
    ]
    assert "Skrivna svar per språk: svenska 10, arabiska 7." in item["findings"]
