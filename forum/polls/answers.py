"""Answers per question kind: validation into one canonical JSON shape.

Shapes stored in ``Response.answer`` (and accepted from clients):

- single_choice, yes_no:  {"option_id": 3}
- multiple_choice:        {"option_ids": [3, 5]}          (min_picks..max_picks, no repeats)
- scale:                  {"value": 4}                    (scale_min..scale_max)
- ranking:                {"order": [5, 3, 4]}            (a permutation of every option)
- open_text:              {"text": "..."}                 (1..max_length characters)
- budget, allocate mode:  {"allocation": {"3": 40, "5": 60}}  (sum <= budget)
- budget, approval mode:  {"option_ids": [3, 5]}          (sum of costs <= budget)

Bad input raises InvalidInput / UnknownOption with a message for the ``answer`` field.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from forum.core.errors import InvalidInput, UnknownOption
from forum.core.text import text_clean
from forum.polls.models import BudgetMode, Question, QuestionKind

DEFAULT_TEXT_MAX = 280
TEXT_MAX_LIMIT = 1000
SCALE_DEFAULT = (1, 5)


def _bad(message: Any) -> InvalidInput:
    return InvalidInput(fields={"answer": [message]})


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(_("Send whole numbers."))
    return value


def _int_list(value: Any) -> list[int]:
    if not isinstance(value, list):
        raise _bad(_("Send a list of options."))
    return [_int(v) for v in value]


def scale_bounds(question: Question) -> tuple[int, int]:
    config = question.config or {}
    return int(config.get("scale_min", SCALE_DEFAULT[0])), int(
        config.get("scale_max", SCALE_DEFAULT[1])
    )


def pick_bounds(question: Question, option_count: int) -> tuple[int, int]:
    config = question.config or {}
    low = int(config.get("min_picks") or 1)
    high = int(config.get("max_picks") or option_count)
    return low, high


def text_max(question: Question) -> int:
    return int((question.config or {}).get("max_length") or DEFAULT_TEXT_MAX)


def budget_of(question: Question) -> int:
    return int((question.config or {}).get("budget") or 0)


def budget_mode(question: Question) -> str:
    return str((question.config or {}).get("budget_mode") or BudgetMode.ALLOCATE)


def answer_validate(
    *, question: Question, answer: Mapping[str, Any], option_costs: Mapping[int, int]
) -> dict[str, Any]:
    """Check ``answer`` against ``question`` and return its canonical form.

    ``option_costs`` maps every option id of the question to its cost.
    """
    if not isinstance(answer, Mapping):
        raise _bad(_("The answer is missing."))
    kind = question.kind
    options = set(option_costs)

    def known(ids: list[int]) -> None:
        if any(i not in options for i in ids):
            raise UnknownOption(fields={"answer": [UnknownOption.default_message]})

    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.YES_NO):
        option_id = _int(answer.get("option_id"))
        known([option_id])
        return {"option_id": option_id}

    if kind == QuestionKind.MULTIPLE_CHOICE:
        ids = _int_list(answer.get("option_ids"))
        known(ids)
        if len(set(ids)) != len(ids):
            raise _bad(_("Pick each option only once."))
        low, high = pick_bounds(question, len(options))
        if len(ids) < low:
            raise _bad(_("Pick at least %(n)d.") % {"n": low})
        if len(ids) > high:
            raise _bad(_("Pick at most %(n)d.") % {"n": high})
        return {"option_ids": sorted(ids)}

    if kind == QuestionKind.SCALE:
        value = _int(answer.get("value"))
        low, high = scale_bounds(question)
        if not low <= value <= high:
            raise _bad(_("Pick a number from %(low)d to %(high)d.") % {"low": low, "high": high})
        return {"value": value}

    if kind == QuestionKind.RANKING:
        order = _int_list(answer.get("order"))
        known(order)
        if len(order) != len(options) or set(order) != options:
            raise _bad(_("Put every option in order, each exactly once."))
        return {"order": order}

    if kind == QuestionKind.OPEN_TEXT:
        text = answer.get("text")
        if not isinstance(text, str):
            raise _bad(_("Write an answer first."))
        text = " ".join(text_clean(text, field="answer", multiline=True).split())
        limit = text_max(question)
        if len(text) > limit:
            raise _bad(_("Keep it to %(n)d characters or fewer.") % {"n": limit})
        return {"text": text}

    if kind == QuestionKind.BUDGET:
        budget = budget_of(question)
        if budget_mode(question) == BudgetMode.APPROVAL:
            ids = _int_list(answer.get("option_ids"))
            known(ids)
            if len(set(ids)) != len(ids):
                raise _bad(_("Pick each option only once."))
            if not ids:
                raise _bad(_("Pick at least %(n)d.") % {"n": 1})
            if sum(option_costs[i] for i in ids) > budget:
                raise _bad(_("That is more than the budget of %(n)d.") % {"n": budget})
            return {"option_ids": sorted(ids)}
        raw = answer.get("allocation")
        if not isinstance(raw, Mapping):
            raise _bad(_("Send how much you give each option."))
        allocation: dict[str, int] = {}
        for key, amount in raw.items():
            try:
                option_id = int(key)
            except (TypeError, ValueError):
                raise UnknownOption(fields={"answer": [UnknownOption.default_message]}) from None
            known([option_id])
            value = _int(amount)
            if value < 0:
                raise _bad(_("Amounts cannot be negative."))
            if value:
                allocation[str(option_id)] = value
        spent = sum(allocation.values())
        if spent > budget:
            raise _bad(_("That is more than the budget of %(n)d.") % {"n": budget})
        if spent == 0:
            raise _bad(_("Give some of the budget to at least one option."))
        # In option order: one answer has one stored form (compared when a retry comes in).
        return {"allocation": dict(sorted(allocation.items(), key=lambda item: int(item[0])))}

    raise _bad(_("This kind of question cannot be answered."))  # pragma: no cover


def answer_option_id(*, question: Question, answer: Mapping[str, Any]) -> int | None:
    """The option column for one-option kinds (kept for simple tallies), else None."""
    if question.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.YES_NO):
        return int(answer["option_id"])
    return None


def answer_summary(*, question: Question, answer: Mapping[str, Any]) -> str:
    """A short human-readable form of a stored answer (for 'you said → we did')."""
    labels = {option.pk: option.label for option in question.options.all()}

    def label(option_id: Any) -> str:
        return labels.get(int(option_id), "?")

    if "option_id" in answer:
        return label(answer["option_id"])
    if "option_ids" in answer:
        return ", ".join(label(i) for i in answer["option_ids"])
    if "value" in answer:
        return str(answer["value"])
    if "order" in answer:
        return ", ".join(f"{n}. {label(i)}" for n, i in enumerate(answer["order"], start=1))
    if "text" in answer:
        return str(answer["text"])
    if "allocation" in answer:
        return ", ".join(f"{label(i)}: {amount}" for i, amount in answer["allocation"].items())
    return ""
