"""A youth worker prepares a live session on the staff pages, then runs it.

The session is made as a draft from the forum page: an info slide with a picture (alt text
required) and an idea collection on a new idea board. A phone that scans the code before
the start is told the session has not started; the big screen shows "starting soon" with
the code and QR. After the start the picture shows on the big screen and the phone; in the
idea collection a 360 px phone posts an idea (the demo forum is pre-moderated, so the
console approves it), the big screen shows it as a card, and a 320 px phone's support
updates the count. axe-core checks every view; screenshots land in test-artifacts/.
"""

import io
import re
from pathlib import Path
from typing import Any

from PIL import Image
from playwright.sync_api import expect

from forum.ideas.models import Idea
from forum.live.models import LiveSession
from forum.participation.models import Forum
from tests.e2e.conftest import ARTIFACTS, BIG_SCREEN, PHONE, AxeChecker
from tests.e2e.test_walking_skeleton import SLOW, log_in

ALT = "Karta över parken med scenen för utebion"
BOARD_QUESTION = "Vad ska vi göra i parken i sommar?"


def picture_file() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "e2e-park-map.jpg"
    img = Image.new("RGB", (1200, 800), (60, 140, 90))
    for x in range(0, 1200, 150):
        img.paste((240, 200, 60), (x, 350, x + 90, 440))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    img.save(buffer, format="JPEG", exif=exif.tobytes())
    path.write_bytes(buffer.getvalue())
    return path


def no_sideways_scroll(page: Any, width: int) -> None:
    wide = page.evaluate(
        """(w) => [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > w + 0.5)
            .slice(0, 5).map((e) => e.tagName + '.' + e.className + ' ' + e.id)""",
        width,
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width, wide


def test_prepare_start_and_collect_ideas(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    base = demo_server
    forum = Forum.objects.get(slug="ungdomsforum-jarva")

    # --- prepare on the staff pages -------------------------------------------------------
    staff_ctx = browser.new_context(**BIG_SCREEN)
    staff = staff_ctx.new_page()
    log_in(staff, base, "ungdom", axe)
    staff.goto(f"{base}/staff/forums/{forum.pk}")
    staff.get_by_label("Namn på sessionen").fill("Sommarkväll i parken")
    staff.get_by_role("button", name="Skapa och förbered").click()
    expect(
        staff.get_by_role("heading", name="Förbered Sommarkväll i parken", level=1)
    ).to_be_visible(timeout=SLOW)
    session = LiveSession.objects.get(title="Sommarkväll i parken")
    code = session.join_code
    assert session.state == "draft"

    staff.get_by_role("button", name="Infobild", exact=True).click()
    staff.get_by_label("Rubrik", exact=True).fill("Välkomna till sommarkvällen")
    staff.get_by_label("Text", exact=True).fill("Här är parken. Scenen står vid dammen.")
    staff.get_by_role("button", name="Lägg till", exact=True).click()
    # The picture form of each info slide sits under the editor.
    slide = staff.locator("li.prep-item", has_text="Välkomna till sommarkvällen")
    expect(slide).to_be_visible(timeout=SLOW)
    slide.get_by_label("Välj en bild").set_input_files(str(picture_file()))
    slide.get_by_role("button", name="Ladda upp bilden").click()
    expect(slide.locator(".field-error")).to_have_text(
        "Beskriv bilden för den som inte kan se den."
    )
    slide.get_by_label("Beskriv bilden (alt-text)").fill(ALT)
    slide.get_by_role("button", name="Ladda upp bilden").click()
    expect(slide.get_by_role("img", name=ALT)).to_be_visible(timeout=SLOW)

    staff.get_by_role("button", name="Idéinsamling", exact=True).click()
    staff.get_by_label("Fråga till idéinsamlingen").fill(BOARD_QUESTION)
    staff.keyboard.press("Enter")
    collection = staff.locator("li.activity", has_text=BOARD_QUESTION)
    expect(collection).to_be_visible(timeout=SLOW)
    editor_slide = staff.locator("li.activity", has_text="Välkomna till sommarkvällen")
    editor_slide.get_by_role("button", name=re.compile("^Visa som mobil")).click()
    expect(editor_slide.locator(".phone-frame").get_by_role("img", name=ALT)).to_be_visible()
    axe.check(staff, "prepare page")
    shoot(staff, "liveprep-prepare-1280")
    staff.set_viewport_size({"width": 320, "height": 700})
    shoot(staff, "liveprep-prepare-320")
    no_sideways_scroll(staff, 320)
    axe.check(staff, "prepare page at 320 px")
    staff.set_viewport_size(BIG_SCREEN["viewport"])

    # --- before the start: phones wait, the big screen says "starting soon" ---------------
    screen_ctx = browser.new_context(**BIG_SCREEN)
    screen = screen_ctx.new_page()
    log_in(screen, base, "ungdom", axe)
    screen.goto(f"{base}/present/{code}")
    expect(screen.get_by_text("Vi börjar snart")).to_be_visible(timeout=SLOW)
    expect(screen.get_by_role("img", name=re.compile("QR"))).to_be_visible()
    expect(screen.locator(".join-code")).to_contain_text(code)
    axe.check(screen, "big screen: draft")
    shoot(screen, "liveprep-screen-draft-1280")

    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{base}/j/{code}")
    expect(phone.get_by_role("heading", name="Sessionen har inte startat än")).to_be_visible(
        timeout=SLOW
    )
    axe.check(phone, "phone: not started")
    shoot(phone, "liveprep-phone-not-started-360")

    # --- start: the info slide with its picture ------------------------------------------
    staff.get_by_role("button", name="Starta sessionen").click()
    expect(staff.get_by_text("Sessionen har startat.")).to_be_visible(timeout=SLOW)
    expect(screen.get_by_role("heading", name="Välkomna till sommarkvällen")).to_be_visible(
        timeout=SLOW
    )
    expect(screen.get_by_role("img", name=ALT)).to_be_visible()
    axe.check(screen, "big screen: info slide with picture")
    shoot(screen, "liveprep-screen-info-1280")
    phone.get_by_role("button", name="Försök igen").click()
    expect(phone.get_by_role("heading", name="Välkomna till sommarkvällen")).to_be_visible(
        timeout=SLOW
    )
    expect(phone.get_by_role("img", name=ALT)).to_be_visible()
    phone.wait_for_function(
        "() => [...document.images].every((i) => i.complete && i.naturalWidth > 0)"
    )
    axe.check(phone, "phone: info slide with picture")
    shoot(phone, "liveprep-phone-info-360")

    # --- the idea collection ---------------------------------------------------------------
    console_ctx = browser.new_context(**PHONE)
    console = console_ctx.new_page()
    log_in(console, base, "ungdom", axe)
    console.goto(f"{base}/console/{code}")
    console.get_by_role("button", name="Nästa", exact=True).click()
    expect(screen.get_by_role("heading", name=BOARD_QUESTION)).to_be_visible(timeout=SLOW)
    expect(screen.get_by_text("Inga idéer än.")).to_be_visible()
    axe.check(screen, "big screen: no ideas yet")

    expect(phone.get_by_label("Din idé")).to_be_visible(timeout=SLOW)
    phone.get_by_label("Din idé").fill("Utebio i parken")
    phone.get_by_label("Berätta mer (frivilligt)").fill("En film i månaden, med filtar.")
    phone.get_by_role("button", name="Skicka idén").click()
    # The demo forum is pre-moderated: the idea waits for the youth worker.
    expect(phone.get_by_text("En fritidsledare läser din idé innan den visas.")).to_be_visible(
        timeout=SLOW
    )
    axe.check(phone, "phone: idea sent, waiting")
    held = console.locator("ul.queue li", has_text="Utebio i parken")
    expect(held).to_be_visible(timeout=SLOW)
    axe.check(console, "console: idea queue")
    shoot(console, "liveprep-console-idea-queue-360")
    held.get_by_role("button", name=re.compile("^Godkänn")).click()

    card = screen.locator(".idea-card", has_text="Utebio i parken").first
    expect(card).to_be_visible(timeout=SLOW)
    expect(card.locator(".idea-supports")).to_contain_text("Ingen har stöttat än")

    # A 320 px phone joins and supports the idea: the count goes up on the big screen.
    small_ctx = browser.new_context(**{**PHONE, "viewport": {"width": 320, "height": 640}})
    small = small_ctx.new_page()
    small.goto(f"{base}/j/{code}")
    idea_row = small.locator("ul.qa-list li", has_text="Utebio i parken")
    expect(idea_row).to_be_visible(timeout=SLOW)
    idea_row.get_by_role("button", name=re.compile("^Stötta · 0")).click()
    expect(idea_row.get_by_role("button", name=re.compile("Du stöttar · 1"))).to_have_attribute(
        "aria-pressed", "true", timeout=SLOW
    )
    expect(card.locator(".idea-supports")).to_contain_text("1 har stöttat", timeout=SLOW)
    expect(
        phone.locator("ul.qa-list li", has_text="Utebio i parken").get_by_role("button")
    ).to_contain_text("1", timeout=SLOW)
    no_sideways_scroll(small, 320)
    axe.check(small, "phone 320: idea supported")
    axe.check(phone, "phone: idea collection")
    axe.check(screen, "big screen: idea cards")
    axe.check(console, "console: idea collection")
    shoot(small, "liveprep-phone-ideas-320")
    shoot(phone, "liveprep-phone-ideas-360")
    shoot(screen, "liveprep-screen-ideas-1280")

    # The idea stays on the forum's idea board, with its support.
    idea = Idea.objects.get(title="Utebio i parken")
    assert idea.board.question == BOARD_QUESTION
    assert idea.board.forum_id == forum.pk
    assert idea.supports.count() == 1
    for ctx in (staff_ctx, screen_ctx, console_ctx, small_ctx, phone.context):
        ctx.close()
