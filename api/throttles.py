import time
from typing import Any

from django.conf import settings
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from api.participant_cookie import participant_from_request
from api.proxies import client_ip
from forum.participation.services import participant_token_hash


class FixedWindowScopedRateThrottle(ScopedRateThrottle):
    """DRF's scoped rates, counted in fixed windows: one integer per key and window.

    DRF's SimpleRateThrottle keeps every request's timestamp in a list it reads, trims and
    writes back whole on each request (a pickled list growing to the rate's count: a fifth
    of an answer's server time). Here a window of the rate's length (a minute for
    ``120/min``) is one counter, created by ``cache.add`` and raised by ``cache.incr``,
    both atomic on Redis and locmem, so parallel requests cannot lose a count. The limit
    per window is the same; across a window's edge a burst may reach twice the rate, the
    price of the counter (decision 0041).
    """

    def clock(self) -> float:
        return time.time()

    def allow_request(self, request: Any, view: Any) -> bool:
        # The scope and its rate, as ScopedRateThrottle reads them from the view.
        self.scope = getattr(view, self.scope_attr, None)
        if not self.scope:
            return True
        self.rate = self.get_rate()
        num_requests, duration = self.parse_rate(self.rate)
        if num_requests is None or duration is None:
            return True
        self.num_requests, self.duration = num_requests, duration
        self.window_seconds = duration
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        self.checked_at = self.clock()
        window = int(self.checked_at // duration)
        self.window_ends_at = (window + 1) * duration
        return self._counted(f"{key}:{window}") <= num_requests

    def _counted(self, key: str) -> int:
        # add first: in a hall a phone writes once or twice a minute, so most requests are
        # their window's first (one round trip); later ones raise the counter.
        # Outlives its window a little, so a slow clock elsewhere still finds it.
        if self.cache.add(key, 1, timeout=self.window_seconds + 1):
            return 1
        try:
            return int(self.cache.incr(key))
        except ValueError:  # expired between the two: a new window's first
            self.cache.add(key, 1, timeout=self.window_seconds + 1)
            return 1

    def wait(self) -> float:
        """Seconds until the window ends (``Retry-After``, rounded up in api/errors.py)."""
        return max(self.window_ends_at - self.checked_at, 0.0)


class IpScopedRateThrottle(FixedWindowScopedRateThrottle):
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
