"""Workshops entered by hand reach the council apart: linked like a poll, shown in a block of
their own in every brief and export, counted as their own channel in the follow-up, and never
added into the digital figures."""

import csv
import dataclasses
import io
from typing import Any

import pytest
from django.db import IntegrityError
from django.utils import timezone, translation
from pypdf import PdfReader

from forum.core.errors import AlreadyLinked, InvalidInput
from forum.council import exports
from forum.council.brief import brief_build
from forum.council.briefdata import BY_HAND, Brief, brief_from_json, brief_to_json
from forum.council.followup import followup_report
from forum.council.models import LinkKind, PlanningLink
from forum.council.services import planning_link_create
from forum.live.models import OfflineQuote, WorkshopChoice
from tests.factories import (
    AgendaItemFactory,
    OfflineWorkshopFactory,
    PlanningItemFactory,
    PollFactory,
    PollLinkFactory,
    WorkshopLinkFactory,
    answer_poll,
)

pytestmark = pytest.mark.django_db

MARK = (
    "Entered by hand from a workshop (paper/sticky notes) – "
    "not added together with the digital answers"
)


def _item_with_poll_and_workshop(*, linked: bool = True) -> Any:
    agenda = AgendaItemFactory(planning_item__title="Fritidsgårdar")
    poll = PollFactory(questions=[("Vad ska gården satsa på?", ["Idrott", "Musik"])])
    PollLinkFactory(planning_item=agenda.planning_item, poll=poll, note="")
    for _ in range(6):
        answer_poll(poll, option_index=0)
    for _ in range(5):
        answer_poll(poll, option_index=1)
    workshop = OfflineWorkshopFactory(
        title="Vilken aktivitet i vår?",
        method="paper_ballot",
        place="Rinkebyskolan",
        participants=31,
        counts=[14, 9, 6, 2],
    )
    OfflineQuote.objects.create(workshop=workshop, text="Mer musik på kvällarna.", position=0)
    if linked:
        WorkshopLinkFactory(planning_item=agenda.planning_item, workshop=workshop, note="")
    return agenda


def _brief(agenda: Any) -> Brief:
    with translation.override("en"):
        return brief_build(meeting=agenda.meeting)


# --- linking ---------------------------------------------------------------------------------


def test_an_official_links_a_workshop_to_a_planning_item_once(official: Any) -> None:
    item, workshop = PlanningItemFactory(), OfflineWorkshopFactory(counts=[10, 5])

    link = planning_link_create(planning_item=item, workshop=workshop, actor=official)
    assert link.kind == LinkKind.WORKSHOP
    with pytest.raises(AlreadyLinked):
        planning_link_create(planning_item=item, workshop=workshop, actor=official)


def test_a_link_names_one_target_only(official: Any) -> None:
    item, workshop = PlanningItemFactory(), OfflineWorkshopFactory(counts=[10, 5])
    with pytest.raises(InvalidInput):
        planning_link_create(
            planning_item=item, workshop=workshop, poll=PollFactory(), actor=official
        )
    with pytest.raises(IntegrityError):
        PlanningLink.objects.create(planning_item=item, workshop=workshop, poll=PollFactory())


# --- the brief -------------------------------------------------------------------------------


def test_the_brief_never_adds_hand_counts_into_the_digital_figures() -> None:
    with_workshop = _brief(_item_with_poll_and_workshop()).items[0]
    without = _brief(_item_with_poll_and_workshop(linked=False)).items[0]

    # 11 answered on their phones; the 31 on paper are not among them.
    assert with_workshop.participants == without.participants == 11
    assert [c.channel for c in with_workshop.channels] == ["polls"]

    # The poll's figures and percentages are exactly those without the workshop.
    def figures(item: Any) -> list[tuple[str, int | None, float | None]]:
        return [
            (o.label, o.count, o.percent)
            for p in item.polls
            for q in p.questions
            for o in q.options
        ]

    assert figures(with_workshop) == figures(without) == [("Idrott", 6, 54.5), ("Musik", 5, 45.5)]
    assert [w.participants for w in with_workshop.workshops] == [31]


def test_the_brief_shows_the_workshop_apart_with_its_counts_suppressed() -> None:
    item = _brief(_item_with_poll_and_workshop()).items[0]

    [workshop] = item.workshops
    assert workshop.source == BY_HAND
    assert workshop.method_name == "Paper ballot"
    assert workshop.place == "Rinkebyskolan"
    counts = [o.count for o in workshop.options]
    assert counts[0] == 14
    assert counts[3] is None  # 2 people
    assert workshop.quotes == ["Mer musik på kvällarna."]
    assert (
        "On site, entered by hand: 1 workshop with 31 young people "
        "(not counted in the digital answers)."
    ) in item.findings


def test_a_workshop_of_fewer_than_5_is_named_without_any_figure() -> None:
    agenda = AgendaItemFactory()
    workshop = OfflineWorkshopFactory(participants=4, counts=[3, 1])
    WorkshopLinkFactory(planning_item=agenda.planning_item, workshop=workshop)

    item = _brief(agenda).items[0]
    assert item.workshops[0].participants is None
    assert [o.count for o in item.workshops[0].options] == [None, None]
    assert (
        "On site, entered by hand: 1 workshop (not counted in the digital answers)."
        in item.findings
    )
    assert item.has_input


def test_the_pdf_marks_the_workshop_as_entered_by_hand() -> None:
    brief = _brief(_item_with_poll_and_workshop())
    with translation.override("en"):
        content = exports.brief_pdf(brief)
    text = " ".join(
        "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split()
    )

    assert " ".join(MARK.split()) in text
    assert "Vilken aktivitet i vår?" in text
    assert "Rinkebyskolan" in text
    assert "31 young people took part" in text
    # The item's own head count is the digital one.
    assert "11 young people took part" in text


def test_the_csv_carries_the_source_of_every_row() -> None:
    brief = _brief(_item_with_poll_and_workshop())
    with translation.override("en"):
        raw = exports.to_csv(exports.brief_rows(brief)).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw), delimiter=";"))

    assert rows[0][-1] == "Source"
    by_hand = [r for r in rows if r[-1] == "by hand"]
    digital = [r for r in rows if r[-1] == "digital"]
    assert by_hand
    assert digital
    assert all(r[2].startswith(MARK) for r in by_hand)
    assert not any("Vilken aktivitet" in r[2] for r in digital)
    options = {r[4]: r[5] for r in by_hand if r[3] == "Vilken aktivitet i vår?"}
    assert options["Alternativ 1"] == "14"
    assert options["Alternativ 4"] == "fewer than 5"
    assert ["Participants", "", "31"] in [r[3:6] for r in by_hand]


def test_a_published_snapshot_keeps_its_workshops_and_old_ones_load_without() -> None:
    brief = _brief(_item_with_poll_and_workshop())
    stored = brief_to_json(brief)

    assert brief_from_json(stored).items[0].workshops == brief.items[0].workshops
    for item in stored["items"]:
        del item["workshops"]
    assert brief_from_json(stored).items[0].workshops == []


# --- the follow-up ---------------------------------------------------------------------------


def test_the_follow_up_counts_workshops_as_a_channel_apart() -> None:
    _item_with_poll_and_workshop()
    OfflineWorkshopFactory(participants=14, counts=[9, 6], choice=WorkshopChoice.MULTIPLE)
    today = timezone.localdate()

    totals = followup_report(start=today.replace(day=1, month=1), end=today).totals

    assert totals.participants == 11  # the phones only
    assert totals.workshops_by_hand == 2
    assert totals.workshop_participants_by_hand == 45
    with translation.override("en"):
        labels = dict((key, label) for key, label, _v in totals.labelled())
    assert "by hand" in labels["workshop_participants_by_hand"]
    assert dataclasses.asdict(totals)["participants"] == 11


def test_the_follow_up_hides_a_small_head_count_from_workshops() -> None:
    OfflineWorkshopFactory(participants=3, counts=[2, 1])
    today = timezone.localdate()

    totals = followup_report(start=today.replace(day=1, month=1), end=today).totals
    assert totals.workshops_by_hand == 1
    assert totals.workshop_participants_by_hand is None
