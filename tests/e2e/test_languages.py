"""The core journey in Arabic (right to left) and Somali: join, vote, post an idea, "mina
svar"; the big screen and the console in Arabic. The phone's first visit follows the
browser's language; one tap in the language menu switches and the device remembers it.
axe-core runs on every state; screenshots land in test-artifacts/ (lang-*.png).
"""

import json
import re
from functools import cache
from typing import Any

import pytest
from playwright.sync_api import expect

from config.management.commands.seed_demo import DEMO_JOIN_CODE
from forum.ideas.models import Idea, IdeaBoard
from forum.participation.models import Forum
from tests.e2e.conftest import BIG_SCREEN, PHONE, AxeChecker
from tests.e2e.test_poll_kinds import section
from tests.e2e.test_walking_skeleton import log_in
from tests.factories import PollFactory
from tests.support.servers import BASE_DIR

SLOW = 10_000
LOCALES = BASE_DIR / "frontend" / "src" / "locales"
QUESTION = "Vilken dag ska läxhjälpen vara öppen?"
# What a young person in Järva types: their own script with a Swedish place and a number.
IDEA_TEXT = {
    "ar": ("ملعب كرة في Tensta", "نريد ملعباً جديداً قرب Tensta centrum لـ 20 شخصاً."),
    "so": ("Garoon kubbad Tensta", "Waxaan rabnaa garoon cusub oo u dhow Tensta centrum, 20 qof."),
}


@cache
def catalog(namespace: str, code: str) -> dict[str, Any]:
    name = f"{namespace}.{code}.json" if namespace else f"{code}.json"
    return json.loads((LOCALES / name).read_text(encoding="utf-8"))


def t(namespace: str, key: str, code: str) -> str:
    """The words the page shows in ``code`` (the catalogs a vitest checks are complete)."""
    node: Any = catalog(namespace, code)
    for part in key.split("."):
        node = node[part]
    return str(node)


def no_sideways_scroll(page: Any) -> None:
    """Nothing sticks out on either side: in right-to-left pages overflow goes left."""
    out = page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          return [...document.querySelectorAll('body *')]
            .filter((e) => { const r = e.getBoundingClientRect();
              return r.width > 0 && (r.right > width + 1 || r.left < -1); })
            .map((e) => e.tagName + '.' + e.className).slice(0, 5);
        }"""
    )
    assert out == [], f"sticks out sideways: {out}"


@cache
def message_key_pattern() -> re.Pattern[str]:
    """A message id shown instead of its words ("results.fewer_than_five")."""
    sections = {
        section
        for path in LOCALES.glob("*sv.json")
        for section in json.loads(path.read_text(encoding="utf-8"))
    }
    return re.compile(rf"\b(?:{'|'.join(sorted(sections))})\.[a-z_]+")


def no_message_keys(page: Any) -> None:
    shown = page.evaluate("() => document.body.innerText")
    assert not message_key_pattern().findall(shown), message_key_pattern().findall(shown)


def expect_language(page: Any, code: str, direction: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", code, timeout=SLOW)
    expect(page.locator("html")).to_have_attribute("dir", direction)


@pytest.mark.parametrize(("code", "direction"), [("ar", "rtl"), ("so", "ltr")])
def test_core_journey_in_the_phones_language(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any, code: str, direction: str
) -> None:
    base = demo_server
    forum = Forum.objects.get(slug="ungdomsforum-jarva")
    poll = PollFactory(forum=forum, questions=[(QUESTION, ["Måndag", "Onsdag"])])
    board = IdeaBoard.objects.get(question="Vad ska förändras i Tensta centrum?")

    # 1. First visit: the browser speaks the language, so the start page does too.
    ctx = browser.new_context(**{**PHONE, "locale": code})
    phone = ctx.new_page()
    phone.goto(f"{base}/")
    expect_language(phone, code, direction)
    code_field = phone.get_by_label(t("", "start.code_label", code))
    expect(code_field).to_be_visible()
    # Codes are typed and read left to right in every language.
    assert code_field.evaluate("(e) => getComputedStyle(e).direction") == "ltr"
    axe.check(phone, f"start page ({code})")
    shoot(phone, f"lang-{code}-start")

    # 2. Join the live session with its code.
    code_field.fill(DEMO_JOIN_CODE.lower())
    phone.get_by_role("button", name=t("", "start.join", code)).click()
    expect(phone).to_have_url(f"{base}/j/{DEMO_JOIN_CODE}")
    expect_language(phone, code, direction)
    expect(phone.locator("main")).not_to_be_empty(timeout=SLOW)
    axe.check(phone, f"live phone ({code})")
    shoot(phone, f"lang-{code}-live-phone")

    # 3. Vote in a poll (its text is Swedish: nobody translated it).
    phone.goto(f"{base}/p/{poll.pk}")
    section(phone, QUESTION).get_by_role("button", name="Onsdag").click()
    expect(phone.get_by_text(t("", "phone.counted", code))).to_be_visible(timeout=SLOW)
    # One vote is fewer than 5: the result says so in the language, never a message id.
    expect(phone.get_by_text(t("", "results.fewer_than_five", code)).first).to_be_visible()
    no_message_keys(phone)
    axe.check(phone, f"poll answered ({code})")
    shoot(phone, f"lang-{code}-poll-answered")

    # 4. Post an idea written in the language, with a Swedish place name and a number.
    title, text = IDEA_TEXT[code]
    phone.goto(f"{base}/ideas/{board.pk}")
    phone.get_by_text(t("ideas", "ideas.new_title", code)).click()
    phone.get_by_label(t("ideas", "ideas.field_title", code)).fill(title)
    phone.get_by_label(t("ideas", "ideas.field_text", code)).fill(text)
    axe.check(phone, f"idea form ({code})")
    phone.get_by_role("button", name=t("ideas", "ideas.send", code)).click()
    expect(phone.get_by_text(t("ideas", "ideas.sent_held", code))).to_be_visible(timeout=SLOW)
    idea = Idea.objects.get(title=title)
    assert idea.text == text  # mixed-direction text is stored as typed
    mine = phone.locator("article", has_text=title)
    expect(mine).to_be_visible()
    axe.check(phone, f"idea posted ({code})")
    shoot(phone, f"lang-{code}-idea-posted")

    # 5. "Mina svar" lists the idea, in the language.
    phone.goto(f"{base}/mina-svar")
    expect(
        phone.get_by_role("heading", name=t("ideas", "ideas.mine_title", code), exact=True)
    ).to_be_visible()
    expect(phone.get_by_text(title).first).to_be_visible()
    no_message_keys(phone)
    axe.check(phone, f"my answers ({code})")
    shoot(phone, f"lang-{code}-my-answers")
    phone.set_viewport_size({"width": 320, "height": 700})
    no_sideways_scroll(phone)
    shoot(phone, f"lang-{code}-my-answers-320")

    # 6. One tap in the menu switches to Swedish; the device remembers it.
    native = {"ar": "العربية", "so": "Soomaali"}[code]
    toggle = phone.get_by_role("button", name=f"{t('', 'common.language', code)}: {native}")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    axe.check(phone, f"language menu open ({code})")
    shoot(phone, f"lang-{code}-menu")
    if code == "ar":
        # Back to Swedish; the device remembers it.
        phone.get_by_role("button", name="Svenska", exact=True).click()
        expect_language(phone, "sv", "ltr")
        expect(phone.get_by_role("heading", name="Mina svar", exact=True)).to_be_visible()
        phone.reload()
        expect_language(phone, "sv", "ltr")
        expect(phone.get_by_role("heading", name="Mina svar", exact=True)).to_be_visible()
    else:
        # Easy-read Swedish: simpler words where it has them, standard Swedish elsewhere.
        phone.get_by_role("button", name="Lättläst svenska").click()
        expect_language(phone, "sv", "ltr")
        expect(phone.get_by_text(t("ideas", "ideas.mine_lead", "sv-x-lattlast"))).to_be_visible()
        expect(phone.get_by_role("heading", name="Mina svar", exact=True)).to_be_visible()
        axe.check(phone, "my answers in easy-read Swedish")
        shoot(phone, "lang-sv-x-lattlast-my-answers")
        phone.reload()
        expect(phone.get_by_text(t("ideas", "ideas.mine_lead", "sv-x-lattlast"))).to_be_visible()
    ctx.close()


def test_big_screen_and_console_in_arabic(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    base = demo_server
    ctx = browser.new_context(**BIG_SCREEN)
    screen = ctx.new_page()
    log_in(screen, base, "ungdom", axe)
    screen.locator("button.lang-toggle").click()
    screen.get_by_role("button", name="العربية").click()
    expect_language(screen, "ar", "rtl")
    axe.check(screen, "staff home (ar)")

    screen.goto(f"{base}/present/{DEMO_JOIN_CODE}")
    expect_language(screen, "ar", "rtl")
    join_code = screen.locator(".join-code")
    expect(join_code).to_contain_text(DEMO_JOIN_CODE, timeout=SLOW)
    assert join_code.evaluate("(e) => getComputedStyle(e).direction") == "ltr"
    no_message_keys(screen)
    axe.check(screen, "big screen (ar)")
    shoot(screen, "lang-ar-big-screen")

    console = ctx.new_page()
    console.set_viewport_size(PHONE["viewport"])
    console.goto(f"{base}/console/{DEMO_JOIN_CODE}")
    expect_language(console, "ar", "rtl")
    expect(console.locator("main")).not_to_be_empty(timeout=SLOW)
    no_message_keys(console)
    axe.check(console, "console (ar)")
    shoot(console, "lang-ar-console")
    no_sideways_scroll(console)
    ctx.close()
