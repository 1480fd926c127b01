"""One vote travels from a phone to the big screen and into the council brief.

Three browser contexts: a youth worker's big screen (desktop), a young person's phone
(360 px, touch), and an official preparing a council meeting. axe-core runs on every
page state they visit; screenshots land in test-artifacts/.
"""

import datetime as dt
import re
from typing import Any

from django.utils import timezone
from playwright.sync_api import expect

from forum.council.models import Meeting, PlanningLink
from forum.polls.models import Poll, Response
from tests.e2e.conftest import BIG_SCREEN, PHONE, AxeChecker
from tests.support.mfa import second_step_in_browser

PASSWORD = "rostrum-demo"
SLOW = 10_000  # ms: generous for a loaded 2-core CI machine; the push is usually < 0.5 s


def log_in(page: Any, base_url: str, username: str, axe: AxeChecker) -> None:
    page.goto(f"{base_url}/staff")
    expect(page.get_by_role("heading", name="Logga in som personal")).to_be_visible()
    axe.check(page, "staff login")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    # Officials and admins set up an app at their first login, then type its code.
    second_step_in_browser(page, username)


def bar_count(page: Any, label: str) -> Any:
    return page.locator("li", has_text=label).locator(".bar-count").first


def test_vote_travels_from_phone_to_big_screen_and_council_brief(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    base = demo_server

    # 1. A youth worker logs in, opens the demo forum and starts a live session.
    staff_ctx = browser.new_context(**BIG_SCREEN)
    screen = staff_ctx.new_page()
    log_in(screen, base, "ungdom", axe)
    axe.check(screen, "staff home")
    screen.get_by_role("link", name="Ungdomsforum Järva").click()
    expect(screen.get_by_role("heading", name="Ungdomsforum Järva")).to_be_visible()
    axe.check(screen, "forum")
    screen.get_by_role("button", name="Starta livesession").first.click()
    expect(screen.get_by_text("Livesessionen har startat")).to_be_visible()
    present_link = screen.get_by_role("link", name="Öppna storbild").first
    code_match = re.search(r"/present/([A-Z0-9]{6})$", present_link.get_attribute("href") or "")
    assert code_match, "the started session links to its big screen"
    code = code_match.group(1)
    axe.check(screen, "forum with started session")

    # 2. The big screen shows the join code, the QR code and the poll's bars.
    screen.goto(f"{base}/present/{code}")
    expect(screen.get_by_text(code, exact=True).first).to_be_visible()
    expect(screen.get_by_role("img", name=re.compile("QR"))).to_be_visible()
    expect(bar_count(screen, "Musikstudion")).to_have_text("0 röster", timeout=SLOW)
    axe.check(screen, "big screen")

    # 3. A young person types the code on the start page and votes, no account, no name.
    phone_ctx = browser.new_context(**PHONE)
    phone = phone_ctx.new_page()
    phone.goto(f"{base}/")
    axe.check(phone, "start page")
    phone.get_by_label("Skriv koden").fill(code.lower())
    phone.get_by_role("button", name="Gå med").click()
    expect(phone).to_have_url(f"{base}/j/{code}")
    musik = phone.get_by_role("button", name="Musikstudion")
    expect(musik).to_be_visible()
    axe.check(phone, "phone poll")
    musik.click()
    expect(phone.get_by_text("Din röst är räknad ✓")).to_be_visible(timeout=SLOW)
    expect(musik).to_have_attribute("aria-pressed", "true")
    axe.check(phone, "phone after vote")

    # 4. The bar on the big screen moves without a reload, and the phone is counted.
    expect(bar_count(screen, "Musikstudion")).to_have_text("1 röst", timeout=SLOW)
    expect(screen.get_by_text("1 mobil ansluten")).to_be_visible(timeout=SLOW)
    shoot(screen, "presenter-after-vote")
    shoot(phone, "phone-after-vote")

    # Tapping again never counts twice; changing the answer replaces it.
    musik.click()
    gaming = phone.get_by_role("button", name="Gaming-rummet")
    gaming.click()
    expect(gaming).to_have_attribute("aria-pressed", "true", timeout=SLOW)
    expect(phone.get_by_text("Din röst är räknad ✓")).to_be_visible(timeout=SLOW)
    expect(bar_count(screen, "Gaming-rummet")).to_have_text("1 röst", timeout=SLOW)
    expect(bar_count(screen, "Musikstudion")).to_have_text("0 röster", timeout=SLOW)
    assert Response.objects.filter(question__poll__live_sessions__join_code=code).count() == 1

    # Reloading either screen shows the same state.
    phone.reload()
    expect(phone.get_by_role("button", name="Gaming-rummet")).to_have_attribute(
        "aria-pressed", "true", timeout=SLOW
    )
    screen.reload()
    expect(bar_count(screen, "Gaming-rummet")).to_have_text("1 röst", timeout=SLOW)

    # 5. An official links the poll to a planning item and opens the meeting's brief.
    official_ctx = browser.new_context(**BIG_SCREEN)
    office = official_ctx.new_page()
    log_in(office, base, "tjansteperson", axe)
    office.get_by_role("link", name="Nämnd och planering").click()
    expect(office.get_by_role("heading", name="Planeringspunkter")).to_be_visible()
    axe.check(office, "council")
    item = office.locator("li.card", has_text="1.2.4-182-2025")
    item.get_by_text("Koppla det unga har sagt").click()
    poll = Poll.objects.get(title="Fredagskvällar på fritidsgården")
    item.get_by_role("combobox", name="Omröstning").select_option(value=str(poll.pk))
    item.get_by_label("Vad unga sa").fill("Unga vill ha fler öppna rum på fredagar.")
    item.get_by_role("button", name="Koppla").click()
    expect(item.get_by_text("Klart! Omröstningen är kopplad.")).to_be_visible()
    axe.check(office, "council after linking")

    office.get_by_role("link", name=re.compile("Stadsdelsnämndens sammanträde")).click()
    expect(office.get_by_role("heading", name="Ungas röster inför nämnden")).to_be_visible()
    expect(office.get_by_text("1.2.4-182-2025").first).to_be_visible()
    # The poll's one voter is a head count under 5 (forum/core/suppression.py).
    expect(office.locator(".brief-poll", has_text="Färre än 5 unga deltog.").first).to_be_visible()
    expect(office.get_by_text("Unga vill ha fler öppna rum på fredagar.")).to_be_visible()
    axe.check(office, "meeting brief")
    shoot(office, "council-brief")

    # 6. The brief has the groups heard (suppressed) and a drafted analysis; publishing
    #    freezes it as version 1. The demo's forwarded idea (its author and 3 supporters)
    #    and the one voter make 5 young people, each channel fewer than 5.
    item1 = office.locator("section.brief-item", has_text="1.2.4-182-2025")
    expect(item1.get_by_role("heading", name="Vilka som deltog")).to_be_visible()
    heard = item1.locator("p", has_text=re.compile(r"^\s*5 unga deltog"))
    expect(heard).to_be_visible()
    expect(heard).to_contain_text(re.compile(r"Omröstningar: färre än 5\s*· Idéer: färre än 5"))
    expect(item1.get_by_role("textbox", name="Barnrätts- och jämställdhetsanalys")).to_have_value(
        re.compile("5 unga har tyckt till i ärendet genom omröstningar och idétavlor")
    )
    office.get_by_role("button", name="Publicera underlaget").click()
    expect(office.get_by_text("Version 1 är publicerad och låst.")).to_be_visible(timeout=SLOW)
    axe.check(office, "published brief")
    shoot(office, "council-brief-published")

    # 7. A council member (320 px phone) reads the published brief and the follow-up,
    #    and gets no way to change anything.
    member_ctx = browser.new_context(**{**PHONE, "viewport": {"width": 320, "height": 700}})
    member = member_ctx.new_page()
    log_in(member, base, "ledamot", axe)
    axe.check(member, "council member home")
    member.get_by_role("link", name="Nämnd och planering").click()
    expect(member.get_by_role("heading", name="Sammanträden")).to_be_visible()
    expect(member.get_by_role("heading", name="Planeringspunkter")).to_have_count(0)
    axe.check(member, "council member meetings")
    member.get_by_role("link", name=re.compile("Stadsdelsnämndens sammanträde")).click()
    expect(member.get_by_text("Version 1 är publicerad och låst.")).to_be_visible(timeout=SLOW)
    expect(member.get_by_text("1.2.4-182-2025").first).to_be_visible()
    expect(member.get_by_role("heading", name="Förbered sammanträdet")).to_have_count(0)
    expect(member.get_by_role("textbox")).to_have_count(0)
    expect(member.get_by_role("link", name="Ladda ner PDF")).to_be_visible()
    assert member.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    axe.check(member, "council member brief")
    shoot(member, "council-member-brief")
    member.goto(f"{base}/staff/council/followup")
    expect(member.get_by_role("heading", name="Totalt")).to_be_visible(timeout=SLOW)
    assert member.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    axe.check(member, "council member follow-up")
    shoot(member, "council-followup")

    # 8. After the meeting (it cannot be held before it starts, so it has now begun) the
    #    official records the decision, how the poll was used, and feedback to young people.
    Meeting.objects.filter(title="Stadsdelsnämndens sammanträde").update(
        starts_at=timezone.now() - dt.timedelta(hours=1)
    )
    office.get_by_role("button", name="Sammanträdet är hållet").click()
    decision = office.get_by_role("textbox", name="Nämndens beslut", exact=True).first
    expect(decision).to_be_visible(timeout=SLOW)
    decision.fill("Nämnden beslutar att fritidsgården har öppet längre på fredagar.")
    link = PlanningLink.objects.get(planning_item__reference="1.2.4-182-2025", poll=poll)
    office.locator(f"#use-{link.pk}").select_option("taken")
    office.locator(f"#why-{link.pk}").fill("Fler öppna rum, som ni röstade för.")
    office.get_by_role("textbox", name="Återkoppling till unga", exact=True).first.fill(
        "Ni ville ha fler öppna rum på fredagar. Från mars har fritidsgården öppet till 23."
    )
    office.get_by_role("button", name="Spara beslutet").first.click()
    expect(office.get_by_text("återkopplingen syns för de unga som deltog")).to_be_visible(
        timeout=SLOW
    )
    axe.check(office, "decision recorded")

    # 9. The phone that voted sees what happened ("you said → we did").
    phone.goto(f"{base}/")
    expect(phone.get_by_role("heading", name="Det här hände med dina svar")).to_be_visible(
        timeout=SLOW
    )
    expect(phone.get_by_text("Från mars har fritidsgården öppet till 23.")).to_be_visible()
    axe.check(phone, "phone feedback")
    shoot(phone, "phone-feedback")

    axe.assert_clean()
    assert len(axe.pages_checked) >= 18


def test_phone_can_switch_the_start_page_to_english(
    browser: Any, demo_server: str, axe: AxeChecker
) -> None:
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{demo_server}/")
    # One tap on the start page's row of languages.
    phone.get_by_role("button", name="English").click()
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    phone.get_by_role("button", name=re.compile("Join")).click()
    expect(phone.get_by_role("alert")).to_be_visible()
    phone.get_by_label(re.compile("code", re.I)).fill("ZZZZZZ")
    phone.get_by_role("button", name=re.compile("Join")).click()
    expect(phone.get_by_role("alert")).to_contain_text("no open session")
    axe.check(phone, "start page in English with an error")
    axe.assert_clean()


def test_official_imports_planning_items_with_a_preview_and_edits_one(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    from forum.council.models import PlanningItem

    base = demo_server
    office = browser.new_context(**BIG_SCREEN).new_page()
    log_in(office, base, "tjansteperson", axe)
    office.get_by_role("link", name="Nämnd och planering").click()
    expect(office.get_by_role("heading", name="Planeringspunkter")).to_be_visible()
    before = PlanningItem.objects.count()

    # A file with a bad line: the preview names the line and nothing can be saved.
    office.get_by_text("Importera från kalkylark").click()
    bad = (
        "titel;diarienummer;utvecklingsområde\n"
        "Lekparker;1.2.4-300-2025;strukturer\n"
        "Trasig;300;mandat\n"
    )
    office.get_by_label("Fil (CSV eller XLSX)").set_input_files(
        files=[{"name": "punkter.csv", "mimeType": "text/csv", "buffer": bad.encode()}]
    )
    office.get_by_role("button", name="Förhandsgranska").click()
    expect(office.get_by_role("row", name=re.compile("^3 300 Trasig"))).to_be_visible(timeout=SLOW)
    expect(office.get_by_text("Några rader har fel.")).to_be_visible()
    expect(office.get_by_role("button", name=re.compile("^Spara \\d"))).to_have_count(0)
    axe.check(office, "import preview with errors")
    shoot(office, "council-import-errors")
    assert PlanningItem.objects.count() == before

    # The fixed file saves both lines.
    good = bad.replace("Trasig;300;", "Ungdomsråd;1.2.4-301-2025;")
    office.get_by_label("Fil (CSV eller XLSX)").set_input_files(
        files=[{"name": "punkter.csv", "mimeType": "text/csv", "buffer": good.encode()}]
    )
    office.get_by_role("button", name="Förhandsgranska").click()
    office.get_by_role("button", name="Spara 2 planeringspunkter").click()
    expect(office.get_by_text("2 planeringspunkter sparades")).to_be_visible(timeout=SLOW)
    assert PlanningItem.objects.count() == before + 2

    # Edit one: its status changes.
    card = office.locator("li.card", has_text="1.2.4-301-2025")
    card.get_by_text("Ändra planeringspunkten").click()
    card.get_by_label("Status").select_option("decided")
    card.get_by_role("button", name="Spara ändringarna").click()
    expect(card.get_by_text("Beslutad").first).to_be_visible(timeout=SLOW)
    axe.check(office, "planning item edited")
    assert PlanningItem.objects.get(reference="1.2.4-301-2025").status == "decided"

    # A youth worker may link polls but gets no way to edit planning items.
    worker = browser.new_context(**PHONE).new_page()
    log_in(worker, base, "ungdom", axe)
    worker.goto(f"{base}/staff/council")
    expect(worker.get_by_role("heading", name="Planeringspunkter")).to_be_visible(timeout=SLOW)
    expect(worker.get_by_text("Koppla det unga har sagt").first).to_be_visible()
    expect(worker.get_by_text("Ändra planeringspunkten")).to_have_count(0)
    expect(worker.get_by_text("Importera från kalkylark")).to_have_count(0)
    assert worker.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    axe.check(worker, "council as youth worker")

    axe.assert_clean()
