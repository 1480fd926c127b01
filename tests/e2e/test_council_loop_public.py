"""The whole council loop, end to end: a phone answers a poll linked to a planning
item on a meeting's agenda and another poll that is not; the official downloads the brief
PDF and publishes it; after the meeting starts it is held and the decision recorded with how
the linked poll was used; the phone (and a second phone that took over its history with the
personal code) reads the decision on the linked poll only; the public forum page, without a
login, shows the published brief and the decision. axe-core on every state; screenshots of
the public page (320 and 1440 px) and of /mina-svar with the decision (320 px) land in
test-artifacts/.
"""

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from forum.council.models import AgendaItem, Meeting, PlanningItem
from forum.council.services import planning_link_create
from forum.participation.models import Forum
from tests.e2e.conftest import PHONE, AxeChecker
from tests.e2e.test_poll_kinds import COUNTED, no_horizontal_scroll, section
from tests.e2e.test_walking_skeleton import log_in
from tests.factories import DepartmentFactory, PollFactory

SLOW = 10_000
PHONE_390 = {**PHONE, "viewport": {"width": 390, "height": 844}}
NARROW = {**PHONE, "viewport": {"width": 320, "height": 700}}
DESKTOP = {"viewport": {"width": 1440, "height": 900}, "locale": "sv-SE"}
LINKED = "Kvällsöppet i sommar"
LINKED_Q = "Vilka kvällar ska fritidsgården ha öppet i sommar?"
OTHER = "Skolgårdens nya bänkar"
OTHER_Q = "Var ska bänkarna stå?"
ITEM_REF = "1.2.4-301-2025"
ITEM_TITLE = "Fritidsgårdarnas öppettider sommaren 2026"
MEETING = "Nämndens möte om sommaren"
DECISION = "Nämnden beslutar att fritidsgårdarna har öppet fredagar och lördagar i sommar."
FEEDBACK = "Ni ville ha kvällsöppet – nu blir det fredagar och lördagar."
REASON = "Fredagar och lördagar fick flest röster."
SV_MONTHS = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip


def sv_date(when: dt.datetime) -> str:
    """A date as the pages write it (sv-SE, long, Europe/Stockholm): '3 juni 2026'."""
    local = when.astimezone(ZoneInfo("Europe/Stockholm"))
    return f"{local.day} {SV_MONTHS[local.month - 1]} {local.year}"


def answer(page: Any, base: str, poll_id: int, question: str, option: str) -> None:
    page.goto(f"{base}/p/{poll_id}")
    section(page, question).get_by_role("button", name=option).click()
    expect(page.get_by_text(COUNTED)).to_be_visible(timeout=SLOW)


def test_phone_answers_to_brief_to_decision_to_both_phones_and_the_public_page(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    base = demo_server
    forum = Forum.objects.get(slug="ungdomsforum-jarva")
    linked = PollFactory(
        forum=forum, title=LINKED, questions=[(LINKED_Q, ["Fredagar", "Söndagar"])]
    )
    other = PollFactory(
        forum=forum, title=OTHER, questions=[(OTHER_Q, ["Vid entrén", "Vid planen"])]
    )
    item = PlanningItem.objects.create(
        reference=ITEM_REF,
        title=ITEM_TITLE,
        area="mandate",
        department=DepartmentFactory(name="Fritid"),
    )
    meeting = Meeting.objects.create(title=MEETING, starts_at=timezone.now() + dt.timedelta(days=2))
    AgendaItem.objects.create(meeting=meeting, planning_item=item, position=1)
    staff = User.objects.get(username="tjansteperson")
    link = planning_link_create(
        planning_item=item, poll=linked, note="Kvällarna i sommar.", actor=staff
    )

    # 1. A phone (390 px) answers the linked poll and the other poll.
    phone_ctx = browser.new_context(**PHONE_390)
    phone = phone_ctx.new_page()
    answer(phone, base, linked.pk, LINKED_Q, "Fredagar")
    axe.check(phone, "phone: linked poll answered")
    answer(phone, base, other.pk, OTHER_Q, "Vid planen")

    # 2. The official downloads the brief PDF: the poll is in it, its count suppressed.
    office = browser.new_context(**DESKTOP).new_page()
    log_in(office, base, "tjansteperson", axe)
    office.goto(f"{base}/staff/council/meetings/{meeting.pk}")
    brief_item = office.locator("section.brief-item", has_text=ITEM_REF)
    expect(brief_item).to_be_visible(timeout=SLOW)
    axe.check(office, "official: draft brief")
    with office.expect_download(timeout=60_000) as download:
        office.get_by_role("link", name="Ladda ner PDF").click()
    pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert LINKED in text, text[:2000]
    assert "färre än 5" in text, text[:2000]  # one phone: a count under 5 is never printed
    assert OTHER not in text

    # ... and publishes it.
    office.get_by_role("button", name="Publicera underlaget").click()
    expect(office.get_by_text("Underlaget är publicerat.")).to_be_visible(timeout=SLOW)
    axe.check(office, "official: brief published")

    # 3. The meeting is held (it has started), and the decision recorded with the usage.
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - dt.timedelta(hours=1))
    meeting.refresh_from_db()
    office.reload()
    office.get_by_role("button", name="Sammanträdet är hållet").click()
    brief_item = office.locator("section.brief-item", has_text=ITEM_REF)
    decision = brief_item.get_by_label("Nämndens beslut")
    expect(decision).to_be_visible(timeout=SLOW)
    decision.fill(DECISION)
    brief_item.get_by_label("Utfall").select_option("approved")
    brief_item.locator(f"#use-{link.pk}").select_option("taken")
    brief_item.locator(f"#why-{link.pk}").fill(REASON)
    brief_item.get_by_label("Återkoppling till unga").fill(FEEDBACK)
    brief_item.get_by_label("Visa återkopplingen för de unga som deltog").check()
    brief_item.get_by_role("button", name="Spara beslutet").click()
    expect(brief_item.get_by_text("återkopplingen syns för de unga som deltog")).to_be_visible(
        timeout=SLOW
    )
    axe.check(office, "official: decision recorded and published")

    # 4. The phone reads the decision on the linked poll only, dated the meeting's date.
    def sees_decision_on_linked_poll_only(page: Any, label: str) -> None:
        page.goto(f"{base}/mina-svar")
        feedback = page.locator(".my-feedback")
        expect(feedback.get_by_text(FEEDBACK)).to_be_visible(timeout=SLOW)
        entries = feedback.locator("li")
        expect(entries).to_have_count(1)
        ours = entries.first
        expect(ours.get_by_text(f"Du svarade på: {LINKED}")).to_be_visible()
        expect(ours.get_by_text("Togs med i beslutet")).to_be_visible()
        expect(ours.get_by_text(REASON)).to_be_visible()
        expect(ours.get_by_text(f"Beslutat {sv_date(meeting.starts_at)}")).to_be_visible()
        expect(feedback.get_by_text(OTHER)).to_have_count(0)
        expect(feedback.get_by_text(OTHER_Q)).to_have_count(0)
        # The other poll is still in the history, without a decision.
        votes = page.locator("section", has=page.get_by_role("heading", name="Mina röster"))
        other_vote = votes.locator("li", has_text=OTHER)
        expect(other_vote).to_be_visible(timeout=SLOW)
        expect(other_vote.get_by_text(REASON)).to_have_count(0)
        expect(other_vote.get_by_text("Togs med i beslutet")).to_have_count(0)
        no_horizontal_scroll(page)
        axe.check(page, label)

    sees_decision_on_linked_poll_only(phone, "phone: mina svar with the decision")
    phone.set_viewport_size(NARROW["viewport"])
    phone.locator(".my-feedback").scroll_into_view_if_needed()
    no_horizontal_scroll(phone)
    shoot(phone, "loop-mina-svar-decision-320")

    # 5. A second phone takes over the history with the first phone's personal code.
    move = phone.locator(
        "section", has=phone.get_by_role("heading", name="Flytta dina svar till en annan mobil")
    )
    move.get_by_role("button", name="Visa min kod").click()
    code_text = move.locator(".code")
    expect(code_text).to_have_text(re.compile(r"^[A-HJ-NP-Z2-9]{4}-"), timeout=SLOW)
    code = code_text.inner_text().strip()
    second_ctx = browser.new_context(**PHONE_390)
    second = second_ctx.new_page()
    second.goto(f"{base}/mina-svar")
    expect(second.locator(".my-feedback")).to_have_count(0)
    second.get_by_label("Skriv in koden").fill(code)
    second.get_by_role("button", name="Flytta hit").click()
    expect(second.get_by_text("Klart! Dina svar finns nu på den här mobilen också.")).to_be_visible(
        timeout=SLOW
    )
    sees_decision_on_linked_poll_only(second, "second phone: mina svar after the code")

    # 6. The public forum page, anonymous: the published brief and the decision.
    for width, name in ((320, "loop-public-320"), (1440, "loop-public-1440")):
        ctx = browser.new_context(
            **(NARROW if width == 320 else DESKTOP)  # a phone, then a desktop
        )
        public = ctx.new_page()
        public.goto(f"{base}/")
        public.get_by_role("link", name="Vad hände med ungas röster?").click()
        public.get_by_role("link", name=forum.name).click()
        expect(public.get_by_role("heading", name=f"Insyn: {forum.name}")).to_be_visible(
            timeout=SLOW
        )
        decisions = public.locator(
            "section", has=public.get_by_role("heading", name="Beslut som tog upp ungas synpunkter")
        )
        ours = decisions.locator("li.decision", has_text=ITEM_REF)
        expect(ours.get_by_text(DECISION)).to_be_visible(timeout=SLOW)
        expect(ours.get_by_text(f"{MEETING}, {sv_date(meeting.starts_at)}")).to_be_visible()
        expect(ours.get_by_text(REASON)).to_be_visible()
        expect(ours.get_by_text("Togs med i beslutet")).to_be_visible()
        expect(ours.get_by_text(OTHER)).to_have_count(0)
        briefs = public.locator(
            "section", has=public.get_by_role("heading", name="Underlag som nämnden fick")
        )
        ours_brief = briefs.locator("li.brief", has_text=MEETING)
        expect(ours_brief.get_by_text(re.compile(r"^Version 1, publicerad "))).to_be_visible()
        expect(ours_brief.get_by_text("färre än 5 unga deltog")).to_be_visible()
        expect(
            public.get_by_role("heading", name=re.compile(r"^Uppföljning \d{4}$"))
        ).to_be_visible()
        no_horizontal_scroll(public)
        axe.check(public, f"public forum page at {width} px")
        for link_el in public.locator("main .back a, main .card-link").all():
            box = link_el.bounding_box()
            assert box is not None, link_el.inner_text()
            assert box["height"] >= 44, link_el.inner_text()
        shoot(public, name)
        ctx.close()

    for ctx in (phone_ctx, second_ctx):
        ctx.close()
    axe.assert_clean()
