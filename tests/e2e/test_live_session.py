"""A whole live session: big screen, the youth worker's console and two phones.

A poll question is answered by two phones, the console hides and reveals the results and
moves on to a Q&A round; a question is held for review, approved from the console queue,
upvoted by the other phone and shown on the big screen; a question with a phone number is
held and never reaches the other phone; the big screen's → key moves to the info slide.
axe-core checks every view; screenshots land in test-artifacts/.
"""

import re
from typing import Any

from playwright.sync_api import expect

from forum.live.models import QaQuestion
from forum.polls.models import Response
from tests.e2e.conftest import BIG_SCREEN, PHONE, AxeChecker
from tests.e2e.test_walking_skeleton import SLOW, bar_count, log_in

CODE = "FIKA42"


def test_a_youth_worker_runs_a_poll_and_a_qa_round(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    base = demo_server

    # Big screen and console, both logged in as the youth worker.
    screen_ctx = browser.new_context(**BIG_SCREEN)
    screen = screen_ctx.new_page()
    log_in(screen, base, "ungdom", axe)
    screen.goto(f"{base}/present/{CODE}")
    expect(bar_count(screen, "Musikstudion")).to_have_text("0 röster", timeout=SLOW)
    expect(screen.get_by_role("img", name=re.compile("QR"))).to_be_visible()
    axe.check(screen, "big screen: poll")

    console_ctx = browser.new_context(**PHONE)
    console = console_ctx.new_page()
    log_in(console, base, "ungdom", axe)
    console.goto(f"{base}/console/{CODE}")
    expect(console.get_by_role("heading", name=f"Styr {CODE}")).to_be_visible()
    expect(console.get_by_text("Inga svar än")).to_be_visible(timeout=SLOW)
    axe.check(console, "console: poll")

    # Two phones answer.
    phones = [browser.new_context(**PHONE).new_page() for _ in range(2)]
    for phone, label in zip(phones, ["Musikstudion", "Idrottshallen"], strict=True):
        phone.goto(f"{base}/j/{CODE}")
        phone.get_by_role("button", name=label).click()
        expect(phone.get_by_text("Din röst är räknad ✓")).to_be_visible(timeout=SLOW)
    axe.check(phones[0], "phone: poll answered")
    expect(bar_count(screen, "Musikstudion")).to_have_text("1 röst", timeout=SLOW)
    expect(bar_count(screen, "Idrottshallen")).to_have_text("1 röst", timeout=SLOW)
    expect(console.get_by_text("2 svar")).to_be_visible(timeout=SLOW)
    expect(screen.get_by_text("2 mobiler anslutna")).to_be_visible(timeout=SLOW)
    assert Response.objects.filter(question__poll__live_sessions__join_code=CODE).count() == 2

    # Hide, then reveal, the results.
    console.get_by_role("button", name="Dölj resultat").click()
    expect(screen.get_by_text("Resultatet visas när fritidsledaren vill.")).to_be_visible(
        timeout=SLOW
    )
    expect(phones[1].get_by_text("Resultatet visas när fritidsledaren vill.")).to_be_visible(
        timeout=SLOW
    )
    shoot(screen, "live-screen-results-hidden")
    console.get_by_role("button", name="Visa resultat").click()
    expect(bar_count(screen, "Musikstudion")).to_have_text("1 röst", timeout=SLOW)

    # On to the Q&A round.
    console.get_by_role("button", name="Nästa", exact=True).click()
    expect(screen.get_by_role("heading", name="Fråga fritidsledarna")).to_be_visible(timeout=SLOW)
    for phone in phones:
        expect(phone.get_by_label("Din fråga")).to_be_visible(timeout=SLOW)
    axe.check(phones[0], "phone: Q&A")
    axe.check(screen, "big screen: Q&A")

    # The demo forum is pre-moderated: the question waits in the console's queue.
    phones[0].get_by_label("Din fråga").fill("Kan gården ha öppet till midnatt?")
    phones[0].get_by_role("button", name="Skicka frågan").click()
    expect(
        phones[0].get_by_text("Din fråga väntar på att en fritidsledare godkänner den.").first
    ).to_be_visible(timeout=SLOW)
    queued = console.locator("ul.queue-list li", has_text="Kan gården ha öppet till midnatt?")
    expect(queued).to_be_visible(timeout=SLOW)
    axe.check(console, "console: queue")
    shoot(console, "live-console-queue")
    expect(phones[1].get_by_text("Kan gården ha öppet till midnatt?")).to_have_count(0)
    queued.get_by_role("button", name="Godkänn").click()

    # Approved: on the wall and on the other phone, which upvotes it.
    expect(screen.get_by_text("Kan gården ha öppet till midnatt?")).to_be_visible(timeout=SLOW)
    other = phones[1].locator("ul.qa-list li", has_text="Kan gården ha öppet till midnatt?")
    other.get_by_role("button", name=re.compile("Jag vill också veta")).click()
    expect(other.get_by_role("button", name=re.compile("Du vill också veta"))).to_have_attribute(
        "aria-pressed", "true", timeout=SLOW
    )
    expect(screen.locator(".qa-wall li", has_text="midnatt").locator(".qa-votes")).to_have_text(
        "▲ 1", timeout=SLOW
    )
    axe.check(phones[1], "phone: Q&A with an upvote")

    # A question with a phone number is held and never reaches the other phone.
    phones[1].get_by_label("Din fråga").fill("Ring mig på 070-123 45 67")
    phones[1].get_by_role("button", name="Skicka frågan").click()
    held = console.locator("ul.queue-list li", has_text="070-123 45 67")
    expect(held).to_be_visible(timeout=SLOW)
    expect(held).to_contain_text("telefonnummer")
    held.get_by_role("button", name="Dölj").click()
    expect(held.get_by_role("button", name="Dölj")).to_have_count(0, timeout=SLOW)
    expect(phones[0].get_by_text("070-123 45 67")).to_have_count(0)
    expect(screen.get_by_text("070-123 45 67")).to_have_count(0)
    assert QaQuestion.objects.filter(status="hidden").count() == 1
    shoot(screen, "live-screen-qa-wall")
    shoot(phones[1], "live-phone-qa")
    phones[1].set_viewport_size({"width": 320, "height": 640})
    assert phones[1].evaluate("document.documentElement.scrollWidth") <= 320
    phones[1].set_viewport_size({"width": 360, "height": 740})

    # The big screen's → key moves on to the info slide, and the phones follow.
    screen.locator("body").press("ArrowRight")
    expect(screen.get_by_role("heading", name="Tack för i kväll!")).to_be_visible(timeout=SLOW)
    for phone in phones:
        expect(phone.get_by_role("heading", name="Tack för i kväll!")).to_be_visible(timeout=SLOW)
    axe.check(phones[0], "phone: info slide")
    axe.check(screen, "big screen: info slide")
    axe.check(console, "console: info slide")
    shoot(console, "live-console")
    shoot(phones[0], "live-phone-info")

    # Nothing scrolls sideways on a 320 px phone.
    for page in (phones[0], phones[1], console):
        page.set_viewport_size({"width": 320, "height": 640})
        assert page.evaluate("document.documentElement.scrollWidth") <= 320

    axe.assert_clean()
    assert len(axe.pages_checked) >= 10
