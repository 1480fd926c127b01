"""Every CSV/XLSX export keeps text that looks like a formula as text (CSV injection).

Formula-like text is planted wherever the export carries typed text (option labels, poll
answers, Q&A questions, planning item titles); each file is read back: no XLSX cell is a
formula and no CSV cell starts with a formula character.
"""

import csv
import io
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook

from forum.core.roles import Role
from forum.core.tabular import FORMULA_START
from forum.live.models import ActivityKind, LiveSession, QaQuestion, QaStatus
from forum.polls.models import Poll
from tests.factories import (
    AgendaItemFactory,
    ParticipantFactory,
    PollFactory,
    PollLinkFactory,
    UserFactory,
    answer_poll,
    live_session_with_activities,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

YEAR = date.today().year
PAYLOADS = ['=HYPERLINK("http://x","y")', "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.fixture
def world() -> dict[str, Any]:
    poll = PollFactory(questions=[("=1+1", PAYLOADS)])
    for index in range(len(PAYLOADS)):
        for _ in range(5):  # 5 each: every count is shown, every label is written
            answer_poll(poll, option_index=index)
    agenda = AgendaItemFactory(planning_item__title=PAYLOADS[0])
    PollLinkFactory(planning_item=agenda.planning_item, poll=poll, note=PAYLOADS[1])
    session, worker = live_session_with_activities()
    qa = session.activities.get(kind=ActivityKind.QA)
    for text in PAYLOADS:
        QaQuestion.objects.create(
            activity=qa,
            participant=ParticipantFactory(),
            text=text,
            status=QaStatus.PUBLISHED,
            idempotency_key=uuid.uuid4(),
        )
    return {"poll": poll, "meeting": agenda.meeting, "session": session, "worker": worker}


def _poll(w: dict[str, Any], name: str) -> str:
    poll: Poll = w["poll"]
    return f"/api/staff/polls/{poll.pk}/{name}"


def _live(w: dict[str, Any], fmt: str) -> str:
    session: LiveSession = w["session"]
    return f"/api/live/{session.join_code}/export.{fmt}"


EXPORTS: dict[str, tuple[Callable[[dict[str, Any]], str], str, bool]] = {
    # name: (url, role, carries planted text)
    "brief.csv": (lambda w: f"/api/council/meetings/{w['meeting'].pk}/brief.csv", "o", True),
    "brief.xlsx": (lambda w: f"/api/council/meetings/{w['meeting'].pk}/brief.xlsx", "o", True),
    "followup.csv": (
        lambda w: (
            f"/api/council/followup.csv?start={date.today().year}-01-01&end={date.today().year}-12-31"
        ),
        "o",
        False,
    ),
    "live.csv": (lambda w: _live(w, "csv"), "y", True),
    "live.xlsx": (lambda w: _live(w, "xlsx"), "y", True),
    "poll results.csv": (lambda w: _poll(w, "results.csv"), "y", True),
    "poll results.xlsx": (lambda w: _poll(w, "results.xlsx"), "y", True),
    "poll raw.csv": (lambda w: _poll(w, "raw.csv"), "y", True),
}


def _cells(content: bytes, xlsx: bool) -> list[tuple[Any, str]]:
    """(value, data type) of every cell; CSV cells are all text ("s")."""
    if xlsx:
        book = load_workbook(io.BytesIO(content))
        return [(c.value, c.data_type) for sheet in book for row in sheet.iter_rows() for c in row]
    text = content.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,")
    return [(v, "s") for row in csv.reader(io.StringIO(text, newline=""), dialect) for v in row]


@pytest.mark.parametrize("name", list(EXPORTS))
def test_no_export_writes_a_formula(name: str, world: dict[str, Any], client_for: Any) -> None:
    url, role, planted = EXPORTS[name]
    user = UserFactory(roles=[Role.OFFICIAL if role == "o" else Role.YOUTH_WORKER])

    response = client_for(user).get(url(world))

    assert response.status_code == 200, response.content[:300]
    cells = _cells(response.content, xlsx=name.endswith(".xlsx"))
    assert cells
    assert not [v for v, kind in cells if kind == "f"]
    assert not [v for v, _k in cells if isinstance(v, str) and v.startswith(FORMULA_START)]
    if planted:
        # The text is still there, kept as text.
        values = {v for v, _k in cells}
        assert any(f"'{p}" in values for p in PAYLOADS), sorted(map(str, values))[:40]
