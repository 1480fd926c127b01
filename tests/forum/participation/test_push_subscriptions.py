"""Push subscriptions in the domain: one row per browser, the books a send keeps, and the
notice that says nothing about the person (forum/participation/services.py)."""

import base64

import pytest
from django.db import IntegrityError, transaction

from forum.core.errors import InvalidInput, PushDisabled
from forum.participation.models import PushSubscription
from forum.participation.services import (
    PUSH_MAX_FAILURES,
    participants_notify,
    push_delivered,
    push_endpoint_hash,
    push_failed,
    push_message,
    push_service_allowed,
    push_subscribe,
    push_unsubscribe,
)
from tests.factories import ParticipantFactory
from tests.support.push_service import Browser

pytestmark = pytest.mark.django_db

ENDPOINT = "https://fcm.googleapis.com/fcm/send/abc"


@pytest.fixture
def push_on(settings):
    settings.VAPID_PUBLIC_KEY = "public"
    settings.VAPID_PRIVATE_KEY = "private"
    settings.VAPID_SUBJECT = "mailto:push@rostrum.example.se"


def _subscribe(participant, endpoint=ENDPOINT, browser=None, language="sv"):
    browser = browser or Browser()
    return push_subscribe(
        participant=participant,
        endpoint=endpoint,
        p256dh=browser.p256dh,
        auth=browser.auth,
        language=language,
    )


def test_a_browser_passed_to_another_phone_follows_that_phone(push_on) -> None:
    first, second = ParticipantFactory(), ParticipantFactory()
    _subscribe(first)

    row = _subscribe(second, language="tr")

    assert PushSubscription.objects.get() == row
    assert (row.participant, row.language) == (second, "tr")


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://updates.push.services.mozilla.com/wpush/v2/x",
        "https://web.push.apple.com/QGx",
        "https://wns2-par02p.notify.windows.com/w/?token=x",
        "https://web.push.apple.com:443/QGx",  # the default port, spelled out
    ],
)
def test_the_big_push_services_are_allowed_by_default(push_on, endpoint) -> None:
    assert _subscribe(ParticipantFactory(), endpoint=endpoint).endpoint == endpoint


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://fcm.googleapis.com/fcm/send/abc",  # not https
        "https://fcm.googleapis.com:8443/fcm/send/abc",
        "https://push.apple.com.evil.example/x",
        "https://localhost/x",
        "fcm.googleapis.com/fcm/send/abc",
        # The host a sender's URL parser reads is not the one a pattern saw.
        "https://10.0.0.5:8443?.push.apple.com",
        "https://10.0.0.5:8443/?.push.apple.com",
        "https://evil.example#.push.apple.com",
        "https://evil.example/.push.apple.com",
        "https://evil.example\\.push.apple.com/x",
        "https://evil.example%2f.push.apple.com/x",
        "https://evil.example\n.push.apple.com/x",
        "https://evil.example .push.apple.com/x",
        "https://web.push.apple.com/x#fragment",
        # Userinfo, either side of the @.
        "https://user@web.push.apple.com/x",
        "https://user:pw@web.push.apple.com/x",
        "https://web.push.apple.com@evil.example/x",
        "https://web.push.apple.com:x@evil.example/x",
        # Ports other than the service's.
        "https://web.push.apple.com:8443/x",
        "https://web.push.apple.com:80/x",
        "https://web.push.apple.com:/x",
        "https://web.push.apple.com:99999/x",
        # Not https.
        "http://web.push.apple.com/x",
        "ftp://web.push.apple.com/x",
        "HTTP://updates.push.services.mozilla.com/wpush/v2/x",
        # IP literals and names outside the service.
        "https://10.0.0.5/x",
        "https://127.0.0.1/x",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/x",
        "https://[fe80::1%25eth0]/x",
        "https://push.apple.com.evil.example./x",
        "https://web.push.apple.com./x",
        "https://.push.apple.com/x",
        "https://evilpush.apple.com/x",
        "https://wéb.push.apple.com/x",
    ],
)
def test_an_endpoint_elsewhere_is_refused(push_on, endpoint) -> None:
    with pytest.raises(InvalidInput) as refused:
        _subscribe(ParticipantFactory(), endpoint=endpoint)
    assert "endpoint" in refused.value.fields
    assert not push_service_allowed(endpoint)


def test_a_key_that_is_not_a_point_on_the_curve_is_refused(push_on) -> None:
    # 65 bytes starting 0x04, but (1, 1) is not on P-256: encryption to it would always fail.
    off_curve = base64.urlsafe_b64encode(b"\x04" + (1).to_bytes(32, "big") * 2).decode()

    with pytest.raises(InvalidInput) as refused:
        push_subscribe(
            participant=ParticipantFactory(),
            endpoint=ENDPOINT,
            p256dh=off_curve,
            auth=Browser().auth,
            language="sv",
        )

    assert set(refused.value.fields) == {"p256dh"}
    assert not PushSubscription.objects.exists()
    assert not PushSubscription.objects.exists()


def test_without_vapid_keys_nobody_subscribes_but_anyone_may_leave(settings) -> None:
    settings.VAPID_PRIVATE_KEY = ""
    participant = ParticipantFactory()
    with pytest.raises(PushDisabled):
        _subscribe(participant)
    PushSubscription.objects.create(
        participant=participant, endpoint=ENDPOINT, p256dh="k", auth="a"
    )

    push_unsubscribe(participant=participant, endpoint_hash=push_endpoint_hash(ENDPOINT))

    assert not PushSubscription.objects.exists()


def test_a_success_resets_the_failures_and_many_failures_in_a_row_drop_it(push_on) -> None:
    row = _subscribe(ParticipantFactory())
    push_failed(subscription_id=row.pk, gone=False)
    push_delivered(subscription_id=row.pk)
    row.refresh_from_db()
    assert (row.failure_count, row.last_success_at is not None) == (0, True)

    for _ in range(PUSH_MAX_FAILURES - 1):
        push_failed(subscription_id=row.pk, gone=False)
    assert PushSubscription.objects.filter(pk=row.pk).exists()
    push_failed(subscription_id=row.pk, gone=False)
    assert not PushSubscription.objects.filter(pk=row.pk).exists()


def test_the_database_refuses_an_unknown_language_or_missing_keys() -> None:
    participant = ParticipantFactory()
    for fields in ({"language": "xx", "p256dh": "k", "auth": "a"}, {"p256dh": "", "auth": "a"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            PushSubscription.objects.create(participant=participant, endpoint=ENDPOINT, **fields)


@pytest.mark.parametrize("language", ["sv", "sv-x-lattlast", "en", "ar", "so", "ti", "fa", "tr"])
def test_the_notice_is_the_same_for_everyone_in_a_language(language) -> None:
    message = push_message(language=language)
    assert (message.title, message.url, message.tag) == ("Röstrum", "/mina-svar", "mina-svar")
    assert message.lang == ("sv" if language == "sv-x-lattlast" else language)
    assert message.body


def test_nobody_to_notify_registers_nothing(push_on, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        participants_notify(participant_ids=[None])
    assert callbacks == []
