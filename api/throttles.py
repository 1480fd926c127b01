from typing import Any

from django.conf import settings
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from api.participant_cookie import participant_from_request
from api.proxies import client_ip
from forum.participation.services import participant_token_hash


class IpScopedRateThrottle(ScopedRateThrottle):
    """Every device behind one client address together (``ip_throttle_scope`` on the view):
    the brake on a script that drops or invents cookies."""

    scope_attr = "ip_throttle_scope"

    def get_ident(self, request: Any) -> str:
        # DRF's own get_ident trusts X-Forwarded-For as the client sends it (NUM_PROXIES
        # unset), so a rotated header was a fresh bucket per request.
        return client_ip(request) or ""


class DeviceScopedRateThrottle(IpScopedRateThrottle):
    """Rate limit per device (participant cookie or staff user), falling back to the IP.

    A whole school hall often shares one public IP, so limiting young people per IP would
    lock out a class; the participant cookie identifies a phone without identifying a person.
    Only a cookie that belongs to a participant is a device: an invented one would otherwise
    be a fresh bucket on every request.
    """

    scope_attr = "throttle_scope"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            token = request.COOKIES.get(settings.PARTICIPANT_COOKIE_NAME)
            if token and participant_from_request(request) is not None:
                ident = f"p-{participant_token_hash(token)}"
            else:
                ident = f"ip-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class ThrottledAPIView(APIView):
    """Every write is rate-limited per device; subclasses name their throttle_scope."""

    throttle_classes = [DeviceScopedRateThrottle]
