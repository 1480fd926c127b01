"""An official routes a young person's idea to a planning item and finds it in the brief.

The idea then shows "Kopplad till nämndens planeringspunkt …" on the phone's idea page and
on the youth worker's board page. axe-core runs on every page state; screenshots land in
test-artifacts/.
"""

from typing import Any

from playwright.sync_api import expect

from forum.ideas.models import Idea
from forum.polls.models import Poll
from tests.e2e.conftest import BIG_SCREEN, PHONE, AxeChecker
from tests.e2e.test_walking_skeleton import log_in

SLOW = 10_000
ITEM = "1.2.4-205-2025"  # "Medborgarbudget för unga i Järva", on the demo meeting's agenda
IDEA = "Scen för musik på sommaren"
NOTE = "Unga vill ha en scen på torget."
OTHER_ITEM = "1.2.4-231-2025"


def no_horizontal_scroll(page: Any) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"page scrolls sideways by {overflow}px"


def test_official_links_an_idea_and_sees_it_with_a_quote_in_the_brief(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    base = demo_server
    idea = Idea.objects.get(title=IDEA)

    # 1. The official links one idea to a planning item, with a note.
    office = browser.new_context(**BIG_SCREEN).new_page()
    log_in(office, base, "tjansteperson", axe)
    office.goto(f"{base}/staff/council")
    expect(office.get_by_role("heading", name="Planeringspunkter")).to_be_visible(timeout=SLOW)
    card = office.locator("li.card", has_text=ITEM)
    card.get_by_text("Koppla det unga har sagt").click()
    card.get_by_label("En idé").check()
    card.get_by_label("Idé", exact=True).select_option(value=str(idea.pk))
    card.get_by_label("Vad unga sa").fill(NOTE)
    axe.check(office, "council linking an idea")
    card.get_by_role("button", name="Koppla").click()
    expect(card.get_by_text("Klart! Idén är kopplad.")).to_be_visible(timeout=SLOW)
    expect(card.locator("ul.links").get_by_text(IDEA)).to_be_visible()
    axe.check(office, "council after linking an idea")
    shoot(office, "council-idea-linked")

    # 2. One question of a poll goes to another item (single-question linking).
    poll = Poll.objects.get(title="Fredagskvällar på fritidsgården")
    question = poll.questions.order_by("position").last()
    assert question is not None
    other = office.locator("li.card", has_text=OTHER_ITEM)
    other.get_by_text("Koppla det unga har sagt").click()
    other.get_by_label("En fråga").check()
    other.get_by_role("combobox", name="Omröstning").select_option(value=str(poll.pk))
    other.get_by_role("combobox", name="Fråga", exact=True).select_option(value=str(question.pk))
    other.get_by_role("button", name="Koppla").click()
    expect(other.get_by_text("Klart! Frågan är kopplad.")).to_be_visible(timeout=SLOW)
    expect(other.locator("ul.links").get_by_text(f"({question.text})")).to_be_visible()
    axe.check(office, "council after linking one question")

    # 3. The brief shows the ideas channel, the top ideas with support, and a chosen quote.
    office.goto(f"{base}/staff/council")
    office.get_by_role("link", name="Stadsdelsnämndens sammanträde").click()
    expect(office.get_by_role("heading", name="Ungas röster inför nämnden")).to_be_visible()
    section = office.locator("section.brief-item", has_text=ITEM)
    expect(section.get_by_role("heading", name="Mest stöttade idéer")).to_be_visible(timeout=SLOW)
    expect(section.get_by_role("rowheader", name=IDEA)).to_be_visible()
    expect(section.get_by_text(NOTE)).to_be_visible()
    expect(section.get_by_text("Idéer:")).to_be_visible()
    section.get_by_text("Välj citat").click()
    axe.check(office, "brief quote picker")
    section.get_by_role("button", name="Lägg till citat").first.click()
    expect(office.get_by_text("Citatet är tillagt.")).to_be_visible(timeout=SLOW)
    expect(section.locator("blockquote", has_text="En liten scen på torget")).to_be_visible()
    other_section = office.locator("section.brief-item", has_text=OTHER_ITEM)
    expect(other_section.get_by_text(question.text).first).to_be_visible()
    axe.check(office, "brief with idea and quote")
    shoot(office, "council-brief-ideas")

    # 4. Publishing freezes the quote and the top ideas.
    office.get_by_role("button", name="Publicera underlaget").click()
    expect(office.get_by_text("Version 1 är publicerad och låst.")).to_be_visible(timeout=SLOW)
    frozen = office.locator("section.brief-item", has_text=ITEM)
    expect(frozen.locator("blockquote", has_text="En liten scen på torget")).to_be_visible()
    expect(frozen.get_by_role("rowheader", name=IDEA)).to_be_visible()
    axe.check(office, "published brief with ideas")

    # 5. The phone's idea page says where the idea went (320 px, no sideways scroll).
    phone = browser.new_context(**{**PHONE, "viewport": {"width": 320, "height": 700}}).new_page()
    phone.goto(f"{base}/ideas/idea/{idea.pk}")
    expect(phone.get_by_text("Kopplad till nämndens planeringspunkt")).to_be_visible(timeout=SLOW)
    expect(phone.get_by_text(f"{ITEM} Medborgarbudget för unga i Järva")).to_be_visible()
    no_horizontal_scroll(phone)
    axe.check(phone, "phone idea page with planning link")
    shoot(phone, "idea-linked-phone")

    # 6. The youth worker's board page shows it too.
    worker = browser.new_context(**PHONE).new_page()
    log_in(worker, base, "ungdom", axe)
    worker.goto(f"{base}/staff/ideas/boards/{idea.board_id}")
    expect(
        worker.get_by_text(f"Idén ”{IDEA}” är kopplad till nämndens planeringspunkt")
    ).to_be_visible(timeout=SLOW)
    no_horizontal_scroll(worker)
    axe.check(worker, "staff board with planning links")
    shoot(worker, "staff-board-linked")

    axe.assert_clean()
