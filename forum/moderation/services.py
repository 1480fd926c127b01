"""Screening of free text from young people before anyone else sees it.

The verdict combines three rules: word lists per language (block or hold), detection of
personal details (phone numbers, e-mail, personnummer, street addresses: held, so a
young person does not publish them by mistake), and the forum's mode (pre-moderated
forums hold everything for a youth worker).
"""

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import transaction

from forum.core.errors import InvalidInput
from forum.core.roles import Role, require_role
from forum.moderation.models import WordAction, WordList
from forum.moderation.wordlists import DEFAULT_WORDS

LANGUAGES = ("sv", "en")
MAX_WORDS_PER_LIST = 5000


class Verdict(StrEnum):
    PUBLISH = "publish"
    HOLD = "hold"
    BLOCK = "block"


class Reason(StrEnum):
    BLOCKED_WORD = "blocked_word"
    HELD_WORD = "held_word"
    PHONE_NUMBER = "phone_number"
    EMAIL = "email"
    PERSONAL_NUMBER = "personal_number"
    STREET_ADDRESS = "street_address"
    PRE_MODERATION = "pre_moderation"


@dataclass(frozen=True)
class Screening:
    verdict: Verdict
    reasons: tuple[Reason, ...]


# Swedish mobiles (070-123 45 67, 0701234567), landlines (08-123 45 67) and +46/0046 forms.
PHONE_RE = re.compile(r"(?<![\w+])(?:\+46|0046|0)[\s-]?\(?\d{1,3}\)?(?:[\s-]?\d){5,9}(?!\w)")
EMAIL_RE = re.compile(r"[\w.+-]+\s?(?:@|\(at\)|\[at\])\s?[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# YYMMDD-XXXX, YYYYMMDD-XXXX, with or without separator.
PERSONAL_NUMBER_RE = re.compile(
    r"(?<!\d)(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[-+\s]?\d{4}(?!\d)"
)
STREET_RE = re.compile(
    r"\b[A-Za-zÅÄÖåäöé]{2,}(?:gatan|gata|vägen|väg|gränd|gränden|gången|torget|torg|plan|"
    r"backe|backen|stigen|allén|allé|promenaden|leden|slingan)\s+\d{1,4}\s?[A-Za-z]?\b"
    r"|\b[A-Za-zÅÄÖåäöé]{2,}\s+(?:allé|gata|väg|torg|gränd|plan|backe)\s+\d{1,4}\s?[A-Za-z]?\b"
    r"|\b\d{1,4}\s+[A-Z][a-z]+\s+(?:Street|St|Road|Rd|Avenue|Ave|Lane|Way)\b",
    re.IGNORECASE,
)
LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)


def normalise_for_matching(text: str) -> str:
    """Lowercase, undo simple look-alike spellings, and collapse to single-spaced words."""
    text = unicodedata.normalize("NFC", text).lower().translate(LEET)
    return " ".join(re.findall(r"[^\W_]+", text))


def word_list(language: str, action: WordAction) -> list[str]:
    stored = WordList.objects.filter(language=language, action=action).first()
    if stored is not None:
        return stored.entries()
    return DEFAULT_WORDS.get((language, action.value), [])


def _contains_any(normalised: str, entries: list[str]) -> bool:
    padded = f" {normalised} "
    return any(f" {normalise_for_matching(entry)} " in padded for entry in entries if entry.strip())


def text_screen(*, text: str, pre_moderated: bool) -> Screening:
    """Screen ``text`` against every language's lists; the strictest verdict wins."""
    normalised = normalise_for_matching(text)
    reasons: list[Reason] = []
    for language in LANGUAGES:
        if _contains_any(normalised, word_list(language, WordAction.BLOCK)):
            reasons.append(Reason.BLOCKED_WORD)
            break
    for language in LANGUAGES:
        if _contains_any(normalised, word_list(language, WordAction.HOLD)):
            reasons.append(Reason.HELD_WORD)
            break
    # 0701234567 is both a mobile number and personnummer-shaped: report what it may be.
    if PERSONAL_NUMBER_RE.search(text):
        reasons.append(Reason.PERSONAL_NUMBER)
    if PHONE_RE.search(text):
        reasons.append(Reason.PHONE_NUMBER)
    if EMAIL_RE.search(text):
        reasons.append(Reason.EMAIL)
    if STREET_RE.search(text):
        reasons.append(Reason.STREET_ADDRESS)
    if pre_moderated:
        reasons.append(Reason.PRE_MODERATION)
    if Reason.BLOCKED_WORD in reasons:
        verdict = Verdict.BLOCK
    elif reasons:
        verdict = Verdict.HOLD
    else:
        verdict = Verdict.PUBLISH
    return Screening(verdict=verdict, reasons=tuple(reasons))


@transaction.atomic
def word_list_replace(
    *, language: str, action: WordAction, words: list[str], actor: Any
) -> WordList:
    """Staff replace one language's list; an empty list means 'filter nothing' for it."""
    require_role(actor, Role.YOUTH_WORKER, Role.ADMIN)
    if language not in LANGUAGES:
        raise InvalidInput(fields={"language": ["Unknown language."]})
    cleaned = sorted({w.strip() for w in words if w.strip()})
    if len(cleaned) > MAX_WORDS_PER_LIST or any(len(w) > 100 for w in cleaned):
        raise InvalidInput(fields={"words": ["The list is too long."]})
    stored, _created = WordList.objects.update_or_create(
        language=language,
        action=action,
        defaults={"words": "\n".join(cleaned), "updated_by": actor},
    )
    return stored
