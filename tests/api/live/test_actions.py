"""The per-phone "mine" state is updated from each committed write's result."""

from typing import Any

from api.live.actions import mine_apply

EMPTY: dict[str, Any] = {"answers": {}, "upvoted": [], "questions": []}


def test_an_answer_sets_or_replaces_the_phones_answer() -> None:
    once = mine_apply("answer", EMPTY, {"question_id": 5, "option_id": 11})
    changed = mine_apply("answer", once, {"question_id": 5, "option_id": 12})

    assert once["answers"] == {"5": 11}
    assert changed["answers"] == {"5": 12}
    assert EMPTY["answers"] == {}  # the old state is not modified in place


def test_a_question_is_added_once_even_when_retried() -> None:
    question = {"id": 3, "text": "Varför?", "status": "held"}

    state = mine_apply("qa.post", mine_apply("qa.post", EMPTY, question), question)

    assert state["questions"] == [question]


def test_upvotes_are_added_and_withdrawn() -> None:
    up = mine_apply("qa.upvote", EMPTY, {"question_id": 7, "upvoted": True})
    twice = mine_apply("qa.upvote", up, {"question_id": 7, "upvoted": True})
    down = mine_apply("qa.upvote", twice, {"question_id": 7, "upvoted": False})

    assert up["upvoted"] == twice["upvoted"] == [7]
    assert down["upvoted"] == []


def test_an_answer_of_any_kind_sets_the_full_answer_and_only_options_in_answers() -> None:
    picks = {"question_id": 6, "option_id": None, "answer": {"option_ids": [1, 2]}}
    held = {"question_id": 9, "option_id": None, "answer": {"text": "Ett café"}}

    state = mine_apply("answer", mine_apply("answer", EMPTY, picks), held | {"text_status": "held"})

    assert state["answers"] == {}
    assert state["full_answers"] == {
        "6": {"answer": {"option_ids": [1, 2]}, "text_status": ""},
        "9": {"answer": {"text": "Ett café"}, "text_status": "held"},
    }
