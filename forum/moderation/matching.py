"""Text normalisation and personal-detail patterns for screening, in every offered language.

Pure functions, no database: ``services.text_screen`` combines them with the word lists.
"""

import re
import unicodedata

# Arabic-Indic (U+0660–0669) and Persian (U+06F0–06F9) digits as typed on phone keyboards.
NATIVE_DIGITS = str.maketrans(
    {**{0x0660 + n: str(n) for n in range(10)}, **{0x06F0 + n: str(n) for n in range(10)}}
)

# One spelling per Arabic-script letter as people type it: hamza carriers and alef forms,
# alef maqsura and Persian yeh, Persian keheh, teh marbuta and heh forms.
ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ې": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ک": "ك",
        "ڪ": "ك",
        "ة": "ه",
        "ۀ": "ه",
        "ە": "ه",
        "ھ": "ه",
        "ہ": "ه",
        "\u0640": None,  # tatweel: stretches a word, never changes it
    }
)

# Turkish letters typed with or without their marks match alike; dotted capital İ would
# otherwise lowercase to i + U+0307 and split the word. ö stays: it is a Swedish letter.
TURKISH_LETTERS = str.maketrans(
    {"İ": "i", "I": "i", "ı": "i", "ç": "c", "ş": "s", "ğ": "g", "ü": "u"}
)

LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)

WORD_RE = re.compile(r"[^\W_]+")


def _without_marks(text: str) -> str:
    """Drop combining marks (Arabic harakat U+064B–065F and U+0670, a stray U+0307) and
    invisible format characters (zero-width non-joiner, soft hyphen, direction marks).

    Swedish å, ä, ö survive: after NFC they are single letters, not letter + mark.
    """
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Mn", "Me", "Cf"))


def unify_script(text: str) -> str:
    """Compatibility forms, native digits, marks and letter variants to one spelling, case
    kept: the base for both word matching and the personal-detail patterns."""
    text = unicodedata.normalize("NFKC", text).translate(NATIVE_DIGITS)
    text = unicodedata.normalize("NFC", _without_marks(text))
    return text.translate(ARABIC_LETTERS)


def normalise_for_matching(text: str) -> str:
    """Lowercase, unify scripts and look-alike spellings, collapse to single-spaced words.

    Idempotent: a normalised text normalises to itself (word list entries and texts go
    through the same function).
    """
    text = unify_script(text).translate(TURKISH_LETTERS).lower()
    # Lowercasing can, rarely, leave a combining mark or a non-NFC sequence behind.
    text = unify_script(text).translate(TURKISH_LETTERS).translate(LEET)
    return " ".join(WORD_RE.findall(text))


# Joined to the next word in Arabic script: and, so, for/to, the, and combinations. ب ("in,
# with") is left out: stripped, the name بكير would read as a listed word.
ARABIC_PROCLITICS = ("وال", "فال", "بال", "لل", "ال", "و", "ف", "ل")
_ARABIC_LETTER_RE = re.compile(r"[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF]")


def without_arabic_proclitics(normalised: str) -> str:
    """Each Arabic-script word of an already normalised text without one leading proclitic,
    if at least two letters remain; other words unchanged."""

    def bare(word: str) -> str:
        if not _ARABIC_LETTER_RE.match(word):
            return word
        for prefix in ARABIC_PROCLITICS:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                return word[len(prefix) :]
        return word

    return " ".join(bare(word) for word in normalised.split(" "))


# --- personal details ----------------------------------------------------------------------

# Swedish mobiles (070-123 45 67, 0701234567), landlines (08-123 45 67) and +46/0046 forms.
PHONE_RE = re.compile(r"(?<![\w+])(?:\+46|0046|0)[\s-]?\(?\d{1,3}\)?(?:[\s-]?\d){5,9}(?!\w)")
EMAIL_RE = re.compile(r"[\w.+-]+\s?(?:@|\(at\)|\[at\])\s?[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# YYMMDD-XXXX, YYYYMMDD-XXXX, with or without separator.
PERSONAL_NUMBER_RE = re.compile(
    r"(?<!\d)(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[-+\s]?\d{4}(?!\d)"
)
_SWEDISH_STREET = (
    r"\b[A-Za-zÅÄÖåäöé]{2,}(?:gatan|gata|vägen|väg|gränd|gränden|gången|torget|torg|plan|"
    r"backe|backen|stigen|allén|allé|promenaden|leden|slingan|svängen|stråket)\s+\d{1,4}\s?"
    r"[A-Za-z]?\b"
    r"|\b[A-Za-zÅÄÖåäöé]{2,}\s+(?:allé|gata|väg|torg|gränd|plan|backe)\s+\d{1,4}\s?[A-Za-z]?\b"
    r"|\b\d{1,4}\s+[A-Z][a-z]+\s+(?:Street|St|Road|Rd|Avenue|Ave|Lane|Way)\b"
)
# How people in Järva write an address in their language around a Swedish street name:
# a street or house-number word with a number close by ("شارع Rinkebysvängen ١٢",
# "Tensta sokak no 5", "jidka Hagby 3", "پلاک ۷"). Spelled after ``unify_script``.
STREET_WORDS: dict[str, tuple[str, ...]] = {
    "ar": ("شارع", "طريق", "عنواني", "رقم البيت", "رقم المنزل", "رقم الشقه", "بيت رقم", "شقه رقم"),
    "fa": ("خيابان", "كوچه", "پلاك", "ادرسم", "ادرس من", "ادرس خونه", "ادرس خانه"),
    "so": ("jidka", "waddada", "wadada", "cinwaankaygu", "cinwaankeygu", "guriga lambarka"),
    "tr": (
        "sokak",
        "sokagi",
        "sokağı",
        "sok",
        "sk",
        "cadde",
        "caddesi",
        "cad",
        "bulvari",
        "bulvarı",
        "adresim",
        "kapi no",
        "kapı no",
    ),
    "ti": ("ጎደና", "ኣድራሻይ", "ቁጽሪ ገዛ", "ቁፅሪ ገዛ"),
}
# An Arabic-script word may carry a proclitic: و (and), ب (in), ف, ل, ال (the).
_ARABIC_PROCLITIC = r"(?:[وفبل]?(?:ال)?)"
_NATIVE_STREET = (
    r"(?<!\w)"
    + _ARABIC_PROCLITIC
    + r"(?:"
    + "|".join(
        re.escape(unify_script(word)).replace(r"\ ", r"\s+")
        for words in STREET_WORDS.values()
        for word in sorted(words, key=len, reverse=True)
    )
    + r")(?!\w)[^\d\n]{0,40}?(?<!\d)\d{1,4}(?!\d)"
    # "jidka 2 km", "sokak 5 dakika": a distance or a time, not a house number.
    + r"(?!\s?(?:km|m|min|dk|dakika|daqiiqo|saacad|mitir|كم|كيلو|متر|دقيقه|دقايق|ساعه)(?!\w))"
)
STREET_RE = re.compile(_SWEDISH_STREET + "|" + _NATIVE_STREET, re.IGNORECASE)

# "My name is …" followed by a word, per language; matched on ``normalise_for_matching``
# text (lowercase, one space between words), so the phrases are normalised alike.
NAME_PHRASES: dict[str, tuple[str, ...]] = {
    "sv": ("jag heter", "mitt namn är"),
    "en": ("my name is", "my name's"),
    "ar": ("اسمي", "انا اسمي"),
    "fa": ("اسم من", "اسمم", "نام من", "esme man", "esmam"),
    "so": ("magacaygu waa", "magaceygu waa", "magacaygu", "magaceygu", "magacayga waa"),
    "tr": ("benim adım", "ismim", "benim ismim", "adım şu"),
    "ti": ("ስመይ", "ሽመይ", "smey"),
}


def _phrases_re(languages: list[str]) -> re.Pattern[str]:
    phrases = [p for language in languages for p in NAME_PHRASES[language]]
    return re.compile(
        r"(?:^| )(?:"
        + "|".join(
            re.escape(normalise_for_matching(p)) for p in sorted(phrases, key=len, reverse=True)
        )
        + r") [^\W_]+"
    )


NAME_RE = _phrases_re([language for language in NAME_PHRASES if language != "ar"])
# Arabic اسمي is Persian اسمی "a name" (هیچ اسمی "no name") once ی and ي are unified: it
# counts only in a text without the letters a Persian keyboard types (ی ک پ چ ژ گ).
ARABIC_NAME_RE = _phrases_re(["ar"])
PERSIAN_LETTERS_RE = re.compile("[یکپچژگ]")


def personal_details_text(text: str) -> str:
    """``text`` with native digits and letter variants unified, for the detail patterns."""
    return unify_script(text)


def names_itself(*, text: str, normalised: str) -> bool:
    """Whether ``text`` (``normalised`` by ``normalise_for_matching``) says "my name is …"
    in any offered language."""
    if NAME_RE.search(normalised):
        return True
    return not PERSIAN_LETTERS_RE.search(text) and ARABIC_NAME_RE.search(normalised) is not None
