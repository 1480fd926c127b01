"""`manage.py serve`: uvicorn with the proxy trust taken from settings.TRUSTED_PROXIES.

The Docker image, `make run` and the test servers all start the app this way, so uvicorn
believes X-Forwarded-* from exactly the proxies the login lockout and rate limits trust
(api.proxies.client_ip), never from a second, separately configured list.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


def uvicorn_proxy_options(trusted_proxies: list[str]) -> dict[str, Any]:
    """No trusted proxy: X-Forwarded-* is not read at all (uvicorn trusts 127.0.0.1 if asked)."""
    proxies = [p.strip() for p in trusted_proxies if p.strip()]
    if not proxies:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": ",".join(proxies)}


class Command(BaseCommand):
    help = "Serve Röstrum with uvicorn; X-Forwarded-* is trusted only from TRUSTED_PROXIES."
    # Like plain uvicorn: no system checks (and no database connection) in the process
    # that supervises the workers.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1)
        parser.add_argument("--log-level", default="info")

    def handle(self, *args: Any, **options: Any) -> None:
        import uvicorn

        uvicorn.run(
            "config.asgi:application",
            host=options["host"],
            port=options["port"],
            workers=options["workers"],
            log_level=options["log_level"],
            # Django's ASGI app has no lifespan handler: say so instead of letting uvicorn
            # probe and warn "ASGI 'lifespan' protocol appears unsupported" at each start.
            lifespan="off",
            **uvicorn_proxy_options(list(settings.TRUSTED_PROXIES)),
        )
