"""A phone made for a thumb, measured at 320×640 (and shot at 390×844 too).

The first answer is above the fold, the header is one row, results appear only after this
phone answered, every touch target is at least 44 px, and axe-core finds nothing serious on
any state: join, each activity type of a live session, an idea board and an idea.
Screenshots land in test-artifacts/phone-*.png.
"""

from typing import Any

from playwright.sync_api import expect

from forum.ideas.models import Idea, IdeaBoard
from forum.live.models import ActivityKind, LiveSession
from tests.e2e.conftest import AxeChecker
from tests.e2e.test_walking_skeleton import PASSWORD

SMALL = {"width": 320, "height": 640}
MEDIUM = {"width": 390, "height": 844}
SLOW = 10_000

# Every visible control and its box: a radio's or checkbox's target is its label.
TARGETS_JS = """
() => [...document.querySelectorAll(
  'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]'
)].map((el) => {
  const box = (el.matches('input[type=radio], input[type=checkbox]') && el.closest('label')) || el;
  const r = box.getBoundingClientRect();
  const hidden = r.width === 0 || r.height === 0 || r.bottom < 0
    || getComputedStyle(el).visibility === 'hidden' || el.closest('.visually-hidden')
    || (el.closest('details:not([open])') && !el.matches('summary'));
  return hidden ? null : {
    name: (el.getAttribute('aria-label') || el.textContent || el.id || el.tagName)
      .trim().slice(0, 50),
    height: Math.round(r.height), width: Math.round(r.width),
  };
}).filter((t) => t !== null)
"""


def phone_context(browser: Any, viewport: dict[str, int]) -> Any:
    return browser.new_context(
        viewport=viewport, device_scale_factor=2, is_mobile=True, has_touch=True, locale="sv-SE"
    )


def small_targets(page: Any) -> list[dict[str, Any]]:
    return [t for t in page.evaluate(TARGETS_JS) if t["height"] < 44 or t["width"] < 44]


def header_is_one_row(page: Any) -> None:
    header = page.locator(".site-header").bounding_box()
    brand = page.locator(".brand").bounding_box()
    lang = page.locator(".site-header .lang").bounding_box()
    assert header["height"] <= 60, f"the header is {header['height']} px high"
    assert abs(brand["y"] - lang["y"]) < 12, "brand and language switch are on one row"


def look(page: Any, name: str, axe: AxeChecker, shots: list[str]) -> None:
    """Check a state (targets, axe) and shoot it."""
    small = small_targets(page)
    assert small == [], f"{name}: touch targets under 44 px: {small}"
    header_is_one_row(page)
    axe.check(page, name)
    path = f"test-artifacts/phone-{name}.png"
    page.screenshot(path=path, full_page=True)
    shots.append(path)


class YouthWorker:
    """Drives the sessions through the server's own API (as the console does): its events
    reach the server's channel layer and cache, which this process's services would not."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.page = browser.new_context(locale="sv-SE").new_page()
        self.page.goto(f"{base}/staff")
        self.page.get_by_label("Användarnamn").fill("ungdom")
        self.page.get_by_label("Lösenord").fill(PASSWORD)
        self.page.get_by_role("button", name="Logga in").click()
        expect(self.page.get_by_text("Inloggad som ungdom")).to_be_visible()

    def post(self, path: str, data: dict[str, Any] | None = None) -> None:
        token = next(c["value"] for c in self.page.context.cookies() if c["name"] == "csrftoken")
        response = self.page.request.post(
            f"{self.base}{path}",
            data=data or {},
            headers={"X-CSRFToken": token, "Referer": f"{self.base}/staff"},
        )
        assert response.ok, response.text()

    def goto(self, code: str, activity_id: int) -> None:
        self.post(f"/api/live/{code}/control", {"action": "goto", "activity_id": activity_id})


def test_a_phone_at_320_by_640_answers_with_a_thumb(
    browser: Any, demo_server: str, axe: AxeChecker
) -> None:
    base = demo_server
    shots: list[str] = []
    page = phone_context(browser, SMALL).new_page()

    page.goto(f"{base}/")
    expect(page.get_by_label("Skriv koden")).to_be_visible()
    look(page, "320-join", axe, shots)

    page.goto(f"{base}/j/FIKA42")
    first = page.get_by_role("button", name="Idrottshallen")
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert box["y"] + box["height"] <= SMALL["height"], (
        f"first answer ends at {box['y'] + box['height']} px"
    )
    expect(page.get_by_text("Svara först, så ser du vad andra har svarat.")).to_be_visible()
    expect(page.get_by_text("Så här har alla svarat")).to_have_count(0)
    look(page, "320-question", axe, shots)

    first.click()
    expect(page.get_by_text("Din röst är räknad ✓")).to_be_visible(timeout=SLOW)
    expect(page.get_by_text("Så här har alla svarat")).to_be_visible(timeout=SLOW)
    look(page, "320-question-answered", axe, shots)

    session = LiveSession.objects.get(join_code="FIKA42")
    youth_worker = YouthWorker(browser, base)
    for kind, visible in [
        (ActivityKind.QA, "Fråga fritidsledarna"),
        (ActivityKind.INFO_SLIDE, "Tack för i kväll!"),
        (ActivityKind.WORD_CLOUD, None),
        (ActivityKind.OPEN_WALL, None),
    ]:
        activity = session.activities.filter(kind=kind).first()
        assert activity is not None, kind
        youth_worker.goto("FIKA42", activity.pk)
        kind_name = {"qa": "Frågor", "info_slide": "Info", "word_cloud": "Ordmoln"}
        expect(page.locator(".step")).to_contain_text(
            kind_name.get(kind, "Svarsvägg"), timeout=SLOW
        )
        if visible:
            expect(page.get_by_text(visible).first).to_be_visible(timeout=SLOW)
        page.wait_for_timeout(300)
        look(page, f"320-{kind}", axe, shots)

    tensta = LiveSession.objects.get(join_code="TENSTA")
    youth_worker.post("/api/live/TENSTA/start")
    collection = tensta.activities.get(kind=ActivityKind.IDEA_COLLECTION)
    youth_worker.goto("TENSTA", collection.pk)
    page.goto(f"{base}/j/TENSTA")
    expect(page.get_by_label("Din idé")).to_be_visible(timeout=SLOW)
    look(page, "320-idea_collection", axe, shots)

    board = IdeaBoard.objects.order_by("id").first()
    assert board is not None
    page.goto(f"{base}/ideas/{board.pk}")
    expect(page.locator(".idea-card").first).to_be_visible(timeout=SLOW)
    for card in page.locator(".idea-card").all():
        assert card.locator(".status-chip").count() == 1, "one status chip per idea"
    look(page, "320-idea-board", axe, shots)

    idea = Idea.objects.filter(board=board, moderation_state="published").first()
    assert idea is not None
    page.goto(f"{base}/ideas/idea/{idea.pk}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".status-chip")).to_have_count(1)
    look(page, "320-idea", axe, shots)


def test_screenshots_at_390_by_844(browser: Any, demo_server: str, axe: AxeChecker) -> None:
    base = demo_server
    shots: list[str] = []
    page = phone_context(browser, MEDIUM).new_page()
    page.goto(f"{base}/j/FIKA42")
    expect(page.get_by_role("button", name="Idrottshallen")).to_be_visible()
    look(page, "390-question", axe, shots)
    board = IdeaBoard.objects.order_by("id").first()
    assert board is not None
    page.goto(f"{base}/ideas/{board.pk}")
    expect(page.locator(".idea-card").first).to_be_visible(timeout=SLOW)
    page.locator(".new-idea summary").click()
    look(page, "390-idea-board-form", axe, shots)
