"""A live session made for a room: the big screen (1440 and 1920 px, both themes), the
youth worker's console (1440 and 390 px) and a phone.

A pre-moderated word cloud gets ten answers; the big screen shows how many wait (never
their text), the phone one confirmation; "Godkänn alla" approves them in one step and
the cloud and held count update on the big screen and the phone's confirmation says its
answer is published, without a reload. A countdown that ends shows one
consistent state on all three screens: closed, no "Svaren är öppna", no "Stäng svar".
axe-core checks every state; screenshots land in test-artifacts/.
"""

import uuid
from typing import Any

from django.contrib.auth.models import User
from playwright.sync_api import expect

from forum.live.models import ActivityKind, LiveSession
from forum.live.services import live_activity_add, live_open_text_activity_create
from forum.participation.models import Forum, ForumStaff
from forum.participation.services import participant_create
from forum.polls.models import Response, TextStatus
from forum.polls.services import poll_answer_submit
from tests.e2e.conftest import AxeChecker
from tests.e2e.test_walking_skeleton import SLOW, log_in
from tests.e2e.waits import wait_for_motion_to_settle

SECOND_LANGUAGE = "Andra språk på storbilden"
CODE = "SAL42X"
CLOUD_Q = "Ett ord om fritidsgården?"
WORDS = ["musik", "fotboll", "musik", "pingis", "musik", "fika", "fotboll", "dans", "film"]
DESKTOP = {"viewport": {"width": 1440, "height": 900}, "locale": "sv-SE"}
PHONE_390 = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "sv-SE",
}


def make_session() -> None:
    """A pre-moderated forum: every free-text answer waits for a youth worker."""
    worker = User.objects.get(username="ungdom")
    forum = Forum.objects.create(name="Fritidsrådet", slug="fritidsradet", pre_moderation=True)
    ForumStaff.objects.create(forum=forum, user=worker)  # the demo youth worker runs it
    session = LiveSession.objects.create(
        forum=forum, title="Kvällens röster", join_code=CODE, created_by=worker
    )
    live_open_text_activity_create(
        session=session, actor=worker, kind=ActivityKind.WORD_CLOUD, text=CLOUD_Q
    )
    live_activity_add(
        session=session, actor=worker, kind=ActivityKind.INFO_SLIDE, title="Paus", body="Fika!"
    )


def nine_held_answers() -> None:
    session = LiveSession.objects.get(join_code=CODE)
    question = session.activities.get(kind=ActivityKind.WORD_CLOUD).question
    assert question is not None
    for word in WORDS:
        poll_answer_submit(
            question=question,
            participant=participant_create()[0],
            answer={"text": word},
            idempotency_key=uuid.uuid4(),
        )


def control(page: Any, code: str, body: str) -> None:
    """A console step sent the way the console sends it (session cookie and CSRF token)."""
    status = page.evaluate(
        """async ([code, body]) => {
            const token = document.cookie.split('; ').find((c) => c.startsWith('csrftoken='));
            const r = await fetch(`/api/live/${code}/control`, {
              method: 'POST', credentials: 'same-origin',
              headers: {'Content-Type': 'application/json',
                        'X-CSRFToken': token ? token.split('=')[1] : ''},
              body});
            return r.status; }""",
        [code, body],
    )
    assert status == 200, status


def test_a_room_moderates_fast_and_every_screen_shows_one_state(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    base = demo_server
    make_session()

    screen = browser.new_context(**DESKTOP).new_page()
    log_in(screen, base, "ungdom", axe)
    screen.goto(f"{base}/present/{CODE}")
    expect(screen.get_by_role("heading", name=CLOUD_Q)).to_be_visible(timeout=SLOW)
    # No app chrome on the big screen: no header, interface language menu or keyboard hints;
    # among its tools only the choice of a second content language beside Swedish.
    expect(screen.locator("header.site-header")).to_have_count(0)
    expect(screen.get_by_role("combobox")).to_have_count(1)
    expect(screen.get_by_role("combobox", name=SECOND_LANGUAGE)).to_have_value("")
    expect(screen.get_by_text("Tangenter")).to_have_count(0)
    expect(screen.get_by_text(CODE, exact=True)).to_be_visible()
    expect(screen.locator("img.qr-code")).to_be_visible()
    expect(screen.get_by_role("button", name="Helskärm")).to_be_visible()
    expect(screen.locator("[data-phase]")).to_have_attribute("data-phase", "open")
    axe.check(screen, "big screen: open cloud, dark")

    console = browser.new_context(**DESKTOP).new_page()
    log_in(console, base, "ungdom", axe)
    console.goto(f"{base}/console/{CODE}")
    expect(console.get_by_role("heading", name=f"Styr {CODE}")).to_be_visible()
    expect(console.get_by_role("button", name="Stäng svar")).to_be_visible(timeout=SLOW)
    expect(console.get_by_role("button", name="Öppna svar")).to_have_count(0)
    expect(console.get_by_text("Tangenter i listan")).to_have_count(0)  # empty queue

    phone = browser.new_context(**PHONE_390).new_page()
    phone.goto(f"{base}/j/{CODE}")
    expect(phone.get_by_role("heading", name=CLOUD_Q)).to_be_visible(timeout=SLOW)

    # Ten answers: nine from other phones, one from this one. All held.
    nine_held_answers()
    phone.get_by_role("textbox", name=CLOUD_Q).fill("musik")
    phone.get_by_role("button", name="Skicka svaret").click()
    status = phone.locator(".open-text-activity .notice")
    expect(status).to_have_count(1, timeout=SLOW)  # one confirmation, not three
    expect(status).to_have_text(
        "Tack! Ditt svar är sparat. En fritidsledare läser det innan det visas."
    )
    axe.check(phone, "phone: answer held")
    cloud_answers = Response.objects.filter(question__text=CLOUD_Q)
    assert cloud_answers.filter(text_status=TextStatus.HELD).count() == 10

    # The big screen shows how many wait, never what they say.
    held = screen.get_by_test_id("held-count")
    expect(held).to_have_text("10 svar väntar på granskning", timeout=SLOW)
    expect(screen.get_by_text("fotboll")).to_have_count(0)
    axe.check(screen, "big screen: ten held")

    # The console's queue: approve all in one step.
    approve_all = console.get_by_role("button", name="Godkänn alla (10)")
    expect(approve_all).to_be_visible(timeout=SLOW)
    expect(console.get_by_text("Tangenter i listan: J/K flytta")).to_be_visible()
    axe.check(console, "console 1440: ten held")
    shoot(console, "room-console-1440-held")
    console.keyboard.press("Tab")  # focus visible on the first control, for the screenshot
    approve_all.click()
    expect(console.get_by_text("10 godkända.")).to_be_visible(timeout=SLOW)
    expect(console.get_by_text("Inget väntar.")).to_be_visible(timeout=SLOW)

    cloud = screen.locator(".cloud-words")
    expect(cloud.locator(".word", has_text="musik")).to_be_visible(timeout=SLOW)
    expect(cloud.locator(".word", has_text="fotboll")).to_be_visible()
    expect(held).to_have_count(0)
    expect(phone.locator(".cloud-words .word", has_text="musik")).to_be_visible(timeout=SLOW)
    # Still one confirmation, and it follows the approval without a reload.
    expect(status).to_have_count(1)
    expect(status).to_have_text("Ditt svar är godkänt och publicerat.", timeout=SLOW)
    shoot(phone, "room-phone-390-published")
    wait_for_motion_to_settle(screen)
    axe.check(screen, "big screen: approved cloud, dark")
    axe.check(phone, "phone: approved cloud")
    axe.check(console, "console 1440: approved")
    shoot(screen, "room-screen-1440-dark")
    shoot(console, "room-console-1440")

    # Light theme, and a 1920-px hall projector.
    screen.get_by_role("button", name="Ljust tema").click()
    expect(screen.locator(".stage")).to_have_attribute("data-theme", "light")
    wait_for_motion_to_settle(screen)
    axe.check(screen, "big screen: approved cloud, light")
    shoot(screen, "room-screen-1440-light")
    screen.set_viewport_size({"width": 1920, "height": 1080})
    wait_for_motion_to_settle(screen)
    shoot(screen, "room-screen-1920-light")
    screen.get_by_role("button", name="Mörkt tema").click()
    wait_for_motion_to_settle(screen)
    shoot(screen, "room-screen-1920-dark")

    # A countdown that ends: one state on all three screens.
    control(console, CODE, '{"action": "countdown", "seconds": 3}')
    expect(screen.locator("[data-phase]")).to_have_attribute(
        "data-phase", "counting_down", timeout=SLOW
    )
    expect(console.get_by_role("button", name="Stoppa nedräkningen")).to_be_visible()
    axe.check(screen, "big screen: counting down")
    expect(screen.locator("[data-phase]")).to_have_attribute("data-phase", "revealed", timeout=SLOW)
    expect(screen.get_by_text("Svaren är öppna")).to_have_count(0)
    expect(screen.get_by_text("Tiden är slut")).to_have_count(0)
    expect(screen.get_by_text("Svaren är stängda · resultatet visas")).to_be_visible()
    expect(console.get_by_role("button", name="Stäng svar")).to_have_count(0, timeout=SLOW)
    expect(console.get_by_role("button", name="Öppna svar")).to_be_visible()
    expect(console.locator("[data-phase]")).to_have_attribute("data-phase", "revealed")
    expect(phone.get_by_text("Svaren är stängda just nu.")).to_be_visible(timeout=SLOW)
    expect(phone.get_by_role("textbox", name=CLOUD_Q)).to_have_count(0)
    axe.check(screen, "big screen: countdown over")
    axe.check(console, "console 1440: countdown over")
    axe.check(phone, "phone: countdown over")
    shoot(screen, "room-screen-1920-closed")

    # The console on a phone: primary controls stay at the bottom, nothing runs sideways.
    console.set_viewport_size({"width": 390, "height": 844})
    bar = console.locator(".primary-bar")
    expect(bar).to_be_visible()
    box = bar.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] >= 844 - 2, box
    console.mouse.wheel(0, 2000)
    box = bar.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] >= 844 - 2, box
    assert console.evaluate("document.documentElement.scrollWidth") <= 390
    height = console.evaluate("document.documentElement.scrollHeight")
    assert height < 3000, height
    axe.check(console, "console 390: countdown over")
    shoot(console, "room-console-390")
