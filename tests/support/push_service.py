"""A push service on 127.0.0.1 for Web Push tests, and a browser's side of a subscription.

The service is a real HTTP server in a thread: it keeps each request (headers and the
encrypted body) and answers with the status the test sets. The browser is a real P-256 key
pair and auth secret, so a test decrypts what the server sent exactly as a phone would
(http_ece), and checks the VAPID signature with the server's public key.
"""

import base64
import json
import os
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_point(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


@dataclass(frozen=True)
class VapidKeys:
    public_key: str  # base64url uncompressed point: what the browser's subscribe() takes
    private_key: str  # base64url of the 32 raw bytes: what VAPID_PRIVATE_KEY holds

    @classmethod
    def generate(cls) -> "VapidKeys":
        key = ec.generate_private_key(ec.SECP256R1())
        raw = key.private_numbers().private_value.to_bytes(32, "big")
        return cls(public_key=b64url(public_point(key)), private_key=b64url(raw))


@dataclass
class Browser:
    """One browser's subscription keys; ``decrypt`` reads a notice as the browser would."""

    private_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    auth_secret: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def p256dh(self) -> str:
        return b64url(public_point(self.private_key))

    @property
    def auth(self) -> str:
        return b64url(self.auth_secret)

    def decrypt(self, body: bytes) -> dict[str, Any]:
        plain = http_ece.decrypt(
            body, private_key=self.private_key, auth_secret=self.auth_secret, version="aes128gcm"
        )
        return dict(json.loads(plain))


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    def vapid_claims(self, public_key: str) -> dict[str, Any]:
        """The VAPID JWT's claims, after checking its ES256 signature with ``public_key``
        (and that the header names that key)."""
        scheme, _sep, params = self.headers["authorization"].partition(" ")
        assert scheme.lower() == "vapid", self.headers["authorization"]
        parts = dict(p.strip().split("=", 1) for p in params.split(","))
        assert parts["k"] == public_key
        header, payload, signature = parts["t"].split(".")
        raw = b64url_decode(signature)
        der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
        key = ec.EllipticCurvePublicKey.from_encoded_point(
            ec.SECP256R1(), b64url_decode(public_key)
        )
        key.verify(der, f"{header}.{payload}".encode(), ec.ECDSA(hashes.SHA256()))
        return dict(json.loads(b64url_decode(payload)))


class PushService:
    """``answer`` is the status every request gets (201, or 410 for a gone subscription);
    ``hold`` (an Event), when set on the service, keeps each answer back until it is set;
    ``location``, when set, goes out as the answer's Location header (for a redirect)."""

    def __init__(self) -> None:
        self.answer = 201
        self.location: str | None = None
        self.hold: threading.Event | None = None
        self.received: queue.Queue[Received] = queue.Queue()
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                service.received.put(Received(path=self.path, headers=headers, body=body))
                if service.hold is not None:
                    service.hold.wait(timeout=10)
                self.send_response(service.answer)
                if service.location is not None:
                    self.send_header("Location", service.location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass  # quiet test output

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"

    def endpoint(self, name: str) -> str:
        return f"{self.origin}/push/{name}"

    def next(self, timeout: float = 10) -> Received:
        return self.received.get(timeout=timeout)

    def nothing_received(self) -> bool:
        return self.received.empty()


@contextmanager
def push_service() -> Iterator[PushService]:
    service = PushService()
    thread = threading.Thread(
        target=service.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield service
    finally:
        if service.hold is not None:
            service.hold.set()
        service.server.shutdown()
        service.server.server_close()
        thread.join(timeout=5)
