"""'Om dig' on a 320-px phone in a live session: offered after the first answer, skipped,
and not asked again at the next question (docs/decisions/0007). axe-core on each state."""

from typing import Any

from playwright.sync_api import expect

from forum.live.models import ActivityKind, LiveSession
from forum.participation.models import ParticipantProfile
from forum.polls.models import Response
from tests.e2e.conftest import PHONE, AxeChecker
from tests.e2e.test_walking_skeleton import SLOW, log_in
from tests.e2e.waits import record_socket_frames, wait_for_frame

CODE = "FIKA42"
NARROW = {**PHONE, "viewport": {"width": 320, "height": 640}}
CARD = "Vill du berätta lite om dig?"
CLOUD_Q = "Beskriv fritidsgården med ett ord"


def test_a_narrow_phone_skips_om_dig_and_is_not_asked_again(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    phone = browser.new_context(**NARROW).new_page()
    phone.goto(f"{demo_server}/j/{CODE}")
    expect(phone.get_by_role("button", name="Musikstudion")).to_be_visible(timeout=SLOW)
    # Not before the first answer.
    expect(phone.get_by_role("heading", name=CARD)).to_have_count(0)
    axe.check(phone, "phone 320: before answering")

    phone.get_by_role("button", name="Musikstudion").click()
    counted = phone.get_by_text("Din röst är räknad ✓")
    expect(counted).to_be_visible(timeout=SLOW)
    card = phone.get_by_test_id("about-you-card")
    expect(card.get_by_role("heading", name=CARD)).to_be_visible(timeout=SLOW)
    expect(card.get_by_label("Kön")).to_be_visible()
    axe.check(phone, "phone 320: Om dig card")
    shoot(phone, "about-you-card-320")

    # The card sits below the confirmation, never over it; nothing scrolls sideways; the
    # buttons are big enough for a thumb.
    confirmation, box = counted.bounding_box(), card.bounding_box()
    assert confirmation is not None
    assert box is not None
    assert box["y"] >= confirmation["y"] + confirmation["height"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    for name in ("Spara", "Hoppa över"):
        button = card.get_by_role("button", name=name).bounding_box()
        assert button is not None
        assert button["height"] >= 44
        assert button["width"] >= 44

    # Voting goes on while the card is open: change the vote, still counted.
    phone.get_by_role("button", name="Idrottshallen").click()
    expect(counted).to_be_visible(timeout=SLOW)

    # Keyboard: tab to "Hoppa över" and press it.
    card.get_by_role("button", name="Hoppa över").focus()
    phone.keyboard.press("Enter")
    note = phone.get_by_text("Okej, vi frågar inte igen.")
    expect(note).to_be_visible(timeout=SLOW)
    expect(note).to_be_focused()
    expect(card).to_have_count(0)
    axe.check(phone, "phone 320: Om dig skipped")
    voter = Response.objects.filter(question__poll__live_sessions__join_code=CODE).get()
    profile = ParticipantProfile.objects.get(participant_id=voter.participant_id)
    assert profile.skipped_at is not None
    assert profile.gender == ""

    # The youth worker moves on to the word cloud: the phone answers, and is not asked again.
    console = browser.new_context(**PHONE).new_page()
    log_in(console, demo_server, "ungdom", axe)
    console.goto(f"{demo_server}/console/{CODE}")
    expect(console.get_by_role("button", name="Sluta fråga ”Om dig”")).to_be_visible(timeout=SLOW)
    cloud = LiveSession.objects.get(join_code=CODE).activities.get(kind=ActivityKind.WORD_CLOUD)
    step = console.locator(".console-now .eyebrow")
    for index in range(cloud.position):
        console.get_by_role("button", name="Nästa", exact=True).click()
        # The next click only after the console shows where this one went.
        expect(step).to_contain_text(f"Steg {index + 2} av", timeout=SLOW)
    expect(console.locator(".now-title")).to_have_text(CLOUD_Q, timeout=SLOW)
    phone.get_by_role("textbox", name=CLOUD_Q).fill("trygg")
    phone.get_by_role("button", name="Skicka svaret").click()
    # The demo forum holds free text for a youth worker: saved, waiting for approval.
    expect(phone.get_by_text("Tack! Ditt svar är sparat.", exact=False)).to_be_visible(timeout=SLOW)
    expect(phone.get_by_role("heading", name=CARD)).to_have_count(0)
    axe.check(phone, "phone 320: next question answered, not asked again")

    # Nor after a reload: the server remembers that this device was asked in the forum.
    record_socket_frames(phone)
    phone.reload()
    expect(phone.get_by_role("textbox", name=CLOUD_Q)).to_be_visible(timeout=SLOW)
    wait_for_frame(phone, "mine")  # this device's own state, "asked" among it
    expect(phone.get_by_role("heading", name=CARD)).to_have_count(0)
    assert ParticipantProfile.objects.filter(participant_id=voter.participant_id).count() == 1
