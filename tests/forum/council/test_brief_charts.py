"""The brief draws its option questions with the one chart renderer, from the result rows
the API gives the web (forum.polls.selectors.ShownQuestionResult): the same order, labels
and suppression words, a bar only where a figure is shown."""

import re

from django.utils import translation

from forum.council.exports import question_out
from forum.polls.models import QuestionKind
from forum.polls.selectors import ShownOption, ShownQuestionResult


def _texts(chart: str) -> list[str]:
    return [t for t in re.findall(r">([^<>]+)<", chart) if t.strip()]


def test_a_choice_question_is_a_chart_of_the_api_rows_in_their_order() -> None:
    result = ShownQuestionResult(
        question_id=1,
        text="Vilken dag?",
        total=57,
        options=[
            ShownOption(option_id=3, label="Söndag", count=11, percent=19.3),
            ShownOption(
                option_id=1, label="Fredag", count=None, percent=None, hidden_to_protect=True
            ),
            ShownOption(option_id=2, label="Lördag", count=None, percent=None),
            ShownOption(option_id=4, label="Måndag", count=0, percent=0.0),
        ],
        kind=QuestionKind.SINGLE_CHOICE,
        suppressed=True,
    )

    with translation.override("sv"):
        out = question_out(result)

    assert out.chart is not None
    assert 'aria-label="Vilken dag?"' in out.chart
    assert _texts(out.chart) == [
        "Söndag",
        "11 (19,3 %)",
        "Fredag",
        "dold",
        "Lördag",
        "färre än 5",
        "Måndag",
        "0 (0 %)",
    ]
    assert out.chart.count('class="bar"') == 1  # Söndag's; none for hidden or 0


def test_a_budget_question_prints_the_amount_and_who_gave_to_it() -> None:
    result = ShownQuestionResult(
        question_id=2,
        text="Fördela 100 poäng",
        total=12,
        options=[
            ShownOption(option_id=1, label="Grill", count=9, percent=None, amount=600, funded=True),
            ShownOption(option_id=2, label="Scen", count=None, percent=None, amount=None),
        ],
        kind=QuestionKind.BUDGET,
        unit="poäng",
        budget=100,
    )

    with translation.override("sv"):
        texts = _texts(question_out(result).chart or "")

    assert texts[:2] == ["Grill", "600 poäng"]
    assert texts[2] == "Gav till det: 9 · får pengar"
    assert texts[3:] == ["Scen", "färre än 5"]


def test_a_ranking_is_drawn_highest_score_first_like_the_live_summary_and_the_web() -> None:
    result = ShownQuestionResult(
        question_id=3,
        text="Rangordna",
        total=12,
        options=[
            ShownOption(option_id=1, label="Grill", count=None, percent=None, score=10),
            ShownOption(option_id=2, label="Scen", count=8, percent=66.7, score=20),
            ShownOption(option_id=3, label="Bänkar", count=None, percent=None, score=None),
        ],
        kind=QuestionKind.RANKING,
        suppressed=True,
    )

    with translation.override("sv"):
        chart = question_out(result).chart or ""

    assert _texts(chart) == [
        "Scen",
        "20 poäng",
        "rankad som nummer ett: 8",
        "Grill",
        "10 poäng",
        "rankad som nummer ett: färre än 5",
        "Bänkar",
        "färre än 5",
    ]
    widths = re.findall(r'class="bar" style="[^"]*inline-size: ([0-9.]+)%"', chart)
    assert [float(w) for w in widths] == [100.0, 50.0]  # relative to the top score
