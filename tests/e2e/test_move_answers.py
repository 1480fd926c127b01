"""A young person's history moves to a second phone with the personal code on /mina-svar."""

import re
from typing import Any

from playwright.sync_api import expect

from forum.participation.models import Forum
from tests.e2e.conftest import PHONE, AxeChecker
from tests.e2e.test_poll_kinds import COUNTED, no_horizontal_scroll, section
from tests.factories import PollFactory

SLOW = 10_000
POLL = "Fredagskvällar på gården"
QUESTION = "Vad vill du göra på fredagar?"


def test_phone_b_sees_phone_as_history_after_entering_its_code(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    base = demo_server
    poll = PollFactory(
        forum=Forum.objects.first(), title=POLL, questions=[(QUESTION, ["Film", "Spel", "Musik"])]
    )

    # Phone A answers a poll, then makes its personal code on /mina-svar.
    a_ctx = browser.new_context(**PHONE)
    phone_a = a_ctx.new_page()
    phone_a.goto(f"{base}/p/{poll.pk}")
    section(phone_a, QUESTION).get_by_role("button", name="Spel").click()
    expect(phone_a.get_by_text(COUNTED)).to_be_visible(timeout=SLOW)
    phone_a.goto(f"{base}/mina-svar")
    move = phone_a.locator(
        "section", has=phone_a.get_by_role("heading", name="Flytta dina svar till en annan mobil")
    )
    move.get_by_role("button", name="Visa min kod").click()
    code_text = move.locator(".code")
    expect(code_text).to_have_text(
        re.compile(r"^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{2}$"), timeout=SLOW
    )
    code = code_text.inner_text().strip()
    assert len(code) == 12
    assert code[4] == "-"
    assert code[9] == "-"
    expect(
        move.get_by_role("img", name="QR-kod som flyttar dina svar till en annan mobil")
    ).to_be_visible()
    axe.check(phone_a, "my answers with the personal code")
    phone_a.set_viewport_size({"width": 320, "height": 700})
    no_horizontal_scroll(phone_a)
    move.scroll_into_view_if_needed()
    shoot(phone_a, "move-answers-phone-a-320")
    move.screenshot(path="test-artifacts/move-answers-section-320.png")
    # Touch targets are at least 44 px.
    for button in move.get_by_role("button").all():
        box = button.bounding_box()
        assert box is not None, button.inner_text()
        assert box["height"] >= 44, button.inner_text()

    # Reloading keeps the same code (the phone keeps it; the server only has its hash).
    phone_a.reload()
    expect(phone_a.locator(".code")).to_have_text(code, timeout=SLOW)

    # Phone B (another browser) has no history, enters the code and sees phone A's answer.
    b_ctx = browser.new_context(**PHONE)
    phone_b = b_ctx.new_page()
    phone_b.goto(f"{base}/mina-svar")
    expect(phone_b.get_by_role("heading", name="Mina svar", exact=True)).to_be_visible()
    expect(phone_b.get_by_text(POLL)).to_have_count(0)
    phone_b.get_by_label("Skriv in koden").fill(code.lower().replace("-", ""))
    expect(phone_b.get_by_label("Skriv in koden")).to_have_value(code)
    phone_b.get_by_role("button", name="Flytta hit").click()
    expect(
        phone_b.get_by_text("Klart! Dina svar finns nu på den här mobilen också.")
    ).to_be_visible(timeout=SLOW)
    votes = phone_b.locator("section", has=phone_b.get_by_role("heading", name="Mina röster"))
    expect(votes.get_by_text(POLL)).to_be_visible(timeout=SLOW)
    expect(phone_b.locator(".code")).to_have_text(code)
    axe.check(phone_b, "my answers after moving the code")
    shoot(phone_b, "move-answers-phone-b")

    # A wrong code is refused with a clear message.
    phone_b.get_by_label("Skriv in koden").fill("ABCD-EFGH-JK")
    phone_b.get_by_role("button", name="Flytta hit").click()
    expect(
        phone_b.get_by_text("Koden fungerar inte. Kontrollera bokstäverna och försök igen.")
    ).to_be_visible(timeout=SLOW)
    # Both phones still hold the history.
    phone_a.reload()
    expect(phone_a.get_by_text(POLL).first).to_be_visible(timeout=SLOW)

    for ctx in (a_ctx, b_ctx):
        ctx.close()
