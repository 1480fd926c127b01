"""The brief tells the truth: missing 'about you' is unknown, never absence; page 1 reads in
two minutes with Swedish plurals and numbers; a published version renders from its frozen
typed snapshot, old snapshots too."""

import io
from dataclasses import asdict

import pytest
from django.utils import translation
from pypdf import PdfReader

from forum.council import exports
from forum.council.brief import brief_build, brief_snapshot
from forum.council.briefdata import Brief, brief_from_json, brief_to_json
from forum.council.services import meeting_brief_publish, planning_link_create
from forum.live.models import ActivityKind
from tests.factories import (
    AgendaItemFactory,
    IdeaBoardFactory,
    IdeaFactory,
    ParticipantFactory,
    PollFactory,
    PollLinkFactory,
    ResponseFactory,
    answer_poll,
    live_session_with_activities,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def _pdf_text(content: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def _poll_item(n_answered: int, n_silent: int, gender: str = "girl"):
    agenda = AgendaItemFactory()
    poll = PollFactory(questions=[("Vad vill du?", ["Ja", "Nej", "Vet inte"])])
    PollLinkFactory(planning_item=agenda.planning_item, poll=poll, note="")
    for i in range(n_answered):
        answer_poll(
            poll, option_index=i % 3, gender=gender, age_band="13-15", neighbourhood="husby"
        )
    for i in range(n_silent):
        answer_poll(poll, option_index=i % 3)  # was never asked "about you" in the forum
    return agenda


def test_a_live_only_session_says_gender_is_unknown_because_it_was_not_asked() -> None:
    session, worker = live_session_with_activities()
    agenda = AgendaItemFactory()
    activity = session.activities.filter(kind=ActivityKind.POLL_QUESTION)[0]
    assert activity.question is not None
    planning_link_create(
        planning_item=agenda.planning_item, activity=activity, note="", actor=worker
    )
    option = activity.question.options.all()[0]
    for _ in range(6):
        ResponseFactory(option=option, participant=ParticipantFactory())

    with translation.override("sv"):
        brief = brief_build(meeting=agenda.meeting)
        text = brief.items[0].analysis
        pdf = _pdf_text(exports.brief_pdf(brief))

    assert (
        "Kön är okänt för 6 av 6 deltagare: 6 fick aldrig frågan (livesessionen frågade inte)."
        in text
    )
    assert "Inga flickor" not in text
    assert "Ingen från Akalla" not in text
    assert "För få har berättat om sig själva" in text
    assert "Inga flickor" not in pdf
    assert "Ingen från" not in pdf
    [gender] = [t for t in brief.items[0].demographics if t.dimension == "gender"]
    assert {r.code: r.count for r in gender.rows if r.status != "answered"} == {
        "prefer_not": 0,
        "skipped": 0,
        "not_asked": 6,
    }


def test_a_half_answered_poll_names_no_missing_group_and_says_what_is_unknown() -> None:
    agenda = _poll_item(6, 6)

    with translation.override("sv"):
        [item] = brief_build(meeting=agenda.meeting).items

    assert "Kön är okänt för 6 av 12 deltagare: 6 fick aldrig frågan" in item.analysis
    assert "Inga pojkar" not in item.analysis
    assert "Ingen från Akalla" not in item.analysis
    assert "För få har berättat om sig själva" in item.analysis


def test_a_fully_answered_poll_states_who_did_not_take_part() -> None:
    agenda = _poll_item(10, 0)

    with translation.override("sv"):
        [item] = brief_build(meeting=agenda.meeting).items

    assert "Inga pojkar deltog." in item.analysis
    assert "Ingen från Akalla" in item.analysis
    assert "okänt" not in item.analysis
    assert "För få" not in item.analysis


def test_page_one_has_swedish_plurals_and_numbers_and_nothing_of_zero() -> None:
    agenda = _poll_item(6, 0)  # Ja 2, Nej 2, Vet inte 2: 33,3 % each, hidden as under 5
    board = IdeaBoardFactory()
    IdeaFactory(board=board, title="Fler bänkar")
    from forum.council.models import PlanningLink

    PlanningLink.objects.create(planning_item=agenda.planning_item, board=board, note="")
    poll = PollFactory(questions=[("Hur ofta?", ["Ofta", "Sällan", "Aldrig"])])
    PollLinkFactory(planning_item=agenda.planning_item, poll=poll, note="")
    for i in range(15):
        answer_poll(poll, option_index=i % 3, gender="girl")

    with translation.override("sv"):
        text = _pdf_text(exports.brief_pdf(brief_build(meeting=agenda.meeting)))

    assert "1 idé" in text
    assert "1 idéer" not in text
    assert "33,3 %" in text
    assert "33.3" not in text
    assert "UTKAST" in text
    assert "Akalla 0" not in text  # no rows of zeros


def test_budget_amounts_and_scale_averages_reach_pdf_and_csv() -> None:
    from forum.polls.models import Question, QuestionKind, Response

    agenda = AgendaItemFactory()
    poll = PollFactory(questions=[("Hur nöjd?", ["x"]), ("Fördela 10 poäng", ["Bad", "Park"])])
    PollLinkFactory(planning_item=agenda.planning_item, poll=poll, note="")
    scale, budget = poll.questions.order_by("position", "id")
    Question.objects.filter(pk=scale.pk).update(
        kind=QuestionKind.SCALE, config={"scale_min": 1, "scale_max": 5}
    )
    Question.objects.filter(pk=budget.pk).update(
        kind=QuestionKind.BUDGET, config={"budget": 10, "unit": "poäng"}
    )
    bad, park = budget.options.all()
    # Five 3s and five 4s: no scale value under 5, so the mean can be shown.
    for i in range(10):
        participant = ParticipantFactory()
        Response.objects.create(
            question=scale, participant=participant, answer={"value": 3 + i % 2}
        )
        Response.objects.create(
            question=budget,
            participant=participant,
            answer={"allocation": {str(bad.pk): 7, str(park.pk): 3}},
        )

    with translation.override("sv"):
        brief = brief_build(meeting=agenda.meeting)
        text = _pdf_text(exports.brief_pdf(brief))
        rows = list(exports.brief_rows(brief))

    assert "Medelvärde 3,5" in text
    assert "70 poäng" in text
    assert "30 poäng" in text
    assert ("Bad", 10, 70) in [(r[4], r[5], r[7]) for r in rows]
    assert ["Medelvärde", 10, None, None, 3.5] in [r[4:9] for r in rows]


def test_a_published_brief_round_trips_through_its_snapshot(official) -> None:
    agenda = _poll_item(10, 0)
    version = meeting_brief_publish(meeting=agenda.meeting, changelog="", actor=official)

    loaded = brief_from_json(version.snapshot)

    assert isinstance(loaded, Brief)
    assert loaded.version == 1
    assert brief_to_json(loaded) == version.snapshot
    with translation.override("sv"):
        text = _pdf_text(exports.brief_pdf(loaded))
    assert "Version 1, publicerad" in text
    assert "UTKAST" not in text


def test_a_snapshot_in_the_old_dict_shape_still_renders(official) -> None:
    agenda = _poll_item(10, 0)
    with translation.override("sv"):
        old = asdict(brief_snapshot(meeting=agenda.meeting, number=1, changelog=""))
    # The shape briefs were published in before the brief was typed.
    del old["schema"], old["participants"], old["channels"], old["versions"]
    for item in old["items"]:
        del item["findings"], item["activities"], item["idea_links"], item["top_ideas"]
        del item["ideas"]
        for table in item["demographics"]:
            table["rows"] = [
                {k: v for k, v in r.items() if k != "status"}
                for r in table["rows"]
                if r["code"] not in ("skipped", "not_asked")
            ] + [{"code": "not_answered", "label": "Svarade inte", "count": 0}]
        for quote in item["quotes"]:
            quote.pop("id")

    brief = brief_from_json(old)

    assert brief.schema == 1
    assert brief.items[0].activities == []
    [gender] = [t for t in brief.items[0].demographics if t.dimension == "gender"]
    assert [r.status for r in gender.rows if r.code == "not_answered"] == ["unknown"]
    with translation.override("sv"):
        text = _pdf_text(exports.brief_pdf(brief))
        rows = list(exports.brief_rows(brief))
    assert "Version 1, publicerad" in text
    assert any(r[4] == "Ja" for r in rows)
    from api.council.serializers import BriefDocumentOutput

    assert BriefDocumentOutput(brief).data["items"][0]["participants"] == 10


def test_a_tie_is_not_called_the_most_common_answer() -> None:
    agenda = _poll_item(15, 0)  # 5 Ja, 5 Nej, 5 Vet inte

    with translation.override("sv"):
        [item] = brief_build(meeting=agenda.meeting).items

    assert item.findings == [
        "På frågan ”Vad vill du?” gavs svaren ”Ja”, ”Nej” och ”Vet inte” lika ofta (33 % vardera)."
    ]
