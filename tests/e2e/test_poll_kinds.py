"""A young person answers one question of every kind on a 320 px phone; staff see it.

axe-core runs on every page state visited; screenshots land in test-artifacts/.
"""

import re
from typing import Any

from django.contrib.auth.models import User
from playwright.sync_api import expect

from forum.participation.models import ForumStaff
from forum.polls.models import Response
from tests.e2e.conftest import BIG_SCREEN, PHONE, AxeChecker
from tests.e2e.test_walking_skeleton import log_in
from tests.factories import all_kinds_poll

SLOW = 10_000
SMALL_PHONE = {**PHONE, "viewport": {"width": 320, "height": 700}}
COUNTED = "Din röst är räknad ✓"


def no_horizontal_scroll(page: Any) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 5).map((e) => e.tagName + '.' + e.className + '#' + e.id)"""
    )
    assert overflow <= 0, f"page scrolls sideways by {overflow}px: {wide}"


def section(page: Any, heading: str) -> Any:
    return page.locator("section.question", has=page.get_by_role("heading", name=heading))


def test_answer_every_question_kind_on_a_small_phone(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    base = demo_server
    poll = all_kinds_poll(results_visibility="after_answer")
    # The demo youth worker opens it in the builder below: staff of its forum.
    ForumStaff.objects.create(forum=poll.forum, user=User.objects.get(username="ungdom"))
    phone_ctx = browser.new_context(**SMALL_PHONE)
    phone = phone_ctx.new_page()
    phone.goto(f"{base}/p/{poll.pk}")
    expect(phone.get_by_role("heading", name="Allt om fritid")).to_be_visible()
    expect(phone.get_by_text("Du ser resultatet när du har svarat.")).to_be_visible()
    axe.check(phone, "poll page before answering")
    no_horizontal_scroll(phone)
    shoot(phone, "poll-phone-before")

    # Single choice: one tap.
    single = section(phone, "Vilken dag?")
    single.get_by_role("button", name="Lördag").click()
    expect(single.get_by_text(COUNTED)).to_be_visible(timeout=SLOW)

    # Multiple choice: at most two; the third box is disabled once two are ticked.
    multi = section(phone, "Vilka aktiviteter?")
    multi.get_by_label("Fotboll").check()
    multi.get_by_label("Musik").check()
    expect(multi.get_by_label("Film")).to_be_disabled()
    multi.get_by_role("button", name="Skicka svaret").click()
    expect(multi.get_by_text(COUNTED)).to_be_visible(timeout=SLOW)

    # Yes / no / don't know.
    yes_no = section(phone, "Ska gården ha öppet på söndagar?")
    yes_no.get_by_role("button", name="Vet inte").click()
    expect(yes_no.get_by_text(COUNTED)).to_be_visible(timeout=SLOW)

    # Scale with labelled ends: the buttons say what they mean to a screen reader.
    scale = section(phone, "Hur trygg känner du dig?")
    scale.get_by_role("button", name="5 av 5 – Trygg").click()
    expect(scale.get_by_text(COUNTED)).to_be_visible(timeout=SLOW)

    # Ranking without drag: move Gym to the top with the up buttons.
    ranking = section(phone, "Rangordna förslagen")
    ranking.get_by_role("button", name=re.compile(r"^Flytta upp Gym")).click()
    ranking.get_by_role("button", name=re.compile(r"^Flytta upp Gym")).click()
    expect(ranking.get_by_role("status").first).to_have_text("Gym är nu nummer 1 av 3.")
    ranking.get_by_role("button", name="Skicka svaret").click()
    expect(ranking.get_by_text(COUNTED)).to_be_visible(timeout=SLOW)

    # Open text.
    text = section(phone, "Vad saknar du?")
    text.get_by_role("textbox").fill("Mer musik och en skatepark")
    text.get_by_role("button", name="Skicka svaret").click()
    expect(text.get_by_text(COUNTED)).to_be_visible(timeout=SLOW)

    # Budget: the running total never goes over the cap.
    budget = section(phone, "Fördela 100 poäng")
    budget.get_by_role("spinbutton", name=re.compile("^Utegym")).fill("80")
    budget.get_by_role("spinbutton", name=re.compile("^Konsert")).fill("50")
    expect(budget.get_by_text("Kvar att fördela: 0 poäng av 100 poäng")).to_be_visible()
    expect(budget.get_by_role("button", name="Mer till Läxhjälp")).to_be_disabled()
    axe.check(phone, "poll page while answering")
    budget.get_by_role("button", name="Skicka svaret").click()
    expect(budget.get_by_text(COUNTED)).to_be_visible(timeout=SLOW)

    # About you: optional, every question has a why and "prefer not to say".
    phone.get_by_text("Om dig (du behöver inte svara)").click()
    phone.get_by_label("Ålder").select_option("13-15")
    phone.get_by_label("Kön").select_option("prefer_not")
    phone.get_by_role("button", name="Spara", exact=True).click()
    expect(phone.get_by_text("Sparat. Tack!")).to_be_visible(timeout=SLOW)

    answers = {r.question.kind: r.answer for r in Response.objects.select_related("question")}
    assert len(answers) == 7
    assert answers["scale"] == {"value": 5}
    assert sum(answers["budget"]["allocation"].values()) == 100
    # One answer so far: the poll page is outside the live room, so the average of fewer
    # than 5 stays hidden, and the page says why instead of "no answers yet".
    expect(
        phone.get_by_text("Medelvärdet är dolt så att ingen liten grupp kan räknas ut.")
    ).to_be_visible(timeout=SLOW)
    axe.check(phone, "poll page after answering, with results")
    no_horizontal_scroll(phone)
    shoot(phone, "poll-phone-after")
    phone_ctx.close()

    # Staff builder with the live phone preview and results; also usable at 320 px.
    for name, options in (("desktop", BIG_SCREEN), ("phone", SMALL_PHONE)):
        ctx = browser.new_context(**options)
        page = ctx.new_page()
        log_in(page, base, "ungdom", axe)
        page.goto(f"{base}/staff/polls/{poll.pk}")
        expect(page.get_by_role("heading", name="Förhandsvisning i mobil")).to_be_visible()
        expect(page.get_by_role("heading", name="Resultat", exact=True)).to_be_visible()
        axe.check(page, f"poll builder ({name})")
        if name == "phone":
            no_horizontal_scroll(page)
        shoot(page, f"poll-builder-{name}")
        ctx.close()


def test_a_youth_worker_builds_a_poll_with_a_phone_preview(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any
) -> None:
    from forum.participation.models import Forum
    from forum.polls.models import Poll

    base = demo_server
    forum = Forum.objects.get(slug="ungdomsforum-jarva")
    ctx = browser.new_context(**BIG_SCREEN)
    page = ctx.new_page()
    log_in(page, base, "ungdom", axe)
    page.goto(f"{base}/staff/forums/{forum.pk}")
    page.get_by_role("link", name="Ny omröstning").click()
    expect(page.get_by_role("heading", name="Ny omröstning")).to_be_visible()

    page.get_by_label("Rubrik").fill("Sommarlovet")
    page.get_by_label("Fråga", exact=True).fill("Vad vill du göra i sommar?")
    page.get_by_placeholder("Alternativ 1").fill("Bada")
    page.get_by_placeholder("Alternativ 2").fill("Resa")
    preview = page.get_by_role("complementary", name="Förhandsvisning i mobil")
    expect(preview.get_by_text("Vad vill du göra i sommar?")).to_be_visible()
    expect(preview.get_by_role("button", name="Bada")).to_be_visible()

    page.get_by_role("button", name="Lägg till fråga").click()
    page.locator("fieldset.q-edit").nth(1).get_by_label("Fråga", exact=True).fill("Hur kul?")
    page.locator("fieldset.q-edit").nth(1).get_by_label("Typ av fråga").select_option("scale")
    page.get_by_label("Text i låga änden").fill("Tråkigt")
    page.get_by_label("Text i höga änden").fill("Jättekul")
    page.get_by_label("Visa ansikten").check()
    expect(preview.get_by_role("button", name="5 av 5 – Jättekul")).to_be_visible()
    axe.check(page, "poll builder, new poll")
    shoot(page, "poll-builder-new")

    page.get_by_role("button", name="Spara omröstningen").click()
    expect(page.get_by_role("button", name="Öppna nu")).to_be_visible(timeout=SLOW)
    poll = Poll.objects.get(title="Sommarlovet")
    # Saving says so, and the URL is the poll's own (not /polls/new, nor back to it).
    expect(
        page.get_by_role("status").filter(has_text="Enkäten är skapad och sparad")
    ).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/staff/polls/{poll.pk}$"))
    axe.check(page, "poll builder, just created")
    assert [q.kind for q in poll.questions.all()] == ["single_choice", "scale"]
    assert poll.questions.all()[1].config["label_max"] == "Jättekul"
    page.get_by_role("button", name="Öppna nu").click()
    expect(page.get_by_text("Öppen", exact=True)).to_be_visible(timeout=SLOW)
    poll.refresh_from_db()
    assert poll.current_status == "open"
    axe.check(page, "poll builder, saved and open")
    ctx.close()
