"""The brief's figures: participants heard, suppressed demographics, the drafted analysis."""

from dataclasses import asdict

import pytest
from django.utils import translation

from forum.council.brief import brief_build
from forum.council.services import agenda_item_analysis_set
from tests.factories import AgendaItemFactory, PollFactory, PollLinkFactory, answer_poll

pytestmark = pytest.mark.django_db


def _setup():
    agenda = AgendaItemFactory(planning_item__reference="1.2.4-182-2025")
    poll = PollFactory(questions=[("Ska gården ha öppet på lördagar?", ["Ja", "Nej"])])
    PollLinkFactory(planning_item=agenda.planning_item, poll=poll, note="Tydligt ja")
    return agenda, poll


def _table(item: dict, dimension: str) -> dict[str, int | None]:
    [table] = [t for t in item["demographics"] if t["dimension"] == dimension]
    return {row["code"]: row["count"] for row in table["rows"]}


def test_small_groups_are_suppressed_with_a_complementary_cell() -> None:
    agenda, poll = _setup()
    for _ in range(7):
        answer_poll(poll, gender="boy", age_band="13-15", neighbourhood="husby")
    for _ in range(6):
        answer_poll(poll, gender="non_binary", age_band="13-15", neighbourhood="rinkeby")
    for _ in range(2):
        answer_poll(poll, gender="girl", age_band="16-19", neighbourhood="husby")

    [item] = asdict(brief_build(meeting=agenda.meeting))["items"]

    assert item["participants"] == 15
    genders = _table(item, "gender")
    # 2 girls are hidden; the 6 non-binary too, or girls = 15 - 7 - 0 - 0 could be recomputed.
    assert genders == {
        "girl": None,
        "boy": 7,
        "non_binary": None,
        "prefer_not": 0,
        "skipped": 0,
        "not_asked": 0,
    }
    ages = _table(item, "age_band")
    # 2 aged 16–19 hidden, and 13–15 too: it is the only other cell, so 15 - 13 would tell.
    assert (ages["16-19"], ages["13-15"]) == (None, None)
    assert all(
        v is None or v == 0 or v >= 5
        for t in ("gender", "age_band", "neighbourhood")
        for v in _table(item, t).values()
    )


def test_fewer_than_five_participants_shows_no_groups_at_all() -> None:
    agenda, poll = _setup()
    for _ in range(4):
        answer_poll(poll, gender="girl")

    [item] = asdict(brief_build(meeting=agenda.meeting))["items"]

    assert item["participants"] is None
    assert set(_table(item, "gender").values()) == {None}
    assert "4" not in item["analysis"]


def test_analysis_names_who_was_heard_and_who_was_not_in_swedish() -> None:
    agenda, poll = _setup()
    for _ in range(8):
        answer_poll(poll, option_index=0, gender="boy", age_band="16-19", neighbourhood="husby")
    for _ in range(2):
        answer_poll(poll, option_index=1, gender="girl", age_band="16-19", neighbourhood="kista")

    with translation.override("sv"):
        [item] = asdict(brief_build(meeting=agenda.meeting))["items"]

    text = item["analysis"]
    assert "10 unga" in text
    assert "barnkonventionen" in text
    assert "Få flickor deltog (färre än 5)" in text  # 2 girls: few, never with their number
    assert "Ingen från Akalla" in text
    assert "Akalla" in text
    assert "Husby" not in text.split("Ingen från")[1].split(".")[0]
    # 8 yes and 2 no: "Ja (80 %)" would give the 2 away, so the draft does not say it.
    assert "80 %" not in text
    assert "”Ja”" not in text
    assert " 2 " not in text


def test_the_officials_edit_replaces_the_draft_and_blank_restores_it(official) -> None:
    agenda, poll = _setup()
    answer_poll(poll)

    agenda_item_analysis_set(agenda_item=agenda, text="Vår egen analys.", actor=official)
    [edited] = asdict(brief_build(meeting=agenda.meeting))["items"]
    agenda_item_analysis_set(agenda_item=agenda, text="   ", actor=official)
    [restored] = asdict(brief_build(meeting=agenda.meeting))["items"]

    assert (edited["analysis"], edited["analysis_edited"]) == ("Vår egen analys.", True)
    assert restored["analysis"] == restored["analysis_drafted"] != "Vår egen analys."


def test_a_linked_single_question_shows_only_that_question(official) -> None:
    from forum.council.services import planning_link_create

    agenda = AgendaItemFactory()
    poll = PollFactory(questions=[("Första?", ["A", "B"]), ("Andra?", ["C", "D"])])
    second = poll.questions.get(text="Andra?")
    planning_link_create(
        planning_item=agenda.planning_item, poll=poll, question=second, note="", actor=official
    )
    answer_poll(poll)

    [item] = asdict(brief_build(meeting=agenda.meeting))["items"]

    [source] = item["polls"]
    assert [q["text"] for q in source["questions"]] == ["Andra?"]
    assert item["channels"][0]["channel"] == "polls"
    assert item["quotes"] == []
