from typing import Any

from django.conf import settings
from rest_framework.throttling import ScopedRateThrottle

from api.proxies import client_ip
from forum.participation.services import participant_token_hash


class DeviceScopedRateThrottle(ScopedRateThrottle):
    """Rate limit per device (participant cookie or staff user), falling back to the IP.

    A whole school hall often shares one public IP, so limiting young people per IP would
    lock out a class; the participant cookie identifies a phone without identifying a person.
    """

    def get_ident(self, request: Any) -> str:
        # DRF's own get_ident trusts X-Forwarded-For as the client sends it (NUM_PROXIES
        # unset), so a rotated header was a fresh bucket per request.
        return client_ip(request) or ""

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            token = request.COOKIES.get(settings.PARTICIPANT_COOKIE_NAME)
            ident = (
                f"p-{participant_token_hash(token)}" if token else f"ip-{self.get_ident(request)}"
            )
        return self.cache_format % {"scope": self.scope, "ident": ident}
