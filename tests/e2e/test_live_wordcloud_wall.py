"""A word cloud and an answer wall, live: big screen (1280×720), the youth worker's console
and two 360-px phones.

Two phones send words and the cloud on the big screen shows them, the most used biggest;
the console adds an answer wall on the fly and moves to it; a phone's answer with a swear
word is held, appears only in the console's queue, and approving it puts the card on the
wall and on the other phone. axe-core checks every view; screenshots (big screen 1280 px,
phones 360 and 320 px, the console) land in test-artifacts/.
"""

import re
import uuid
from typing import Any

from django.contrib.auth.models import User
from playwright.sync_api import expect

from forum.live.models import ActivityKind, LiveSession
from forum.live.services import live_open_text_activity_create
from forum.participation.models import Forum, ForumStaff
from forum.participation.services import participant_create
from forum.polls.models import Response, TextStatus
from forum.polls.services import poll_answer_submit
from tests.e2e.conftest import PHONE, AxeChecker
from tests.e2e.test_walking_skeleton import SLOW, log_in
from tests.e2e.waits import wait_for_motion_to_settle

CODE = "MOLN42"
CLOUD_Q = "Beskriv kvällen med ett ord"
WALL_Q = "Vad ska vi göra i sommar?"
HELD = "Skolan är skit tråkig på sommaren, vi vill ha ett café"
SCREEN = {"viewport": {"width": 1280, "height": 720}, "locale": "sv-SE"}


def make_session() -> None:
    """A session in a forum that publishes free text unless the rules hold it."""
    worker = User.objects.get(username="ungdom")
    forum = Forum.objects.create(name="Sommarforum", slug="sommarforum", pre_moderation=False)
    ForumStaff.objects.create(forum=forum, user=worker)  # the demo youth worker runs it
    session = LiveSession.objects.create(
        forum=forum, title="Sommarkväll", join_code=CODE, created_by=worker
    )
    live_open_text_activity_create(
        session=session, actor=worker, kind=ActivityKind.WORD_CLOUD, text=CLOUD_Q
    )


MANY_WORDS = (
    "fritidsgården kompisar trygg musik fotboll gaming pingis dans film mat pizza läxhjälp "
    "basket simning skate graffiti rap teater schack boxning parkour sommarjobb utflykt "
    "camping grill badplats cykel konsert festival kodning robotar foto podcast bakning "
    "yoga klättring bio karaoke volleyboll"
).split()


def fill_cloud() -> None:
    """Many phones' worth of published words (the forum publishes unless rules hold)."""
    session = LiveSession.objects.get(join_code=CODE)
    question = session.activities.get(kind=ActivityKind.WORD_CLOUD).question
    assert question is not None
    for i in range(60):
        words = " ".join(MANY_WORDS[j % len(MANY_WORDS)] for j in (i, i // 2, i // 5, i // 11))
        poll_answer_submit(
            question=question,
            participant=participant_create()[0],
            answer={"text": words[:40]},
            idempotency_key=uuid.uuid4(),
        )


WALL_TEXTS = [
    "Fler kvällar med öppen idrottshall",
    "Ett ställe att plugga på efter skolan där det är lugnt och någon kan hjälpa till med "
    "matten, för hemma är det trångt och svårt att koncentrera sig.",
    "Gratis sommarjobb för alla över 15",
    "Bättre belysning i parken",
    "Utflykter till skärgården, många av oss har aldrig varit där",
    "Mer musik!",
    "En tjejkväll varje vecka med egna aktiviteter som vi själva bestämmer",
] * 4


def fill_wall() -> None:
    session = LiveSession.objects.get(join_code=CODE)
    question = session.activities.get(kind=ActivityKind.OPEN_WALL).question
    assert question is not None
    for text in WALL_TEXTS[:25]:
        poll_answer_submit(
            question=question,
            participant=participant_create()[0],
            answer={"text": text},
            idempotency_key=uuid.uuid4(),
        )


def send(phone: Any, question: str, text: str) -> None:
    phone.get_by_role("textbox", name=question).fill(text)
    phone.get_by_role("button", name="Skicka svaret").click()


def test_phones_fill_a_word_cloud_and_an_answer_wall_with_moderation(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    base = demo_server
    make_session()

    screen_ctx = browser.new_context(**SCREEN)
    screen = screen_ctx.new_page()
    log_in(screen, base, "ungdom", axe)
    screen.goto(f"{base}/present/{CODE}")
    expect(screen.get_by_role("heading", name=CLOUD_Q)).to_be_visible(timeout=SLOW)
    expect(screen.get_by_text("Inga ord än. Skriv det första!")).to_be_visible()
    axe.check(screen, "big screen: empty word cloud")

    console = browser.new_context(**PHONE).new_page()
    log_in(console, base, "ungdom", axe)
    console.goto(f"{base}/console/{CODE}")
    expect(console.get_by_role("heading", name=f"Styr {CODE}")).to_be_visible()
    expect(console.get_by_text("Inga svar än")).to_be_visible(timeout=SLOW)

    phones = [browser.new_context(**PHONE).new_page() for _ in range(2)]
    for phone in phones:
        phone.goto(f"{base}/j/{CODE}")
        expect(phone.get_by_role("heading", name=CLOUD_Q)).to_be_visible(timeout=SLOW)
    expect(phones[0].get_by_text("Skriv ett eller några ord.")).to_be_visible()
    assert phones[0].get_by_role("textbox", name=CLOUD_Q).get_attribute("maxlength") == "40"
    axe.check(phones[0], "phone: word cloud before answering")

    # Two phones send words; the cloud shows them, "musik" (in both) the biggest.
    send(phones[0], CLOUD_Q, "Musik och fotboll")
    send(phones[1], CLOUD_Q, "musik")
    for phone in phones:
        expect(phone.get_by_text("Din röst är räknad ✓")).to_be_visible(timeout=SLOW)
    cloud = screen.locator(".cloud-words")
    expect(cloud.locator(".word", has_text="musik")).to_be_visible(timeout=SLOW)
    expect(cloud.locator(".word", has_text="fotboll")).to_be_visible()
    expect(screen.locator("ol.visually-hidden li", has_text="musik")).to_have_text(
        "musik: 2 gånger"
    )
    expect(screen.get_by_text("2 svar")).to_be_visible()
    sizes = {
        word: cloud.locator(".word", has_text=word).evaluate(
            "el => parseFloat(getComputedStyle(el).fontSize)"
        )
        for word in ("musik", "fotboll")
    }
    assert sizes["musik"] > sizes["fotboll"], sizes
    expect(console.get_by_text("2 svar")).to_be_visible(timeout=SLOW)
    expect(phones[1].locator(".cloud-words .word", has_text="fotboll")).to_be_visible(timeout=SLOW)
    wait_for_motion_to_settle(screen)  # the words have finished growing in
    axe.check(screen, "big screen: word cloud")
    axe.check(phones[1], "phone: word cloud revealed")
    shoot(screen, "wordcloud-screen-1280")
    shoot(phones[1], "wordcloud-phone-360")
    phones[1].set_viewport_size({"width": 320, "height": 640})
    shoot(phones[1], "wordcloud-phone-320")
    assert phones[1].evaluate("document.documentElement.scrollWidth") <= 320
    phones[1].set_viewport_size({"width": 360, "height": 740})
    # A full cloud (written straight to the database, shown after a hide/reveal from the
    # console) still fits its box at 1280×720: nothing overlaps or spills out.
    fill_cloud()
    console.get_by_role("button", name="Dölj resultat").click()
    expect(screen.get_by_text("Resultatet visas när fritidsledaren vill.")).to_be_visible(
        timeout=SLOW
    )
    console.get_by_role("button", name="Visa resultat").click()
    expect(cloud.locator(".word", has_text="fritidsgården")).to_be_visible(timeout=SLOW)
    expect(cloud.locator(".word")).to_have_count(40)
    wait_for_motion_to_settle(screen)
    shoot(screen, "wordcloud-screen-1280-full")
    screen.emulate_media(reduced_motion="reduce")
    assert (
        screen.locator(".cloud-words .pop").first.evaluate(
            "el => getComputedStyle(el).animationName"
        )
        == "none"
    ), "words still pop with prefers-reduced-motion"
    screen.emulate_media(reduced_motion="no-preference")
    assert (
        screen.evaluate("document.querySelector('.cloud-box').getBoundingClientRect().bottom")
        <= 720
    )
    assert screen.evaluate(
        "() => { const ws = [...document.querySelectorAll('.cloud-words .word')]"
        ".map(w => w.getBoundingClientRect());"
        " return ws.every((a, i) => ws.every((b, j) => i === j || a.right <= b.left + 0.5 ||"
        " b.right <= a.left + 0.5 || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5)); }"
    ), "words overlap"
    assert screen.evaluate(
        "() => { const b = document.querySelector('.cloud-box').getBoundingClientRect();"
        " return [...document.querySelectorAll('.cloud-words .word')].every(w => {"
        " const r = w.getBoundingClientRect(); return r.top >= b.top - 1 &&"
        " r.bottom <= b.bottom + 1 && r.left >= b.left - 1 && r.right <= b.right + 1; }); }"
    )

    # The console adds an answer wall with a new question, on the fly, and moves to it.
    # (the session editor, the same as on the prepare page, opens inside the console)
    console.get_by_text("Ändra kommande aktiviteter").click()
    console.get_by_role("button", name="Åsiktsvägg", exact=True).click()
    expect(console.get_by_label("Fråga", exact=True)).to_be_focused()
    axe.check(console, "console: adding a wall")
    console.get_by_label("Fråga", exact=True).fill(WALL_Q)
    console.keyboard.press("Enter")
    expect(console.get_by_role("heading", name=WALL_Q)).to_be_visible(timeout=SLOW)
    expect(console.get_by_test_id("save-state")).to_contain_text("Sparat")
    console.get_by_role("button", name="Nästa", exact=True).click()
    expect(screen.get_by_role("heading", name=WALL_Q)).to_be_visible(timeout=SLOW)
    expect(screen.get_by_text("Inga svar på väggen än.")).to_be_visible()
    for phone in phones:
        expect(phone.get_by_role("heading", name=WALL_Q)).to_be_visible(timeout=SLOW)

    # One answer goes straight up; one with a swear word waits for the youth worker.
    send(phones[1], WALL_Q, "Ett café med läxhjälp")
    expect(screen.locator(".wall .card", has_text="Ett café med läxhjälp")).to_be_visible(
        timeout=SLOW
    )
    send(phones[0], WALL_Q, HELD)
    expect(
        phones[0].get_by_text(
            "Tack! Ditt svar är sparat. En fritidsledare läser det innan det visas."
        )
    ).to_be_visible(timeout=SLOW)
    queued = console.locator("ul.queue-list li", has_text=HELD)
    expect(queued).to_be_visible(timeout=SLOW)
    expect(queued).to_contain_text("ord att granska")
    expect(queued).to_contain_text("Svar i 2. Svarsvägg")
    expect(screen.get_by_text(HELD)).to_have_count(0)
    expect(phones[1].get_by_text(HELD)).to_have_count(0)
    axe.check(console, "console: held wall answer")
    shoot(console, "wordcloud-console-queue-360")
    assert Response.objects.get(answer__text=HELD).text_status == TextStatus.HELD

    queued.get_by_role("button", name="Godkänn").click()
    expect(screen.locator(".wall .card", has_text=HELD)).to_be_visible(timeout=SLOW)
    expect(phones[1].locator(".wall .card", has_text=HELD)).to_be_visible(timeout=SLOW)
    expect(console.locator("ul.queue-list li", has_text=HELD)).to_have_count(0, timeout=SLOW)
    expect(screen.locator(".total")).to_have_text("2 svar")
    expect(phones[1].get_by_text("2 svar på väggen")).to_be_visible()
    # Newest first: the approved answer was sent last.
    expect(screen.locator(".wall .card").first).to_have_text(HELD)
    wait_for_motion_to_settle(screen)
    axe.check(screen, "big screen: wall")
    shoot(screen, "wall-screen-1280")

    # A full wall shows the newest cards that fit whole, and says how many there are.
    fill_wall()
    console.get_by_role("button", name="Dölj resultat").click()
    expect(screen.get_by_text("Resultatet visas när fritidsledaren vill.")).to_be_visible(
        timeout=SLOW
    )
    console.get_by_role("button", name="Visa resultat").click()
    expect(screen.locator(".wall .card").first).to_have_text(WALL_TEXTS[24], timeout=SLOW)
    expect(screen.get_by_text(re.compile(r"Visar de \d+ senaste svaren"))).to_be_visible()
    assert screen.locator(".wall .card").count() >= 5
    wait_for_motion_to_settle(screen)
    shoot(screen, "wall-screen-1280-full")
    assert screen.evaluate(
        "() => { const b = document.querySelector('.wall').getBoundingClientRect();"
        " return [...document.querySelectorAll('.wall .card')].every(c => {"
        " const r = c.getBoundingClientRect();"
        " return r.bottom <= b.bottom + 1 && r.right <= b.right + 1; }); }"
    ), "a card is cut off"
    axe.check(phones[1], "phone: wall")
    shoot(phones[1], "wall-phone-360")
    for page, name in ((phones[0], "wall-phone-320"), (console, "wordcloud-console-320")):
        page.set_viewport_size({"width": 320, "height": 640})
        shoot(page, name)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320

    axe.assert_clean()
    assert len(axe.pages_checked) >= 10
