"""A youth worker replaces a word list on the staff page (desktop size); a young
person's idea with the new word is then held for review instead of published."""

import re
from typing import Any

from playwright.sync_api import expect

from forum.ideas.models import Idea, IdeaBoard
from forum.moderation.services import Verdict, text_screen
from forum.participation.models import Forum
from tests.e2e.conftest import BIG_SCREEN, AxeChecker
from tests.e2e.test_ideas import no_horizontal_scroll
from tests.e2e.test_walking_skeleton import log_in

SLOW = 10_000
WORD = "grannkatten"


def test_youth_worker_adds_a_hold_word_and_it_takes_effect(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    base = demo_server
    text = f"Vi vill ha en staty av {WORD}"
    assert text_screen(text=text, pre_moderated=False).verdict == Verdict.PUBLISH

    ctx = browser.new_context(**BIG_SCREEN)
    page = ctx.new_page()
    log_in(page, base, "ungdom", axe)
    page.get_by_role("link", name="Idétavlor och moderering").click()
    page.get_by_role("link", name="Ordlistor för granskning").click()
    expect(page.get_by_role("heading", name="Ordlistor för granskning", level=1)).to_be_visible()
    hold = page.get_by_role("textbox", name="Ord, ett per rad (Svenska: Granskas först)")
    expect(hold).not_to_have_value("")
    axe.check(page, "word lists")
    shoot(page, "wordlists-staff-desktop")

    hold.press("Control+End")
    hold.type(f"\n  {WORD}  \n\n")
    expect(page.get_by_text("Ändringar som inte är sparade").first).to_be_visible()
    section = page.get_by_role("region", name="Svenska: Granskas först")
    section.get_by_role("button", name="Spara listan").click()
    confirmation = section.get_by_role("status")
    expect(confirmation).to_contain_text("Listan ”Svenska: Granskas först” har nu")
    # Saved as one trimmed line (the server keeps the list sorted), blank lines dropped.
    expect(hold).to_have_value(re.compile(rf"(^|\n){WORD}\n"))
    assert "\n\n" not in hold.input_value()
    expect(section.get_by_text("Ändringar som inte är sparade")).to_have_count(0)
    axe.check(page, "word lists saved")
    shoot(page, "wordlists-staff-saved")
    page.set_viewport_size({"width": 320, "height": 800})
    no_horizontal_scroll(page)

    # The saved word now holds text for review, also through the real idea endpoint.
    assert text_screen(text=text, pre_moderated=False).verdict == Verdict.HOLD
    board = IdeaBoard.objects.get(question="Vad ska förändras i Tensta centrum?")
    Forum.objects.filter(pk=board.forum_id).update(pre_moderation=False)
    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE").new_page()
    phone.goto(f"{base}/ideas/{board.pk}")
    phone.get_by_text("Lämna en idé").click()
    phone.get_by_label("Rubrik").fill("Staty")
    phone.get_by_label("Beskriv din idé").fill(text)
    phone.get_by_role("button", name="Skicka idén").click()
    expect(phone.get_by_text("Tack! En vuxen läser idén innan den syns för andra.")).to_be_visible(
        timeout=SLOW
    )
    assert Idea.objects.get(title="Staty").moderation_state == "held"
