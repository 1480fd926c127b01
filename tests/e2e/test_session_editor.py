"""The session editor, as a youth worker who knows Mentimeter would use it.

1. From the staff home a blank session and five activities (word cloud, a choice question
   with two options, Q&A, info slide, countdown) are built, counting every click and key
   press except the typed texts: at most 20 (it takes 15). Then bad input (a countdown of
   0 s), a phone preview, a keyboard move (Alt+↓, announced) and a drag. axe-core checks
   every state; screenshots at 320, 768 and 1440 px land in test-artifacts/.
2. Two youth workers edit the same draft: the later save is refused, shown with who changed
   what, and nothing is overwritten; "Ladda om" shows the other's change.
"""

import re
from typing import Any

from playwright.sync_api import expect

from forum.core.roles import Role
from forum.live.models import LiveSession
from forum.participation.models import ForumStaff
from tests.e2e.conftest import ARTIFACTS, AxeChecker
from tests.e2e.test_walking_skeleton import PASSWORD, SLOW, log_in
from tests.factories import UserFactory

DESKTOP = {"viewport": {"width": 1440, "height": 900}, "locale": "sv-SE"}
CLICK_BUDGET = 20


class Counter:
    """Clicks and key presses a person makes; typing a text is not counted."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.clicks = 0
        self.keys = 0

    def click(self, locator: Any) -> None:
        locator.click()
        self.clicks += 1

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.keys += 1

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    @property
    def total(self) -> int:
        return self.clicks + self.keys


def added(page: Any, heading: str) -> None:
    editor = page.locator(".session-editor")
    expect(editor.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("save-state")).to_contain_text("Sparat", timeout=SLOW)


def test_build_five_activities_from_a_blank_page_within_twenty_actions(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    base = demo_server
    page = browser.new_context(**DESKTOP).new_page()
    log_in(page, base, "ungdom", axe)
    axe.check(page, "staff home")
    n = Counter(page)

    n.click(page.get_by_role("button", name="Ny livesession"))
    expect(page.get_by_role("button", name=re.compile("^Tom session"))).to_be_visible(timeout=SLOW)
    axe.check(page, "staff home: choose blank or template")
    shoot(page, "editor-new-session-1440")
    n.click(page.get_by_role("button", name=re.compile("^Tom session")))
    expect(page).to_have_url(re.compile(r"/staff/live/[A-Z0-9]+/prepare$"), timeout=SLOW)
    code = page.url.split("/")[-2]
    expect(page.get_by_text("Alla ändringar sparas automatiskt")).to_be_visible(timeout=SLOW)
    axe.check(page, "editor: empty")

    # 1. word cloud
    n.click(page.get_by_role("button", name="Ordmoln", exact=True))
    expect(page.get_by_label("Fråga", exact=True)).to_be_focused()
    axe.check(page, "editor: word cloud form")
    n.type("Hur mår du i dag, med ett ord?")
    n.press("Enter")
    added(page, "Hur mår du i dag, med ett ord?")
    # 2. a choice question, its options typed with Enter between them
    n.click(page.get_by_role("button", name="Flerval", exact=True))
    n.type("Vilken kväll ska vi ses?")
    n.press("Enter")
    expect(page.get_by_label("Alternativ 1")).to_be_focused()
    n.type("Fredag")
    n.press("Enter")
    n.type("Lördag")
    n.press("Enter")
    expect(page.get_by_label("Alternativ 3")).to_be_focused()
    axe.check(page, "editor: choice question form")
    n.press("Enter")  # Enter on the empty last option adds the question
    added(page, "Vilken kväll ska vi ses?")
    # 3. Q&A
    n.click(page.get_by_role("button", name="Frågor och svar", exact=True))
    n.press("Enter")
    expect(page.get_by_role("listitem").filter(has_text="Frågor och svar")).to_have_count(
        1, timeout=SLOW
    )
    # 4. info slide
    n.click(page.get_by_role("button", name="Infobild", exact=True))
    n.type("Välkomna till ungdomsrådet")
    n.press("Enter")
    added(page, "Välkomna till ungdomsrådet")
    # 5. countdown (60 s unless changed)
    n.click(page.get_by_role("button", name="Nedräkning", exact=True))
    n.type("Prata i par")
    n.press("Enter")
    added(page, "Prata i par")

    session = LiveSession.objects.get(join_code=code)
    kinds = list(session.activities.values_list("kind", flat=True))
    assert kinds == ["word_cloud", "poll_question", "qa", "info_slide", "countdown"]
    choice = session.activities.get(kind="poll_question").question
    assert choice is not None
    assert [o.label for o in choice.options.all()] == ["Fredag", "Lördag"]
    assert n.total <= CLICK_BUDGET, (n.clicks, n.keys)
    assert (n.clicks, n.keys) == (7, 8)
    print(f"editor: five activities in {n.clicks} clicks + {n.keys} keys = {n.total}")
    axe.check(page, "editor: five activities")
    shoot(page, "editor-five-activities-1440")

    # Bad input: a countdown of 0 s is refused with a clear message, nothing added.
    page.get_by_role("button", name="Nedräkning", exact=True).click()
    page.get_by_label("Sekunder").fill("0")
    page.get_by_label("Sekunder").press("Enter")
    expect(page.get_by_text("Välj mellan 1 sekund och 1 timme (3600 sekunder).")).to_be_visible(
        timeout=SLOW
    )
    axe.check(page, "editor: countdown out of range")
    assert session.activities.count() == 5
    page.get_by_role("button", name="Stäng").click()

    # Phone preview of the choice question: the phone's own answer buttons.
    item = page.locator("li.activity", has_text="Vilken kväll ska vi ses?")
    item.get_by_role("button", name=re.compile("^Visa som mobil")).click()
    frame = item.locator(".phone-frame")
    expect(frame.get_by_text("Fredag")).to_be_visible()
    axe.check(page, "editor: phone preview")
    shoot(page, "editor-phone-preview-1440")
    item.get_by_role("button", name=re.compile("^Dölj mobilvy")).click()

    # Keyboard move: Alt+↓ on the first activity, announced.
    first = page.locator("li.activity").first
    first.get_by_role("button", name=re.compile("^↓? ?Flytta ner")).focus()
    page.keyboard.press("Alt+ArrowDown")
    expect(page.get_by_text("flyttades till plats 2 av 5")).to_be_attached(timeout=SLOW)
    expect(page.get_by_test_id("save-state")).to_contain_text("Sparat", timeout=SLOW)
    assert list(session.activities.values_list("kind", flat=True))[:2] == [
        "poll_question",
        "word_cloud",
    ]
    # Drag: the countdown onto the first place. The headless Chromium here starts no
    # native drag from mouse input, so the drag events are dispatched to the handlers.
    drag = page.evaluate_handle("() => new DataTransfer()")
    page.locator("li.activity", has_text="Prata i par").dispatch_event(
        "dragstart", {"dataTransfer": drag}
    )
    page.locator("li.activity").first.dispatch_event("dragover", {"dataTransfer": drag})
    page.locator("li.activity").first.dispatch_event("drop", {"dataTransfer": drag})
    expect(page.locator("li.activity").first).to_contain_text("Prata i par", timeout=SLOW)
    expect(page.get_by_test_id("save-state")).to_contain_text("Sparat", timeout=SLOW)
    assert session.activities.values_list("kind", flat=True)[0] == "countdown"
    axe.check(page, "editor: after moves")

    for width, height in ((1440, 900), (768, 1024), (320, 640)):
        page.set_viewport_size({"width": width, "height": height})
        shoot(page, f"editor-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        axe.check(page, f"editor at {width} px")

    # A budget question: the budget and a cost beside each option, typed with Enter
    # between the options; an edit keeps them (it used to send an empty config).
    page.set_viewport_size({"width": 1440, "height": 900})
    page.get_by_role("button", name="Budget", exact=True).click()
    page.keyboard.type("Vad ska pengarna gå till?")
    page.keyboard.press("Enter")
    page.keyboard.type("Skatepark")
    page.keyboard.press("Enter")
    page.keyboard.type("Konsert")
    page.get_by_label("Budget (poäng)").fill("500")
    page.get_by_label("Kostnad för alternativ 1").fill("300")
    page.get_by_label("Kostnad för alternativ 2").fill("150")
    page.get_by_label("Kostnad för alternativ 2").press("Enter")
    expect(page.get_by_label("Alternativ 3", exact=True)).to_be_focused()
    form = page.locator(".add-form")
    axe.check(page, "editor: budget question form")
    shoot(page, "editor-budget-page-1440")
    form.screenshot(path=str(ARTIFACTS / "editor-budget-form-1440.png"))
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe.check(page, "editor: budget question form at 320 px")
    shoot(page, "editor-budget-page-320")
    form.screenshot(path=str(ARTIFACTS / "editor-budget-form-320.png"))
    page.keyboard.press("Enter")
    added(page, "Vad ska pengarna gå till?")
    budget_activity = session.activities.get(question__kind="budget")
    budget_question = budget_activity.question
    assert budget_question is not None
    assert budget_question.config["budget"] == 500
    assert [(o.label, o.cost) for o in budget_question.options.order_by("position")] == [
        ("Skatepark", 300),
        ("Konsert", 150),
    ]
    item = page.locator("li.activity", has_text="Vad ska pengarna gå till?")
    item.get_by_role("button", name=re.compile("^Ändra")).click()
    expect(item.get_by_label("Kostnad för alternativ 1")).to_have_value("300")
    item.get_by_label("Kostnad för alternativ 2").fill("200")
    item.get_by_role("checkbox", name="Visa resultatet innan man har svarat").check()
    axe.check(page, "editor: editing a budget question")
    item.get_by_role("button", name="Klar").click()
    expect(page.get_by_test_id("save-state")).to_contain_text("Sparat", timeout=SLOW)
    budget_activity.refresh_from_db()
    budget_question.refresh_from_db()
    assert budget_activity.results_before_answer is True
    assert budget_question.config["budget"] == 500
    assert [o.cost for o in budget_question.options.order_by("position")] == [300, 200]


def test_two_editors_conflict_and_nothing_is_overwritten(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    base = demo_server
    sara = UserFactory(
        username="sara",
        first_name="Sara",
        last_name="Lind",
        password=PASSWORD,
        roles=[Role.YOUTH_WORKER],
    )
    # Two youth workers of the same forum: Sara works where the demo's youth worker does.
    for staffed in ForumStaff.objects.filter(user__username="ungdom"):
        ForumStaff.objects.create(forum=staffed.forum, user=sara)
    first = browser.new_context(**DESKTOP).new_page()
    log_in(first, base, "ungdom", axe)
    first.get_by_role("button", name="Ny livesession").click()
    first.get_by_role("button", name=re.compile("^Tom session")).click()
    expect(first).to_have_url(re.compile(r"/prepare$"), timeout=SLOW)
    first.get_by_role("button", name="Infobild", exact=True).click()
    first.keyboard.type("Välkomna")
    first.keyboard.press("Enter")
    added(first, "Välkomna")

    second = browser.new_context(**DESKTOP).new_page()
    log_in(second, base, "sara", axe)
    second.goto(first.url)
    expect(
        second.locator(".session-editor").get_by_role("heading", name="Välkomna", exact=True)
    ).to_be_visible(timeout=SLOW)

    # Sara renames the slide (autosaved while typing).
    item = second.locator("li.activity", has_text="Välkomna")
    assert item.count() == 1
    item.get_by_role("button", name=re.compile("^Ändra")).click()
    second.get_by_label("Rubrik", exact=True).fill("Välkomna, alla!")
    expect(second.get_by_test_id("save-state")).to_contain_text("Sparat", timeout=SLOW)

    # The first editor, still on the old version, duplicates: refused, told what changed.
    first.locator("li.activity", has_text="Välkomna").get_by_role(
        "button", name=re.compile("^Duplicera")
    ).click()
    alert = first.get_by_role("alert")
    expect(alert).to_contain_text("Någon annan har ändrat sessionen", timeout=SLOW)
    expect(alert).to_contain_text("Sara Lind")
    expect(alert).to_contain_text("Välkomna, alla!")
    axe.check(first, "editor: conflict")
    shoot(first, "editor-conflict-1440")
    code = first.url.split("/")[-2]
    session = LiveSession.objects.get(join_code=code)
    assert list(session.activities.values_list("title", flat=True)) == ["Välkomna, alla!"]

    alert.get_by_role("button", name="Ladda om sessionen").click()
    expect(
        first.locator(".session-editor").get_by_role("heading", name="Välkomna, alla!", exact=True)
    ).to_be_visible(timeout=SLOW)
    expect(first.get_by_role("alert")).to_have_count(0)
    axe.check(first, "editor: reloaded after conflict")
