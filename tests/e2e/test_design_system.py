"""The look: /staff/ui shows every component, and the main screens at three widths.

axe-core runs on every state; screenshots land in test-artifacts/ (design-*.png).
"""

import re
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import AxeChecker
from tests.e2e.test_walking_skeleton import log_in

CODE = "FIKA42"
SLOW = 10_000
WIDTHS = {"320": (320, 640), "768": (768, 1024), "1440": (1440, 900)}


def context_at(browser: Any, width: str) -> Any:
    w, h = WIDTHS[width]
    return browser.new_context(
        viewport={"width": w, "height": h},
        locale="sv-SE",
        is_mobile=w < 700,
        has_touch=w < 700,
    )


def no_horizontal_scroll(page: Any) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"page scrolls sideways by {overflow}px"


def small_targets(page: Any) -> list[str]:
    """Buttons, and links styled as buttons, smaller than 44 px either way."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
            'main button, main a.button, main select, main input')]
        .filter((e) => e.offsetParent !== null)
        .map((e) => [e, e.getBoundingClientRect()])
        .filter(([, r]) => r.height < 44 || r.width < 44)
        .map(([e, r]) => `${e.tagName} "${e.textContent.trim()}" `
            + `${Math.round(r.width)}x${Math.round(r.height)}`)"""
    )


def test_component_gallery_in_every_state(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    for width in ("320", "1440"):
        context = context_at(browser, width)
        page = context.new_page()
        fonts: list[str] = []

        def record_font(request: Any, fonts: list[str] = fonts) -> None:
            if request.url.endswith(".woff2"):
                fonts.append(request.url)

        page.on("request", record_font)
        log_in(page, demo_server, "ungdom", axe)
        page.goto(f"{demo_server}/staff/ui")
        expect(page.get_by_role("heading", name="Komponenter", level=1)).to_be_visible()
        axe.check(page, f"/staff/ui at {width}")
        no_horizontal_scroll(page)
        assert small_targets(page) == []

        # The form field is written once: its label, hint and error reach the control.
        name = page.get_by_role("textbox", name="Namn på sessionen")
        expect(name).to_have_attribute("aria-invalid", "true")
        expect(name).to_have_accessible_description("Skriv ett namn.")
        name.fill("Fredagsrådet")
        expect(name).not_to_have_attribute("aria-invalid", "true")

        # Both big-screen themes are drawn, dark one on a dark background.
        dark = page.locator("figure[data-theme='dark']")
        expect(dark).to_be_visible()
        assert dark.evaluate("(e) => getComputedStyle(e).backgroundColor") == "rgb(20, 16, 39)"
        shoot(page, f"design-staff-ui-{width}")

        page.get_by_role("button", name="Öppna dialog").click()
        dialog = page.get_by_role("dialog", name="Avsluta sessionen?")
        expect(dialog).to_be_visible()
        axe.check(page, f"/staff/ui dialog at {width}")
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        expect(page.get_by_role("button", name="Öppna dialog")).to_be_focused()

        page.get_by_role("button", name="Visa klar-notis").click()
        expect(page.get_by_role("status").filter(has_text="Sparat!")).to_be_visible()
        page.get_by_role("button", name="Visa felnotis").click()
        expect(page.get_by_text("Sparat!")).to_have_count(0)
        axe.check(page, f"/staff/ui toast at {width}")

        # Noto Sans comes from our own server, and a Swedish page needs only its Latin file.
        assert page.evaluate("() => document.fonts.check('16px \"Noto Sans Variable\"')")
        assert fonts, "no font was loaded"
        assert all(u.startswith(demo_server) for u in fonts), fonts
        assert all(re.search(r"noto-sans-latin-wght", u) for u in fonts), fonts
        context.close()


def test_the_main_screens_at_three_widths(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    for width in WIDTHS:
        context = context_at(browser, width)
        page = context.new_page()
        page.goto(f"{demo_server}/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe.check(page, f"start (join) at {width}")
        no_horizontal_scroll(page)
        shoot(page, f"design-join-{width}")

        page.goto(f"{demo_server}/j/{CODE}")
        expect(page.get_by_role("button", name="Musikstudion")).to_be_visible(timeout=SLOW)
        axe.check(page, f"phone poll at {width}")
        no_horizontal_scroll(page)
        shoot(page, f"design-phone-poll-{width}")

        log_in(page, demo_server, "ungdom", axe)
        axe.check(page, f"staff home at {width}")
        shoot(page, f"design-staff-{width}")

        page.goto(f"{demo_server}/present/{CODE}")
        expect(page.get_by_role("img", name=re.compile("QR"))).to_be_visible(timeout=SLOW)
        axe.check(page, f"big screen dark at {width}")
        shoot(page, f"design-present-dark-{width}")
        page.evaluate("() => document.querySelector('.stage').setAttribute('data-theme', 'light')")
        axe.check(page, f"big screen light at {width}")
        shoot(page, f"design-present-light-{width}")
        context.close()
