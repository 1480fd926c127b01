import codecs
import json
import re
from itertools import accumulate
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.utils.http import parse_header_parameters
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

from forum.core.errors import TextInvalidCharacters
from forum.core.text import SURROGATES

# Deeper than any body we accept; far below the depth where json.loads recurses out of
# stack (RecursionError, a 500).
JSON_MAX_DEPTH = 32
_JSON_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKETS = re.compile(r"[\[\]{}]")


class JSONTooDeep(ParseError):
    default_detail = _("The request body is nested too deeply.")
    default_code = "json_too_deep"


class UnsupportedCharset(APIException):
    status_code = status.HTTP_415_UNSUPPORTED_MEDIA_TYPE
    default_detail = _("Send the request body as UTF-8 JSON.")
    default_code = "unsupported_charset"


def json_depth(text: str) -> int:
    """How deeply ``text``'s arrays and objects nest, without parsing it (brackets inside
    strings do not count). Malformed text gets some number; json.loads refuses it later."""
    brackets = _JSON_BRACKETS.findall(_JSON_STRINGS.sub("", text))
    return max(accumulate(1 if b in "[{" else -1 for b in brackets), default=0)


def _has_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return SURROGATES.search(value) is not None
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    return False


def json_loads_checked(text: str) -> Any:
    """``json.loads`` for anything a client sends (HTTP bodies and websocket frames).

    Refuses nesting deeper than JSON_MAX_DEPTH before parsing (JSONTooDeep), malformed
    JSON (ParseError), and lone UTF-16 surrogates written as escapes such as "\\ud800"
    (TextInvalidCharacters): JSON allows them, but no page could ever show them again.
    """
    if json_depth(text) > JSON_MAX_DEPTH:
        raise JSONTooDeep()
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise ParseError(f"JSON parse error - {exc}") from exc
    if _has_surrogate(value):
        raise TextInvalidCharacters()
    return value


def body_charset(media_type: str | None) -> str:
    """The charset a JSON body declares (UTF-8 when none); UnsupportedCharset if Python
    has no text codec of that name."""
    _type, params = parse_header_parameters(media_type or "")
    charset = params.get("charset", "utf-8").strip()
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        raise UnsupportedCharset() from None
    if not codec._is_text_encoding:  # e.g. "base64", "zlib": bytes to bytes
        raise UnsupportedCharset()
    return codec.name


class LimitedJSONParser(JSONParser):
    """JSON parser that refuses bodies over API_MAX_BODY_BYTES before decoding them.

    Django's DATA_UPLOAD_MAX_MEMORY_SIZE guards only request.body, while DRF parsers read
    the stream, so a chunked 50 MB "vote" would otherwise be decoded in full. The body is
    decoded by the charset it declares (RFC 8259 asks for UTF-8; a client that says
    latin1 means latin1), then parsed by ``json_loads_checked``.
    """

    def parse(
        self, stream: IO[bytes], media_type: str | None = None, parser_context: Any = None
    ) -> Any:
        limit = settings.API_MAX_BODY_BYTES
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestDataTooBig("request body exceeds API_MAX_BODY_BYTES")
        charset = body_charset(media_type)
        try:
            text = raw.decode(charset)
        except UnicodeError as exc:  # UnicodeDecodeError, and plain UnicodeError ("punycode")
            raise ParseError(f"JSON parse error - {exc}") from exc
        return json_loads_checked(text)
