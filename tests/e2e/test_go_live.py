"""Go-live duties in the browser: a young person erases what their phone gave from
/mina-svar, and an admin reads (and downloads) the audit log of what staff did."""

from typing import Any

from playwright.sync_api import expect

from forum.core.models import AuditAction, AuditEntry
from forum.participation.models import Forum
from forum.polls.models import Response
from tests.e2e.conftest import BIG_SCREEN, PHONE, AxeChecker
from tests.e2e.test_poll_kinds import COUNTED, no_horizontal_scroll, section
from tests.e2e.test_walking_skeleton import log_in
from tests.factories import PollFactory

SLOW = 10_000
POLL = "Sommarlovet på gården"
QUESTION = "Vad vill du göra i sommar?"


def test_a_phone_erases_its_answers_and_an_admin_reads_the_audit_log(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    base = demo_server
    poll = PollFactory(
        forum=Forum.objects.first(), title=POLL, questions=[(QUESTION, ["Bad", "Läger", "Jobb"])]
    )

    # The demo's own setup is logged as the youth worker's doing; the phone adds nothing.
    logged_before = AuditEntry.objects.count()

    # A phone answers, then erases everything it gave.
    phone_ctx = browser.new_context(**PHONE)
    phone = phone_ctx.new_page()
    phone.goto(f"{base}/p/{poll.pk}")
    section(phone, QUESTION).get_by_role("button", name="Läger").click()
    expect(phone.get_by_text(COUNTED)).to_be_visible(timeout=SLOW)
    assert Response.objects.filter(question__poll=poll).count() == 1
    phone.goto(f"{base}/mina-svar")
    votes = phone.locator("section", has=phone.get_by_role("heading", name="Mina röster"))
    expect(votes.get_by_text(POLL)).to_be_visible(timeout=SLOW)
    erase = phone.locator("section", has=phone.get_by_role("heading", name="Radera mina svar"))
    expect(
        erase.get_by_text("Siffror i rapporter som redan har lämnats till nämnden.")
    ).to_be_visible()
    erase.get_by_role("button", name="Radera mina svar …").click()
    expect(erase.get_by_text("Är du säker?")).to_be_visible()
    axe.check(phone, "my answers: confirm erasure")
    phone.set_viewport_size({"width": 320, "height": 700})
    no_horizontal_scroll(phone)
    for button in erase.get_by_role("button").all():
        box = button.bounding_box()
        assert box is not None, button.inner_text()
        assert box["height"] >= 44, button.inner_text()
    erase.scroll_into_view_if_needed()
    shoot(phone, "erase-answers-confirm-320")
    erase.get_by_role("button", name="Ja, radera allt").click()
    expect(
        phone.get_by_text("Klart. Allt du har gett från den här mobilen är raderat.")
    ).to_be_visible(timeout=SLOW)
    assert Response.objects.filter(question__poll=poll).count() == 0
    axe.check(phone, "my answers erased")
    phone.goto(f"{base}/mina-svar")
    expect(phone.get_by_role("heading", name="Mina svar", exact=True)).to_be_visible()
    expect(phone.get_by_text(POLL)).to_have_count(0)
    # Answering and erasing are not staff actions: the audit log holds nothing of them.
    assert AuditEntry.objects.count() == logged_before

    # The admin logs in (setting up the app is a change of access), downloads the log
    # (an export) and finds both, with who, when and from where.
    admin_ctx = browser.new_context(**BIG_SCREEN)
    page = admin_ctx.new_page()
    log_in(page, base, "admin", axe)
    page.goto(f"{base}/staff/audit")
    expect(page.get_by_role("heading", name="Granskningslogg", level=1)).to_be_visible()
    table = page.get_by_role("table", name="Händelser, nyaste först")
    row = table.get_by_role("row").filter(has_text="Ändrade behörighet")
    expect(row.first).to_contain_text("admin", timeout=SLOW)
    expect(row.first).to_contain_text("127.0.0.1")
    axe.check(page, "audit log")
    shoot(page, "audit-log")

    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som CSV").click()
    csv = download.value.path().read_text(encoding="utf-8-sig")
    assert "role_change" in csv
    assert "admin" in csv

    page.get_by_label("Händelse", exact=True).select_option(label="Exporterade")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_text("1 händelse", exact=True)).to_be_visible(timeout=SLOW)
    expect(table.get_by_role("row").filter(has_text="Exporterade")).to_contain_text("admin")
    axe.check(page, "audit log filtered to exports")
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, actor_username="admin").count() == 1
