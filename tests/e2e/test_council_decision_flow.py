"""Decisions back to the phones that took part and live activities routed to the
council: a phone votes in a live session, an official links that activity and an
idea to a planning item, records the decision with published feedback, and the phone reads
it on "Mina svar"; the idea's own timeline gets the decided step. axe-core runs on every
page state; screenshots land in test-artifacts/ (official 1280 px, phones 360 and 320 px).
"""

import datetime as dt
from typing import Any

from django.utils import timezone
from playwright.sync_api import expect

from config.management.commands.seed_demo import DEMO_JOIN_CODE
from forum.council.models import Meeting, PlanningItem, PlanningLink
from forum.ideas.models import Idea
from forum.live.models import ActivityKind, LiveActivity
from tests.e2e.conftest import BIG_SCREEN, PHONE, AxeChecker
from tests.e2e.test_council_ideas import no_horizontal_scroll
from tests.e2e.test_walking_skeleton import log_in

SLOW = 10_000
ITEM = "1.2.4-205-2025"  # "Medborgarbudget för unga i Järva", on the demo meeting's agenda
IDEA = "Scen för musik på sommaren"
NOTE = "Musikstudion vann omröstningen på fredagsfikat."
DECISION = "Nämnden beslutar att avsätta 200 000 kr till musik för unga."
FEEDBACK = "Ni ville ha musik – nämnden sa ja. Studion får nya instrument i vår."
USED = "Musikstudion får pengar, som ni röstade."
NARROW = {**PHONE, "viewport": {"width": 320, "height": 700}}


def test_official_links_activity_and_idea_and_the_phone_sees_the_decision(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    base, code = demo_server, DEMO_JOIN_CODE
    idea = Idea.objects.get(title=IDEA)
    activity = LiveActivity.objects.get(session__join_code=code, kind=ActivityKind.POLL_QUESTION)

    # 1. A phone takes part in the live session: it votes on the current poll question.
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{base}/j/{code}")
    phone.get_by_role("button", name="Musikstudion").click()
    expect(phone.get_by_text("Din röst är räknad ✓")).to_be_visible(timeout=SLOW)

    # 2. The official links that activity, and an idea, to the planning item.
    office = browser.new_context(**BIG_SCREEN).new_page()
    log_in(office, base, "tjansteperson", axe)
    office.goto(f"{base}/staff/council")
    expect(office.get_by_role("heading", name="Planeringspunkter")).to_be_visible(timeout=SLOW)
    card = office.locator("li.card", has_text=ITEM)
    card.get_by_text("Koppla det unga har sagt").click()
    card.get_by_label("Aktivitet i en livesession").check()
    card.get_by_role("combobox", name="Livesession").select_option(value=str(activity.session_id))
    card.get_by_role("combobox", name="Aktivitet", exact=True).select_option(value=str(activity.pk))
    card.get_by_label("Vad unga sa").fill(NOTE)
    axe.check(office, "council linking a live activity")
    card.get_by_role("button", name="Koppla", exact=True).click()
    expect(card.get_by_text("Klart! Aktiviteten är kopplad.")).to_be_visible(timeout=SLOW)
    linked = card.locator("ul.links li", has_text="Livesession:")
    expect(linked).to_contain_text(activity.question.text)  # type: ignore[union-attr]
    card.get_by_label("En idé").check()
    card.get_by_label("Idé", exact=True).select_option(value=str(idea.pk))
    card.get_by_label("Vad unga sa").fill("")
    card.get_by_role("button", name="Koppla", exact=True).click()
    expect(card.get_by_text("Klart! Idén är kopplad.")).to_be_visible(timeout=SLOW)
    expect(card.get_by_role("button", name=f"Ta bort kopplingen till {IDEA}")).to_be_visible()
    axe.check(office, "council with activity and idea links")
    shoot(office, "councilflow-council-1280")

    # 3. The brief shows the activity under "I livesessioner" with its results chart.
    office.get_by_role("link", name="Stadsdelsnämndens sammanträde").click()
    section = office.locator("section.brief-item", has_text=ITEM)
    expect(section.get_by_role("heading", name="I livesessioner")).to_be_visible(timeout=SLOW)
    expect(section.get_by_text(NOTE)).to_be_visible()
    expect(section.get_by_text("färre än 5 deltog")).to_be_visible()
    expect(section.get_by_role("rowheader", name="Musikstudion").first).to_be_visible()
    axe.check(office, "brief with a live activity")
    shoot(office, "councilflow-brief-1280")

    # 4. Not before it starts: the meeting cannot be marked held yet.
    office.get_by_role("button", name="Sammanträdet är hållet").click()
    expect(office.get_by_text("Sammanträdet har inte börjat än")).to_be_visible(timeout=SLOW)
    # After the meeting the official records the decision and publishes the feedback.
    Meeting.objects.filter(title="Stadsdelsnämndens sammanträde").update(
        starts_at=timezone.now() - dt.timedelta(hours=1)
    )
    office.get_by_role("button", name="Sammanträdet är hållet").click()
    decision = section.get_by_label("Nämndens beslut")
    expect(decision).to_be_visible(timeout=SLOW)
    decision.fill(DECISION)
    section.get_by_label("Utfall").select_option("approved")
    # Per linked input: how it was used and why; only those inputs' young people hear it.
    for link in PlanningLink.objects.filter(planning_item__reference=ITEM):
        section.locator(f"#use-{link.pk}").select_option("taken")
        section.locator(f"#why-{link.pk}").fill(USED)
    section.get_by_label("Återkoppling till unga").fill(FEEDBACK)
    section.get_by_label("Visa återkopplingen för de unga som deltog").check()
    section.get_by_role("button", name="Spara beslutet").click()
    expect(section.get_by_text("återkopplingen syns för de unga som deltog")).to_be_visible(
        timeout=SLOW
    )
    expect(section.get_by_text("Återkopplingen visas för de unga som deltog sedan")).to_be_visible(
        timeout=SLOW
    )
    axe.check(office, "brief with the decision recorded")
    shoot(office, "councilflow-decision-1280")

    # 5. The phone that voted reads it on "Mina svar" ("you said → we did").
    phone.goto(f"{base}/mina-svar")
    feedback = phone.locator(".my-feedback")
    expect(feedback.get_by_text(FEEDBACK)).to_be_visible(timeout=SLOW)
    took_part = f"Du var med i: {activity.session.title} – {activity.question.text}"  # type: ignore[union-attr]
    expect(feedback.get_by_text(took_part)).to_be_visible()
    expect(feedback.get_by_text(f"Planeringspunkt: {ITEM}")).to_be_visible()
    ours = feedback.locator("li", has_text=FEEDBACK)
    expect(ours.get_by_text(USED)).to_be_visible()
    expect(ours.get_by_text("Togs med i beslutet")).to_be_visible()
    no_horizontal_scroll(phone)
    axe.check(phone, "phone: mina svar with the decision")
    shoot(phone, "councilflow-mine-360")
    narrow = browser.new_context(**{**NARROW, "storage_state": phone.context.storage_state()})
    small = narrow.new_page()
    small.goto(f"{base}/mina-svar")
    expect(small.locator(".my-feedback").get_by_text(FEEDBACK)).to_be_visible(timeout=SLOW)
    no_horizontal_scroll(small)
    shoot(small, "councilflow-mine-320")

    # 6. The linked idea's public timeline has the decided step (any phone can read it).
    small.goto(f"{base}/ideas/idea/{idea.pk}")
    expect(small.get_by_text(FEEDBACK)).to_be_visible(timeout=SLOW)
    no_horizontal_scroll(small)
    axe.check(small, "phone: idea timeline with the council's decision")
    shoot(small, "councilflow-idea-320")

    # 7. The youth worker sees the link on the console and can link another activity there.
    worker = browser.new_context(**PHONE).new_page()
    log_in(worker, base, "ungdom", axe)
    worker.goto(f"{base}/console/{code}")
    links = worker.locator("section.council-links")
    expect(links.locator("ul.linked").get_by_text(ITEM)).to_be_visible(timeout=SLOW)
    links.get_by_text("Koppla ”2. Fråga fritidsledarna” till en planeringspunkt").click()
    form = links.locator("details[open]")
    other = PlanningItem.objects.get(reference="1.2.4-231-2025")
    form.get_by_label("Planeringspunkt").select_option(value=str(other.pk), timeout=SLOW)
    form.get_by_role("button", name="Koppla").click()
    expect(links.get_by_text("Klart! Aktiviteten är kopplad.")).to_be_visible(timeout=SLOW)
    no_horizontal_scroll(worker)
    axe.check(worker, "console with council links")
    shoot(worker, "councilflow-console-360")

    # 8. Removing a link asks first, then it is gone from the console.
    worker.once("dialog", lambda dialog: dialog.accept())
    links.get_by_role(
        "button", name=f"Ta bort kopplingen till 1.2.4-231-2025 {other.title}"
    ).click()
    expect(links.get_by_text("Kopplingen är borttagen.")).to_be_visible(timeout=SLOW)
    expect(links.locator("ul.linked").get_by_text("1.2.4-231-2025")).to_have_count(0)

    axe.assert_clean()
