"""An idea travels from one phone, through the youth worker's queue, to another phone's
support and back to the first phone as feedback ("you said → we did").

The demo forum is pre-moderated, so the idea is held until a youth worker approves it.
axe-core runs on every page state; screenshots land in test-artifacts/.
"""

import io
from pathlib import Path
from typing import Any

from PIL import Image
from playwright.sync_api import expect

from forum.ideas.models import Idea, IdeaBoard
from tests.e2e.conftest import BIG_SCREEN, PHONE, AxeChecker
from tests.e2e.test_walking_skeleton import log_in

SLOW = 10_000
TITLE = "Gratis wifi på torget"
TEXT = "Så att vi kan göra läxor utomhus när biblioteket är stängt."
FEEDBACK = "Vi har läst din idé och frågar bostadsbolaget om wifi."


def no_horizontal_scroll(page: Any) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"page scrolls sideways by {overflow}px"


def test_idea_is_approved_supported_and_answered(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any, tmp_path: Path
) -> None:
    base = demo_server
    board = IdeaBoard.objects.get(question="Vad ska förändras i Tensta centrum?")
    photo = tmp_path / "torget.png"
    buf = io.BytesIO()
    Image.new("RGB", (900, 600), (30, 120, 200)).save(buf, format="PNG")
    photo.write_bytes(buf.getvalue())

    # 1. A young person opens the board from the start page and posts an idea with a photo.
    first_ctx = browser.new_context(**PHONE)
    first = first_ctx.new_page()
    first.goto(f"{base}/")
    first.get_by_role("link", name="Se idétavlorna").click()
    expect(first.get_by_role("heading", name="Idéer", exact=True)).to_be_visible()
    axe.check(first, "idea boards")
    first.get_by_role("link", name=board.question).click()
    expect(first.get_by_role("heading", name=board.question)).to_be_visible()
    expect(first.get_by_role("heading", name="Bättre belysning vid torget")).to_be_visible()
    axe.check(first, "idea board")
    shoot(first, "ideas-board-phone")
    first.get_by_text("Lämna en idé").click()
    first.get_by_label("Rubrik").fill(TITLE)
    first.get_by_label("Beskriv din idé").fill(TEXT)
    first.get_by_label("Kategori").select_option("Fritid")
    first.get_by_label("Bild (om du vill)").set_input_files(str(photo))
    axe.check(first, "idea form")
    first.get_by_role("button", name="Skicka idén").click()
    expect(first.get_by_text("Tack! En vuxen läser idén innan den syns för andra.")).to_be_visible(
        timeout=SLOW
    )
    mine = first.locator("article", has_text=TITLE)
    expect(mine.get_by_text("Väntar på granskning")).to_be_visible()
    expect(mine.get_by_role("img")).to_be_visible()
    axe.check(first, "idea board after posting")
    shoot(first, "ideas-posted-held-phone")
    first.set_viewport_size({"width": 320, "height": 700})
    no_horizontal_scroll(first)
    first.set_viewport_size(PHONE["viewport"])
    idea = Idea.objects.get(title=TITLE)
    assert idea.moderation_state == "held"
    assert idea.photo_type == "image/jpeg"

    # 2. Another phone does not see the held idea.
    second_ctx = browser.new_context(**PHONE)
    second = second_ctx.new_page()
    second.goto(f"{base}/ideas/{board.pk}")
    expect(second.get_by_role("heading", name="Bättre belysning vid torget")).to_be_visible()
    expect(second.get_by_text(TITLE)).to_have_count(0)

    # 3. The youth worker approves it in the queue.
    staff_ctx = browser.new_context(**BIG_SCREEN)
    staff = staff_ctx.new_page()
    log_in(staff, base, "ungdom", axe)
    staff.get_by_role("link", name="Idétavlor och moderering").click()
    expect(staff.get_by_role("heading", level=1, name="Idétavlor", exact=True)).to_be_visible()
    expect(staff.get_by_label("Antal anmälningar innan ett inlägg döljs")).to_have_value("3")
    # One line per board (the demo has two boards).
    expect(staff.get_by_text("Mediantid till första svar: 0 dagar").first).to_be_visible()
    axe.check(staff, "staff idea boards")
    shoot(staff, "ideas-staff-boards")
    staff.get_by_role("link", name="Granska inlägg").click()
    item = staff.locator("li", has=staff.get_by_role("heading", name=TITLE))
    expect(item.get_by_text("allt granskas i forumet")).to_be_visible()
    axe.check(staff, "moderation queue")
    shoot(staff, "ideas-queue-staff")
    item.get_by_role("button", name="Godkänn").click()
    expect(staff.get_by_text("Inget väntar på granskning.")).to_be_visible(timeout=SLOW)
    axe.check(staff, "empty moderation queue")

    # 4. The second phone sees it appear without reloading (the board's change feed) and
    # supports it.
    support = second.locator("article", has_text=TITLE).get_by_role("button", name="Stötta")
    expect(support).to_be_visible(timeout=SLOW)
    support.click()
    expect(support).to_have_attribute("aria-pressed", "true", timeout=SLOW)
    expect(second.locator("article", has_text=TITLE).get_by_text("1 har stöttat")).to_be_visible()
    axe.check(second, "idea board after support")

    # 5. The youth worker writes the first feedback: "under review".
    staff.goto(f"{base}/staff/ideas/boards/{board.pk}")
    card = staff.locator(f"#idea-{idea.pk}")
    expect(card.get_by_role("radio", name="Vi tittar på idén")).to_be_checked()
    axe.check(staff, "staff board feedback")
    card.get_by_label("Text till de unga (syns på idén)").fill(FEEDBACK)
    card.get_by_role("button", name="Spara och visa för de unga").click()
    expect(card.get_by_text(FEEDBACK)).to_be_visible(timeout=SLOW)
    shoot(staff, "ideas-feedback-staff")

    # 6. The first phone sees what happened, on its own "my answers" page.
    first.goto(f"{base}/mina-svar")
    expect(first.get_by_role("heading", name="Mina svar", exact=True)).to_be_visible()
    own = first.locator("li", has=first.get_by_role("heading", name=TITLE))
    expect(own.get_by_text(FEEDBACK)).to_be_visible()
    expect(own.get_by_text("Vi tittar på idén").first).to_be_visible()
    axe.check(first, "my answers")
    shoot(first, "ideas-my-answers-phone")
    no_horizontal_scroll(first)
    first.get_by_role("link", name=TITLE).click()
    expect(first.get_by_role("heading", name="Vad har hänt med idén?")).to_be_visible()
    expect(first.get_by_text(FEEDBACK)).to_be_visible()
    axe.check(first, "idea page")
    shoot(first, "ideas-idea-page-phone")

    # The second phone's page lists the idea it supports, with the same feedback.
    second.goto(f"{base}/mina-svar")
    heading = second.get_by_role("heading", name="Idéer jag stöttar")
    supported = second.locator("section", has=heading)
    expect(supported.get_by_text(FEEDBACK)).to_be_visible()
    axe.check(second, "my answers, supporter")

    # English is complete on the phone pages too.
    second.get_by_role("button", name="Språk: Svenska").click()
    second.get_by_role("button", name="English").click()
    expect(second.get_by_role("heading", name="My answers", exact=True)).to_be_visible()
    expect(second.get_by_role("heading", name="Ideas I support")).to_be_visible()
    axe.check(second, "my answers in English")

    for ctx in (first_ctx, second_ctx, staff_ctx):
        ctx.close()
