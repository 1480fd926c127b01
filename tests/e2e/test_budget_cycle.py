"""A whole participatory budget (medborgarbudget) cycle with three proposals.

Phones post ideas on a fresh board → an official creates the budget on that board and imports
them → reviews (two feasible, one not) → the ballot: one phone votes with a slip's code, two
with the phone itself → results → a progress update with a photo → the proposing phone sees
"Du sa, vi gjorde" on /mina-svar. Phones are 360 px wide (and checked at 320 px), staff pages
desktop-sized; axe-core runs on every state; screenshots land in test-artifacts/.
"""

import datetime as dt
import io
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from PIL import Image
from playwright.sync_api import expect

from forum.budgets.models import BudgetProcess
from forum.ideas.models import Idea
from forum.ideas.services import idea_board_create, idea_moderate
from forum.participation.models import Forum
from tests.e2e.conftest import BIG_SCREEN, PHONE, AxeChecker
from tests.e2e.test_ideas import no_horizontal_scroll
from tests.e2e.test_walking_skeleton import log_in

SLOW = 10_000
BOARD_QUESTION = "Vad ska vi göra för 300 000 kr i Husby?"
IDEAS = [
    ("Fler bänkar i Husby centrum", "Det finns nästan ingenstans att sitta."),
    ("Utegym vid Husby gård", "Så att vi kan träna gratis på kvällarna."),
    ("Tak över hela torget", "Så att man kan vara ute när det regnar."),
]


def post_idea(page: Any, base: str, board_id: int, title: str, text: str) -> None:
    page.goto(f"{base}/ideas/{board_id}")
    expect(page.get_by_role("heading", name=BOARD_QUESTION)).to_be_visible()
    page.get_by_label("Rubrik").fill(title)
    page.get_by_label("Beskriv din idé").fill(text)
    page.get_by_role("button", name="Skicka idén").click()
    expect(page.get_by_text("Tack! En vuxen läser idén innan den syns för andra.")).to_be_visible(
        timeout=SLOW
    )


def vote(page: Any, base: str, process_id: int, titles: list[str], code: str = "") -> None:
    page.goto(f"{base}/budget/{process_id}")
    expect(page.get_by_role("heading", name="Rösta")).to_be_visible(timeout=SLOW)
    for title in titles:
        page.get_by_role("checkbox", name=title).check()
    if code:
        page.get_by_label("Kod från röstlappen").fill(code)
    page.get_by_role("button", name="Skicka min röst").click()
    expect(page.get_by_role("heading", name="Din röst är räknad")).to_be_visible(timeout=SLOW)


def move_phase(staff: Any, to: str, axe: AxeChecker) -> None:
    staff.get_by_role("button", name=f"Gå vidare till: {to}").click()
    dialog = staff.get_by_role("dialog")
    expect(dialog).to_be_visible()
    axe.check(staff, f"staff budget: confirm {to}")
    dialog.get_by_role("button", name="Ja, gå vidare").click()
    expect(staff.get_by_text(f"Nu: {to}")).to_be_visible(timeout=SLOW)


def test_budget_cycle_from_ideas_to_we_did(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any, tmp_path: Path
) -> None:
    base = demo_server
    forum = Forum.objects.get(slug="ungdomsforum-jarva")
    worker = get_user_model().objects.get(username="ungdom")
    board = idea_board_create(
        forum=forum, question=BOARD_QUESTION, description="", categories=[], actor=worker
    )
    photo = tmp_path / "bankar.png"
    buf = io.BytesIO()
    Image.new("RGB", (900, 600), (40, 140, 90)).save(buf, format="PNG")
    photo.write_bytes(buf.getvalue())

    # 1. Three phones post an idea each; the youth worker approves them (pre-moderated forum).
    phones = [browser.new_context(**PHONE).new_page() for _ in IDEAS]
    for page, (title, text) in zip(phones, IDEAS, strict=True):
        post_idea(page, base, board.pk, title, text)
    for idea in Idea.objects.filter(board=board):
        idea_moderate(idea=idea, action="approve", actor=worker)
    proposer = phones[0]

    # 2. An official creates the budget on that board and imports the ideas.
    staff = browser.new_context(**BIG_SCREEN).new_page()
    log_in(staff, base, "tjansteperson", axe)
    staff.get_by_role("link", name="Medborgarbudgetar").click()
    expect(staff.get_by_role("heading", name="Medborgarbudgetar", level=1)).to_be_visible()
    axe.check(staff, "staff budgets")
    staff.get_by_label("Namn").fill("Husby 2027")
    staff.get_by_label("Beskrivning").fill("Unga i Husby bestämmer över 300 000 kr.")
    staff.get_by_label("Budget (kr)").fill("300000")
    staff.get_by_label("Telefon eller röstlapp").check()
    today = dt.date.today()
    for offset, label in enumerate(
        ["Förslag", "Granskning", "Omröstning", "Resultat", "Genomförande", "Avslutad"]
    ):
        staff.get_by_label(label, exact=True).fill(
            (today + dt.timedelta(days=14 * offset)).isoformat()
        )
    staff.get_by_label("Idétavla för förslag").select_option(label=BOARD_QUESTION)
    axe.check(staff, "staff budget: new form")
    staff.get_by_role("button", name="Skapa").click()
    expect(staff.get_by_role("heading", name="Husby 2027")).to_be_visible(timeout=SLOW)
    process = BudgetProcess.objects.get(title="Husby 2027")
    staff.get_by_role("button", name="Hämta idéer från idétavlan").click()
    expect(staff.get_by_text("3 idéer hämtades.")).to_be_visible(timeout=SLOW)
    axe.check(staff, "staff budget: imported")
    shoot(staff, "budget-staff-imported")

    # The board links to its budget; the phone page shows the phases and the proposals.
    proposer.goto(f"{base}/ideas/{board.pk}")
    proposer.get_by_role("link", name="Se medborgarbudgeten: Husby 2027").click()
    expect(proposer.get_by_role("heading", name="Husby 2027")).to_be_visible(timeout=SLOW)
    expect(proposer.get_by_text("Budget: 300 000 kr")).to_be_visible()
    expect(proposer.get_by_text("Nu: förslag, till")).to_be_visible()
    axe.check(proposer, "budget phone: proposals")
    shoot(proposer, "budget-phone-proposals")

    # 3. Review: two can be done, one cannot (with a public reason).
    move_phase(staff, "Granskning", axe)
    shoot(staff, "budget-staff-review")
    costs = {IDEAS[0][0]: "100000", IDEAS[1][0]: "180000", IDEAS[2][0]: "900000"}
    for title, cost in costs.items():
        staff.locator("tr", has_text=title).get_by_role("button", name="Granska").click()
        dialog = staff.get_by_role("dialog")
        dialog.get_by_label("Kostnad (kr)").fill(cost)
        if title == IDEAS[2][0]:
            dialog.get_by_label("Nej, inte genomförbart").check()
            dialog.get_by_label("Förklaring till unga (visas öppet)").fill(
                "Ett tak över hela torget kostar mer än hela budgeten."
            )
        else:
            dialog.get_by_label("Förklaring till unga (visas öppet)").fill("Det går att göra i år.")
        axe.check(staff, f"staff budget: review {cost}")
        dialog.get_by_role("button", name="Spara granskning").click()
        expect(dialog).to_be_hidden(timeout=SLOW)
    expect(staff.get_by_text("Inte genomförbart", exact=True)).to_be_visible()
    shoot(staff, "budget-staff-reviewed")

    # 4. The ballot: codes for slips, then one phone votes with a code, two as phones.
    move_phase(staff, "Omröstning", axe)
    staff.get_by_label("Antal koder").fill("3")
    staff.get_by_role("button", name="Skapa koder").click()
    expect(staff.get_by_text("3 koder skapades.")).to_be_visible(timeout=SLOW)
    code = staff.locator(".codes code").first.inner_text()
    axe.check(staff, "staff budget: codes")

    ballot_phone = browser.new_context(**PHONE).new_page()
    ballot_phone.goto(f"{base}/budget/{process.pk}")
    expect(ballot_phone.get_by_role("heading", name="Rösta")).to_be_visible(timeout=SLOW)
    total = ballot_phone.get_by_test_id("ballot-total")
    expect(total).to_contain_text("Kvar: 300 000 kr av 300 000 kr")
    ballot_phone.get_by_role("checkbox", name=IDEAS[1][0]).check()
    expect(total).to_contain_text("Kvar: 120 000 kr av 300 000 kr")
    expect(ballot_phone.get_by_role("checkbox", name=IDEAS[0][0])).to_be_enabled()
    expect(ballot_phone.get_by_role("checkbox", name=IDEAS[2][0])).to_have_count(0)
    axe.check(ballot_phone, "budget phone: ballot")
    shoot(ballot_phone, "budget-phone-ballot")
    ballot_phone.set_viewport_size({"width": 320, "height": 700})
    no_horizontal_scroll(ballot_phone)
    ballot_phone.set_viewport_size(PHONE["viewport"])
    ballot_phone.get_by_label("Kod från röstlappen").fill(code)
    ballot_phone.get_by_role("checkbox", name=IDEAS[0][0]).check()
    ballot_phone.get_by_role("button", name="Skicka min röst").click()
    expect(ballot_phone.get_by_role("heading", name="Din röst är räknad")).to_be_visible(
        timeout=SLOW
    )
    axe.check(ballot_phone, "budget phone: receipt")
    shoot(ballot_phone, "budget-phone-receipt")
    vote(phones[1], base, process.pk, [IDEAS[0][0]])
    vote(proposer, base, process.pk, [IDEAS[0][0], IDEAS[1][0]])
    proposer.reload()
    expect(proposer.get_by_role("heading", name="Din röst är räknad")).to_be_visible(timeout=SLOW)

    # 5. Results: the proposal with most votes is funded, the tie-break rule is printed.
    staff.reload()
    move_phase(staff, "Resultat", axe)
    proposer.goto(f"{base}/budget/{process.pk}")
    results = proposer.get_by_role("region", name="Resultat")
    expect(results).to_be_visible(timeout=SLOW)
    expect(results.get_by_text("Får pengar").first).to_be_visible()
    expect(results.get_by_text("Om två förslag får lika många röster")).to_be_visible()
    axe.check(proposer, "budget phone: results")
    shoot(proposer, "budget-phone-results")

    # 6. Implementation: an update with a photo and its description.
    move_phase(staff, "Genomförande", axe)
    staff.get_by_role("combobox", name="Förslag", exact=True).select_option(label=IDEAS[0][0])
    staff.get_by_label("Läge").select_option(label="Pågår")
    staff.get_by_label("Vad har hänt?").fill("Bänkarna är beställda.")
    staff.get_by_label("Foto (valfritt)").set_input_files(str(photo))
    staff.get_by_label("Beskriv fotot för den som inte ser det").fill(
        "Tre gröna bänkar i ett förråd."
    )
    axe.check(staff, "staff budget: update form")
    staff.get_by_role("button", name="Publicera uppdatering").click()
    expect(staff.get_by_text("Sparat.")).to_be_visible(timeout=SLOW)
    shoot(staff, "budget-staff-implementation")

    proposer.goto(f"{base}/budget/{process.pk}")
    expect(proposer.get_by_text("Bänkarna är beställda.")).to_be_visible(timeout=SLOW)
    expect(proposer.get_by_role("img", name="Tre gröna bänkar i ett förråd.")).to_be_visible()
    axe.check(proposer, "budget phone: implementation")
    shoot(proposer, "budget-phone-implementation")

    # 7. The proposing phone sees what became of its idea on /mina-svar.
    proposer.goto(f"{base}/mina-svar")
    we_did = proposer.get_by_role("region", name="Du sa, vi gjorde")
    expect(we_did).to_be_visible(timeout=SLOW)
    expect(we_did.get_by_text("Bänkarna är beställda.")).to_be_visible()
    axe.check(proposer, "mina svar: budgets")
    shoot(proposer, "budget-phone-mina-svar")
    proposer.set_viewport_size({"width": 320, "height": 700})
    no_horizontal_scroll(proposer)
