"""Sending 'you said, we did' notices through the browsers' push services (pywebpush).

The domain decides who hears (forum.participation.services.participants_notify, called by
the services that record a decision or move a budget proposal); this module is the sender
it calls after commit. It reads the subscriptions on the committing thread (one query) and
hands the network to a small pool of threads: a slow or dead push service never holds up
the staff action, and a failure is only logged (docs/decisions/0058-web-push.md).
"""

import json
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict
from functools import cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connections
from py_vapid import Vapid

from forum.participation.selectors import PushTarget, push_targets
from forum.participation.services import (
    push_delivered,
    push_failed,
    push_keys_valid,
    push_message,
    push_service_allowed,
)

if TYPE_CHECKING:
    import requests

logger = logging.getLogger(__name__)

# A notice not delivered within a week is old news: the phone looks at /mina-svar anyway.
TTL_SECONDS = 7 * 24 * 60 * 60
TIMEOUT_SECONDS = 10
# One Topic for every notice: a push service keeps only the newest undelivered one per phone.
TOPIC = "mina-svar"

_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="web-push")


def run_in_background(job: Callable[[], None]) -> "Future[None]":
    def run() -> None:
        try:
            job()
        finally:
            # This pool thread's own connections: the thread lives on, the job's do not.
            connections.close_all()

    return _pool.submit(run)


@cache
def _vapid(private_key: str) -> Vapid:
    return Vapid.from_string(private_key=private_key)


def push_send(participant_ids: frozenset[int]) -> None:
    """The registered sender: these participants' browsers get the generic notice."""
    targets = push_targets(participant_ids=participant_ids)
    if targets:
        run_in_background(lambda: deliver(targets))


def deliver(targets: list[PushTarget]) -> None:
    """Send to each browser and keep the books: 404/410 deletes the subscription. One
    browser's failure, whatever it is, never keeps the notice from the browsers after it."""
    try:
        vapid = _vapid(settings.VAPID_PRIVATE_KEY)
        session = _session()
    except Exception:
        logger.exception("web push: sending notices failed")
        return
    with session:
        for target in targets:
            try:
                _deliver_one(target, vapid, session)
            except Exception:
                logger.exception("web push: keeping the books of a notice failed")


def _session() -> "requests.Session":
    import requests

    class NoRedirects(requests.Session):
        """A push service answers, it never sends us elsewhere: a 3xx is a failed send, and
        the redirect's target (which the allowlist never saw) gets nothing."""

        def request(self, *args: Any, **kwargs: Any) -> requests.Response:
            kwargs["allow_redirects"] = False
            return super().request(*args, **kwargs)

    return NoRedirects()


def _deliver_one(target: PushTarget, vapid: Vapid, session: "requests.Session") -> None:
    # Imported on the first send, in the pool thread: pywebpush brings aiohttp, most of a
    # second at every process start (workers, manage.py) for something rarely used.
    from pywebpush import WebPushException, webpush
    from requests import RequestException

    # Checked again before sending: rows kept before the checks were as strict as now, and
    # a key off the curve would fail encryption at every send.
    keys = push_keys_valid(p256dh=target.p256dh, auth=target.auth)
    if not push_service_allowed(target.endpoint) or not all(keys.values()):
        logger.warning("web push: dropped a subscription with an endpoint or key we refuse")
        push_failed(subscription_id=target.subscription_id, gone=True)
        return
    message = push_message(language=target.language)
    try:
        webpush(
            subscription_info={
                "endpoint": target.endpoint,
                "keys": {"p256dh": target.p256dh, "auth": target.auth},
            },
            data=json.dumps(asdict(message)),
            vapid_private_key=vapid,
            # A new dict each time: webpush writes aud and exp into it.
            vapid_claims={"sub": settings.VAPID_SUBJECT},
            timeout=TIMEOUT_SECONDS,
            ttl=TTL_SECONDS,
            headers={"Topic": TOPIC, "Urgency": "normal"},
            requests_session=session,
        )
    except WebPushException as error:
        code = error.response.status_code if error.response is not None else None
        gone = code in (404, 410)
        if not gone:
            logger.warning("web push: the push service refused a notice (%s)", code)
        push_failed(subscription_id=target.subscription_id, gone=gone)
    except RequestException as error:
        logger.warning("web push: no answer from the push service (%s)", type(error).__name__)
        push_failed(subscription_id=target.subscription_id, gone=False)
    except Exception as error:  # e.g. encryption refusing the browser's keys: counted
        logger.warning("web push: a notice could not be sent (%s)", type(error).__name__)
        push_failed(subscription_id=target.subscription_id, gone=False)
    else:
        push_delivered(subscription_id=target.subscription_id)
