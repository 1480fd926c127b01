"""Browser tests: Debian's Chromium driven by Playwright against a real uvicorn server."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from tests.support.servers import BASE_DIR, uvicorn_server

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = BASE_DIR / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = BASE_DIR / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "sv-SE",
}
BIG_SCREEN = {"viewport": {"width": 1280, "height": 800}, "locale": "sv-SE"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Browser tests run last: Playwright's sync API keeps an event loop running in the main
    # thread for as long as the browser lives, which would break later asyncio tests.
    browser_tests = [item for item in items if "tests/e2e/" in str(item.fspath)]
    for item in browser_tests:
        item.add_marker(pytest.mark.e2e)
    items[:] = [item for item in items if item not in browser_tests] + browser_tests


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/ensure-chromium.sh")
    if not (BASE_DIR / "frontend" / "dist" / "index.html").exists():
        pytest.fail("frontend is not built: run `make frontend`")
    from playwright.sync_api import sync_playwright

    # The ORM calls a browser test makes between steps are plain synchronous code, but
    # Django sees Playwright's running loop and would refuse them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield CspWatchedBrowser(browser)
        browser.close()


# Content-Security-Policy violations any page reported since the current test began.
CSP_VIOLATIONS: list[str] = []


class CspWatchedBrowser:
    """The browser, with every new context reporting CSP violations from its consoles.

    Chromium logs each refused script, style, image or connection as a console error;
    a page that works only because something was blocked quietly must fail its test.
    """

    def __init__(self, browser: Any) -> None:
        self._browser = browser

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)

    def new_context(self, **options: Any) -> Any:
        context = self._browser.new_context(**options)
        context.on("console", _record_csp_violation)
        return context


def _record_csp_violation(message: Any) -> None:
    if "Content Security Policy" in message.text:
        CSP_VIOLATIONS.append(f"{message.location.get('url', '')}: {message.text}")


@pytest.fixture(autouse=True)
def no_csp_violations() -> Iterator[None]:
    CSP_VIOLATIONS.clear()
    yield
    found, CSP_VIOLATIONS[:] = list(CSP_VIOLATIONS), []
    assert not found, "Content-Security-Policy violations:\n" + "\n".join(found)


@pytest.fixture
def demo_server(transactional_db: Any) -> Iterator[str]:
    call_command("seed_demo", quiet=True)
    extra: dict[str, str] = {}
    if os.environ.get("REDIS_URL"):
        # Own prefixes: concurrent runs on one Redis must not see each other's presence.
        prefix = f"e2e{uuid.uuid4().hex[:8]}"
        extra.update(REDIS_URL=os.environ["REDIS_URL"], CHANNEL_PREFIX=prefix, CACHE_PREFIX=prefix)
    with uvicorn_server(extra) as base_url:
        yield base_url


class AxeChecker:
    """Runs axe-core on every page state a test visits; collects serious/critical issues."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.pages_checked: list[str] = []

    def check(self, page: Any, label: str) -> None:
        # Evaluated over the DevTools protocol, which the page's CSP does not govern; a
        # <script> tag added to the page would itself be an inline script the CSP refuses.
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(AXE_JS.read_text())
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        self.pages_checked.append(label)
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                self.problems.append(
                    f"{label}: {violation['id']} ({violation['impact']}): "
                    f"{violation['help']} {targets}"
                )

    def assert_clean(self) -> None:
        assert not self.problems, "axe-core found:\n" + "\n".join(self.problems)


@pytest.fixture
def axe() -> Iterator[AxeChecker]:
    checker = AxeChecker()
    yield checker
    checker.assert_clean()


@pytest.fixture
def shoot() -> Any:
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page: Any, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
