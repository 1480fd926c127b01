"""'You said, we did' notices end to end: a phone subscribes through the API, staff record a
decision or move a budget proposal, and the local push service receives a VAPID-signed
request that the phone's own keys decrypt to the generic notice (api/push/delivery.py)."""

import datetime as dt
import hashlib
import json
import threading
import uuid
from concurrent.futures import Future
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from api.push import delivery
from forum.budgets.models import Phase, ProposalParticipant, ProposalRole, ProposalStatus
from forum.budgets.services import (
    ballot_cast,
    implementation_update_add,
    phase_move,
    proposal_review,
)
from forum.council.models import MeetingState
from forum.council.services import decision_record
from forum.ideas.models import FeedbackStatus
from forum.ideas.services import idea_feedback_add
from forum.participation.models import Participant, PushSubscription
from forum.participation.services import participants_notify
from tests.api.push.conftest import SUBJECT
from tests.factories import (
    AgendaItemFactory,
    BudgetProcessFactory,
    IdeaFactory,
    MeetingFactory,
    ParticipantFactory,
    PollFactory,
    PollLinkFactory,
    ProposalFactory,
    ResponseFactory,
    participant_with_token,
    usages_for,
)
from tests.support.push_service import Browser, PushService, VapidKeys, b64url, push_service

pytestmark = [pytest.mark.usefixtures("youth_workers_in_every_forum")]

SUBSCRIPTION = "/api/push/subscription"
NOTICE_KEYS = {"title", "body", "url", "tag", "lang"}


def _hash(endpoint: str) -> str:
    return hashlib.sha256(endpoint.encode()).hexdigest()


def _subscribe(
    service: PushService, participant_token: str, name: str, language: str = "sv"
) -> Browser:
    browser = Browser()
    client = Client()
    client.cookies["rostrum_participant"] = participant_token
    response = client.post(
        SUBSCRIPTION,
        {
            "endpoint": service.endpoint(name),
            "keys": {"p256dh": browser.p256dh, "auth": browser.auth},
            "language": language,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return browser


def _phone(service: PushService, name: str, language: str = "sv") -> tuple[Participant, Browser]:
    participant, token = participant_with_token()
    return participant, _subscribe(service, token, name, language)


def _notice(service: PushService, browser: Browser, keys: VapidKeys, name: str) -> dict[str, Any]:
    """The next request the push service got: for this browser, VAPID-signed by the server,
    and what it decrypts to."""
    received = service.next()
    assert received.path == f"/push/{name}"
    claims = received.vapid_claims(keys.public_key)
    assert claims["aud"] == service.origin
    assert claims["sub"] == SUBJECT
    assert received.headers["content-encoding"] == "aes128gcm"
    assert received.headers["topic"] == "mina-svar"
    assert int(received.headers["ttl"]) > 0
    return browser.decrypt(received.body)


def _assert_generic(notice: dict[str, Any], *secrets: object) -> None:
    """Nothing in a notice is about the person or what they wrote."""
    assert set(notice) == NOTICE_KEYS
    assert (notice["title"], notice["url"], notice["tag"]) == ("Röstrum", "/mina-svar", "mina-svar")
    text = json.dumps(notice, ensure_ascii=False)
    for secret in secrets:
        assert str(secret) not in text


@pytest.mark.django_db
def test_an_ideas_author_hears_of_its_feedback_in_a_notice_without_personal_data(
    push_on, service, deliver_inline, youth_worker, django_capture_on_commit_callbacks
) -> None:
    author, browser = _phone(service, "author", language="en")
    idea = IdeaFactory(participant=author, title="Skejtpark vid Järvafältet")

    with django_capture_on_commit_callbacks(execute=True):
        idea_feedback_add(
            idea=idea,
            status=FeedbackStatus.UNDER_REVIEW,
            text="Vi tittar på den.",
            actor=youth_worker,
        )

    notice = _notice(service, browser, push_on, "author")
    _assert_generic(notice, idea.title, "Vi tittar på den", f"/{idea.pk}", f'"{author.pk}"')
    assert notice["body"] == "There is news about something you gave your view on."
    assert notice["lang"] == "en"
    row = PushSubscription.objects.get()
    assert row.last_success_at is not None
    assert row.failure_count == 0
    assert service.nothing_received()


@pytest.mark.django_db
def test_a_council_decision_reaches_who_answered_the_linked_poll_and_nobody_else(
    push_on, service, deliver_inline, official, django_capture_on_commit_callbacks
) -> None:
    agenda = AgendaItemFactory(meeting=MeetingFactory(state=MeetingState.HELD))
    poll = PollFactory()
    PollLinkFactory(planning_item=agenda.planning_item, poll=poll)
    answered, browser = _phone(service, "answered")
    _bystander, _other = _phone(service, "bystander")
    ResponseFactory(option=poll.questions.get().options.first(), participant=answered)

    with django_capture_on_commit_callbacks(execute=True):
        decision_record(
            agenda_item=agenda,
            text="Nämnden beslutar att öppna på lördagar.",
            outcome="approved",
            feedback_text="Ni bad om lördagsöppet – nämnden sa ja.",
            publish_feedback=True,
            actor=official,
            usages=usages_for(agenda),
        )

    notice = _notice(service, browser, push_on, "answered")
    _assert_generic(notice, "lördag", poll.title)
    assert service.nothing_received()


@pytest.mark.django_db
def test_unpublished_council_feedback_sends_nothing(
    push_on, service, deliver_inline, official, django_capture_on_commit_callbacks
) -> None:
    agenda = AgendaItemFactory(meeting=MeetingFactory(state=MeetingState.HELD))
    poll = PollFactory()
    PollLinkFactory(planning_item=agenda.planning_item, poll=poll)
    answered, _browser = _phone(service, "answered")
    ResponseFactory(option=poll.questions.get().options.first(), participant=answered)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        decision_record(
            agenda_item=agenda,
            text="Nämnden beslutar att öppna på lördagar.",
            outcome="approved",
            feedback_text="",
            publish_feedback=False,
            actor=official,
            usages=usages_for(agenda),
        )

    assert callbacks == []
    assert service.nothing_received()


@pytest.mark.django_db
def test_a_budget_proposals_review_results_and_progress_each_reach_its_proposer(
    push_on, service, deliver_inline, official, youth_worker, django_capture_on_commit_callbacks
) -> None:
    process = BudgetProcessFactory(phase=Phase.REVIEW)
    proposal = ProposalFactory(
        process=process,
        title="Bänkar i parken",
        status=ProposalStatus.PROPOSED,
        cost=None,
        public_reason="",
        reviewed_at=None,
    )
    proposer, browser = _phone(service, "proposer")
    ProposalParticipant.objects.create(
        proposal=proposal, participant=proposer, role=ProposalRole.PROPOSED
    )

    with django_capture_on_commit_callbacks(execute=True):
        proposal_review(
            proposal=proposal,
            cost=20_000,
            department_id=None,
            feasible=True,
            public_reason="Det går att göra i år.",
            actor=official,
        )
    _assert_generic(_notice(service, browser, push_on, "proposer"), proposal.title)

    with django_capture_on_commit_callbacks(execute=True):
        phase_move(process=process, phase=Phase.BALLOT, actor=youth_worker)
    assert service.nothing_received()  # voting opens: nothing happened to the proposal yet
    ballot_cast(
        process=process,
        participant=ParticipantFactory(),
        proposal_ids=[proposal.pk],
        voting_code=None,
        idempotency_key=uuid.uuid4(),
    )

    with django_capture_on_commit_callbacks(execute=True):
        phase_move(process=process, phase=Phase.RESULTS, actor=youth_worker)
    _assert_generic(_notice(service, browser, push_on, "proposer"), proposal.title)

    with django_capture_on_commit_callbacks(execute=True):
        phase_move(process=process, phase=Phase.IMPLEMENTATION, actor=youth_worker)
    assert service.nothing_received()  # the results were out already
    with django_capture_on_commit_callbacks(execute=True):
        implementation_update_add(
            proposal=proposal,
            status="in_progress",
            happened_on=dt.date(2026, 7, 12),
            text="Bänkarna är beställda.",
            photo=None,
            photo_alt="",
            actor=youth_worker,
        )
    _assert_generic(_notice(service, browser, push_on, "proposer"), "beställda")
    assert service.nothing_received()


@pytest.mark.django_db
def test_a_gone_subscription_is_deleted_and_a_failing_one_counted(
    push_on, service, deliver_inline, django_capture_on_commit_callbacks
) -> None:
    gone, _browser = _phone(service, "gone")
    failing, _other = _phone(service, "failing")

    service.answer = 410
    with django_capture_on_commit_callbacks(execute=True):
        participants_notify(participant_ids=[gone.pk])
    service.next()
    assert not PushSubscription.objects.filter(participant=gone).exists()

    service.answer = 503
    with django_capture_on_commit_callbacks(execute=True):
        participants_notify(participant_ids=[failing.pk])
    service.next()
    row = PushSubscription.objects.get(participant=failing)
    assert (row.failure_count, row.last_success_at) == (1, None)


@pytest.mark.django_db
def test_a_redirect_from_the_push_service_is_a_failed_send_and_never_followed(
    push_on, service, deliver_inline, django_capture_on_commit_callbacks
) -> None:
    author, _browser = _phone(service, "author")

    with push_service() as elsewhere:
        service.answer = 307
        service.location = elsewhere.endpoint("internal")
        with django_capture_on_commit_callbacks(execute=True):
            participants_notify(participant_ids=[author.pk])
        service.next()

        # Delivery is inline: a followed redirect would have reached it by now.
        assert elsewhere.nothing_received()
    row = PushSubscription.objects.get(participant=author)
    assert (row.failure_count, row.last_success_at) == (1, None)


@pytest.mark.django_db
def test_a_subscription_kept_before_the_checks_were_strict_is_dropped_unsent(
    push_on, service, deliver_inline, django_capture_on_commit_callbacks
) -> None:
    """Rows from before: a key off the curve (encryption would raise) and an endpoint outside
    the push services. Neither is sent to, both go, and the phones after them still hear."""
    off_curve = b64url(b"\x04" + (1).to_bytes(32, "big") * 2)
    bad_key, bad_endpoint = ParticipantFactory(), ParticipantFactory()
    with push_service() as elsewhere:
        PushSubscription.objects.create(
            participant=bad_key, endpoint=service.endpoint("bad-key"), p256dh=off_curve, auth="x"
        )
        PushSubscription.objects.create(
            participant=bad_endpoint,
            endpoint=elsewhere.endpoint("internal"),
            p256dh=Browser().p256dh,
            auth=Browser().auth,
        )
        good, browser = _phone(service, "good")

        with django_capture_on_commit_callbacks(execute=True):
            participants_notify(participant_ids=[bad_key.pk, bad_endpoint.pk, good.pk])

        _assert_generic(_notice(service, browser, push_on, "good"))
        assert elsewhere.nothing_received()
    assert service.nothing_received()
    assert list(PushSubscription.objects.values_list("participant", flat=True)) == [good.pk]


@pytest.mark.django_db
def test_a_phone_that_opted_out_hears_nothing(
    push_on, service, deliver_inline, youth_worker, django_capture_on_commit_callbacks
) -> None:
    author, token = participant_with_token()
    _subscribe(service, token, "author")
    client = Client()
    client.cookies["rostrum_participant"] = token
    response = client.delete(f"{SUBSCRIPTION}/{_hash(service.endpoint('author'))}")
    assert response.status_code == 200
    assert response.json() == {"subscribed": False}

    with django_capture_on_commit_callbacks(execute=True):
        idea_feedback_add(
            idea=IdeaFactory(participant=author),
            status=FeedbackStatus.UNDER_REVIEW,
            text="Vi tittar på den.",
            actor=youth_worker,
        )

    assert service.nothing_received()


@pytest.mark.django_db
def test_without_vapid_keys_nothing_is_sent(
    settings, service, deliver_inline, youth_worker, django_capture_on_commit_callbacks
) -> None:
    settings.WEB_PUSH_SERVICES = [service.origin]
    settings.VAPID_PRIVATE_KEY = ""
    author = ParticipantFactory()
    PushSubscription.objects.create(
        participant=author, endpoint=service.endpoint("author"), p256dh="x", auth="y"
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        idea_feedback_add(
            idea=IdeaFactory(participant=author),
            status=FeedbackStatus.UNDER_REVIEW,
            text="Vi tittar på den.",
            actor=youth_worker,
        )

    assert len(callbacks) == 1  # the idea board's own event, no notice
    assert service.nothing_received()


@pytest.mark.django_db
def test_a_rolled_back_decision_sends_nothing(
    push_on, service, deliver_inline, youth_worker, django_capture_on_commit_callbacks
) -> None:
    author, _browser = _phone(service, "author")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                idea_feedback_add(
                    idea=IdeaFactory(participant=author),
                    status=FeedbackStatus.UNDER_REVIEW,
                    text="Vi tittar på den.",
                    actor=youth_worker,
                )
                raise RuntimeError("the staff action failed after the step")
        except RuntimeError:
            pass

    assert callbacks == []
    assert service.nothing_received()


@pytest.mark.django_db(transaction=True)
def test_delivery_runs_off_the_request_thread(push_on, service, youth_worker, monkeypatch) -> None:
    """The staff action returns while the push service still holds its answer back; a pool
    thread then keeps the books (410: the subscription goes). Committed data: the pool
    thread has its own database connection."""
    author, browser = _phone(service, "author")
    idea = IdeaFactory(participant=author)
    jobs: list[Future[None]] = []
    in_pool = delivery.run_in_background
    monkeypatch.setattr(delivery, "run_in_background", lambda job: jobs.append(in_pool(job)))
    service.hold = threading.Event()
    service.answer = 410

    idea_feedback_add(
        idea=idea, status=FeedbackStatus.UNDER_REVIEW, text="Vi tittar.", actor=youth_worker
    )

    received = service.next()  # the request is in, its answer still held back
    [job] = jobs
    assert not job.done()
    service.hold.set()
    job.result(timeout=10)
    _assert_generic(browser.decrypt(received.body))
    assert not PushSubscription.objects.filter(participant=author).exists()
