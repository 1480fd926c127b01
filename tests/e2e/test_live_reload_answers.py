"""A live phone reloads and still sees its earlier answer, for question kinds other than
single choice (multiple choice, scale, open text): the server's copy comes back in the
join response and the socket's "mine" frame.

The session is self-paced, so the phone steps through the questions itself (the server
runs in another process: the test cannot drive it over the in-memory channel layer)."""

from typing import Any

from playwright.sync_api import expect

from forum.live.services import live_pacing_set, live_session_start
from forum.participation.models import ForumStaff
from forum.polls.models import Response
from tests.e2e.conftest import PHONE, AxeChecker
from tests.factories import UserFactory, all_kinds_poll

SLOW = 10_000
COUNTED = "Din röst är räknad ✓"
CODE = "SVAR24"


def step(phone: Any, times: int) -> None:
    expect(phone.get_by_role("button", name="Nästa")).to_be_visible(timeout=SLOW)
    for _ in range(times):
        phone.get_by_role("button", name="Nästa").click()


def test_live_phone_shows_its_answers_after_a_reload(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    base = demo_server
    worker = UserFactory(roles=["youth_worker"])
    poll = all_kinds_poll()
    ForumStaff.objects.create(forum=poll.forum, user=worker)
    session = live_session_start(forum=poll.forum, poll=poll, actor=worker, join_code=CODE)
    live_pacing_set(session=session, actor=worker, pacing="self")
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{base}/j/{CODE}")
    expect(phone.get_by_role("heading", name="Vilken dag?")).to_be_visible(timeout=SLOW)

    # Multiple choice.
    step(phone, 1)
    expect(phone.get_by_role("heading", name="Vilka aktiviteter?")).to_be_visible(timeout=SLOW)
    phone.get_by_label("Fotboll").check()
    phone.get_by_label("Musik").check()
    phone.get_by_role("button", name="Skicka svaret").click()
    expect(phone.get_by_text(COUNTED)).to_be_visible(timeout=SLOW)
    phone.reload()
    step(phone, 1)
    expect(phone.get_by_role("heading", name="Vilka aktiviteter?")).to_be_visible(timeout=SLOW)
    expect(phone.get_by_label("Fotboll")).to_be_checked(timeout=SLOW)
    expect(phone.get_by_label("Musik")).to_be_checked()
    expect(phone.get_by_label("Gaming")).not_to_be_checked()
    axe.check(phone, "live phone multiple choice after reload")
    shoot(phone, "live-reload-multiple-choice")

    # Scale (two steps further: yes/no is skipped here).
    step(phone, 2)
    expect(phone.get_by_role("heading", name="Hur trygg känner du dig?")).to_be_visible(
        timeout=SLOW
    )
    phone.get_by_role("button", name="4 av 5").click()
    expect(phone.get_by_text(COUNTED)).to_be_visible(timeout=SLOW)
    phone.reload()
    step(phone, 3)
    expect(phone.get_by_role("button", name="4 av 5")).to_have_attribute(
        "aria-pressed", "true", timeout=SLOW
    )

    # Open text.
    step(phone, 2)
    expect(phone.get_by_role("heading", name="Vad saknar du?")).to_be_visible(timeout=SLOW)
    phone.get_by_role("textbox").fill("Ett café med läxhjälp")
    phone.get_by_role("button", name="Skicka svaret").click()
    expect(phone.get_by_text(COUNTED)).to_be_visible(timeout=SLOW)
    phone.reload()
    step(phone, 5)
    expect(phone.get_by_role("textbox")).to_have_value("Ett café med läxhjälp", timeout=SLOW)
    axe.check(phone, "live phone open text after reload")
    shoot(phone, "live-reload-open-text")

    kinds = {r.question.kind for r in Response.objects.select_related("question")}
    assert {"multiple_choice", "scale", "open_text"} <= kinds
