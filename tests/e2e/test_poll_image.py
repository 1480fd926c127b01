"""A youth worker gives the demo poll a picture in the builder (desktop); a phone sees it
on the poll page and in the live session, and the big screen shows it with the question.

The uploaded file carries GPS EXIF; what the browsers get must not.
"""

import io
from pathlib import Path
from typing import Any

from PIL import Image
from playwright.sync_api import expect

from forum.polls.models import Poll
from tests.e2e.conftest import BIG_SCREEN, PHONE, AxeChecker
from tests.e2e.test_ideas import no_horizontal_scroll
from tests.e2e.test_walking_skeleton import log_in

SLOW = 10_000
ALT = "Ritning av fritidsgårdens nya musikstudio"


def test_poll_picture_from_builder_to_phone_and_big_screen(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any, tmp_path: Path
) -> None:
    base = demo_server
    poll = Poll.objects.get(title="Fredagskvällar på fritidsgården")
    photo = tmp_path / "studio.jpg"
    ex = Image.Exif()
    ex[0x8825] = {1: "N", 2: (59.0, 24.0, 0.0), 3: "E", 4: (17.0, 54.0, 0.0)}
    buf = io.BytesIO()
    Image.new("RGB", (1600, 900), (200, 90, 40)).save(buf, format="JPEG", exif=ex.tobytes())
    photo.write_bytes(buf.getvalue())

    staff = browser.new_context(**BIG_SCREEN).new_page()
    log_in(staff, base, "ungdom", axe)
    staff.goto(f"{base}/staff/polls/{poll.pk}")
    expect(staff.get_by_role("group", name="Bild (om ni vill)")).to_be_visible(timeout=SLOW)
    staff.get_by_label("Välj en bild").set_input_files(str(photo))
    # Without a description the picture is not sent.
    staff.get_by_role("button", name="Spara bilden").click()
    expect(staff.get_by_text("Skriv vad bilden visar.")).to_be_visible()
    assert Poll.objects.get(pk=poll.pk).image_type == ""
    staff.get_by_label("Beskriv bilden").fill(ALT)
    staff.get_by_role("button", name="Spara bilden").click()
    expect(staff.get_by_text("Bilden är sparad.")).to_be_visible(timeout=SLOW)
    expect(staff.get_by_role("img", name=ALT).first).to_be_visible()
    axe.check(staff, "poll builder with picture")
    shoot(staff, "poll-image-builder")

    stored = Poll.objects.get(pk=poll.pk)
    assert stored.image_alt == ALT
    assert stored.image_type == "image/jpeg"
    assert stored.image is not None
    assert dict(Image.open(io.BytesIO(bytes(stored.image))).getexif()) == {}

    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{base}/p/{poll.pk}")
    picture = phone.get_by_role("img", name=ALT)
    expect(picture).to_be_visible(timeout=SLOW)
    assert picture.evaluate("img => img.decode().then(() => img.naturalWidth)") == 1280
    axe.check(phone, "poll page with picture")
    shoot(phone, "poll-image-phone")
    phone.set_viewport_size({"width": 320, "height": 700})
    no_horizontal_scroll(phone)

    phone.set_viewport_size(PHONE["viewport"])
    phone.goto(f"{base}/j/FIKA42")
    expect(phone.get_by_role("img", name=ALT)).to_be_visible(timeout=SLOW)
    axe.check(phone, "live phone with picture")
    shoot(phone, "poll-image-live-phone")

    staff.goto(f"{base}/present/FIKA42")
    expect(staff.get_by_role("img", name=ALT)).to_be_visible(timeout=SLOW)
    axe.check(staff, "big screen with picture")
    shoot(staff, "poll-image-big-screen")
