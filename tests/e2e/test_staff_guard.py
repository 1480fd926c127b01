"""Roles shown right: every staff page checks login and role in one place (StaffLayout).

Per identity (anonymous, youth worker, official, council member) on the console, a poll's
builder, the staff home and the big screen: the page itself, "no permission" without a
single editable field, or the login prompt. axe-core runs on each guard state.
"""

from typing import Any

import pytest
from playwright.sync_api import expect

from forum.polls.models import Poll
from tests.e2e.conftest import BIG_SCREEN, AxeChecker
from tests.e2e.test_walking_skeleton import PASSWORD
from tests.support.mfa import second_step_in_browser

CODE = "FIKA42"
NO_PERMISSION = "Du har inte behörighet till den här sidan."

# page -> what each identity sees: "page", "forbidden" or "login"
EXPECTED = {
    "anonymous": {"console": "login", "poll": "login", "staff": "login_form", "present": "login"},
    "ungdom": {"console": "page", "poll": "page", "staff": "page", "present": "page"},
    "tjansteperson": {"console": "forbidden", "poll": "page", "staff": "page", "present": "page"},
    "ledamot": {
        "console": "forbidden",
        "poll": "forbidden",
        "staff": "page",
        "present": "forbidden",
    },
}


def _log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/staff")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    # Officials and admins set up an app at their first login, then type its code.
    second_step_in_browser(page, username)


def _editable_fields(page: Any) -> int:
    return page.locator("main input, main textarea, main select").count()


@pytest.mark.parametrize("identity", list(EXPECTED))
def test_each_role_sees_the_page_no_permission_or_the_login_prompt(
    browser: Any, demo_server: str, axe: AxeChecker, identity: str
) -> None:
    base = demo_server
    poll_id = Poll.objects.order_by("id").values_list("id", flat=True).first()
    urls = {
        "console": f"/console/{CODE}",
        "poll": f"/staff/polls/{poll_id}",
        "staff": "/staff",
        "present": f"/present/{CODE}",
    }
    page = browser.new_context(**BIG_SCREEN).new_page()
    if identity != "anonymous":
        _log_in(page, base, identity)

    for name, url in urls.items():
        wanted = EXPECTED[identity][name]
        page.goto(f"{base}{url}")
        guard = page.locator(".staff-guard")
        if wanted == "page":
            expect(page.locator("main h1").first).to_be_visible()
            expect(page.get_by_text(NO_PERMISSION)).to_have_count(0)
            expect(guard).to_have_count(0)
        elif wanted == "forbidden":
            expect(page.get_by_text(NO_PERMISSION)).to_be_visible()
            assert _editable_fields(page) == 0, f"{identity} sees a form on {url}"
            expect(page.get_by_role("link", name="Logga in")).to_have_count(0)
        elif wanted == "login":
            expect(guard.get_by_role("link", name="Logga in")).to_be_visible()
            assert _editable_fields(page) == 0, f"{identity} sees a form on {url}"
        else:  # the staff home's own login form
            expect(page.get_by_label("Användarnamn")).to_be_visible()
        axe.check(page, f"{identity} on {name}")


def test_logging_in_from_the_prompt_comes_back_to_the_page(
    browser: Any, demo_server: str, axe: AxeChecker
) -> None:
    page = browser.new_context(**BIG_SCREEN).new_page()
    page.goto(f"{demo_server}/console/{CODE}")
    page.locator(".staff-guard").get_by_role("link", name="Logga in").click()
    page.get_by_label("Användarnamn").fill("ungdom")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()

    expect(page).to_have_url(f"{demo_server}/console/{CODE}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(CODE)
    axe.check(page, "console after login")
