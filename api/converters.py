"""URL path converters: every id in a path is checked against the database's range here.

``<int:…>`` accepts any number of digits, and an id past the bigint range (2**63 or
10**30) reaches the database as an overflow: a 500. ``<id:…>`` matches only 1..2**63-1;
anything else does not match, so the request falls through to the API's catch-all and
gets the one error shape's 404.
"""

import re

from django.urls import register_converter

ID_MAX = 2**63 - 1  # PostgreSQL bigint, SQLite integer: the widest primary key we use
ID_DIGITS = len(str(ID_MAX))


class IdConverter:
    regex = f"[0-9]{{1,{ID_DIGITS}}}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= ID_MAX:
            raise ValueError("id out of range")  # no match: a 404
        return number

    def to_url(self, value: int) -> str:
        return str(int(value))


def _one_of(*choices: str) -> str:
    return "|".join(re.escape(choice) for choice in choices)


class ChoiceConverter:
    """One of a few fixed words in a path (an action, a file name)."""

    regex: str

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class PollActionConverter(ChoiceConverter):
    regex = _one_of("open", "close", "schedule", "archive", "reveal")


class PollExportConverter(ChoiceConverter):
    regex = _one_of("results.csv", "results.xlsx", "raw.csv")


def converters_register() -> None:
    register_converter(IdConverter, "id")
    register_converter(PollActionConverter, "poll_action")
    register_converter(PollExportConverter, "poll_export")
