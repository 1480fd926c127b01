"""The backend catalogs (locale/<code>/LC_MESSAGES/django.po) and the glossaries are
complete and consistent for every language in the registry."""

import gettext
from pathlib import Path

import pytest
from django.conf import settings

from forum.core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from tests.i18n.catalogs import (
    compiled_messages,
    parse_po,
    placeholder_mismatches,
    placeholders,
    plural_form_problems,
    read_po,
    untranslated_or_fuzzy,
)

LOCALE = Path(settings.BASE_DIR) / "locale"
GLOSSARIES = Path(settings.BASE_DIR) / "docs" / "i18n"
# The civic words every translation must say the same way on every page.
GLOSSARY_TERMS = ("nämnd", "planeringspunkt", "medborgarbudget", "återkoppling")
# Arabic has six plural forms; the rest of Röstrum's languages have two.
# The msgids are English; the English catalog only exists so that English is a choice.
SOURCE_LANGUAGE = "en"
PLURAL_FORMS = {"sv": 2, "en": 2, "ar": 6, "so": 2, "ti": 2, "fa": 2, "tr": 2}


def po_path(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module", params=LANGUAGE_CODES)
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_every_language_in_the_registry_has_a_catalog_and_nothing_else_does() -> None:
    assert sorted(p.name for p in LOCALE.iterdir() if p.is_dir()) == sorted(LANGUAGE_CODES)
    for code in LANGUAGE_CODES:
        assert po_path(code).is_file(), code
        assert po_path(code).with_suffix(".mo").is_file(), code


def test_every_message_is_translated_and_none_is_fuzzy(language: str) -> None:
    problems = untranslated_or_fuzzy(read_po(po_path(language)))

    if language == SOURCE_LANGUAGE:  # an empty msgstr is the English msgid itself
        problems = [p for p in problems if not p.startswith("untranslated")]
    assert problems == []


def test_the_english_catalog_says_nothing_other_than_its_messages() -> None:
    # English is the language of the msgids: a translation there would only drift.
    for entry in read_po(po_path(SOURCE_LANGUAGE)).entries:
        texts = set(entry.msgstr.values()) - {""}
        assert texts <= {entry.msgid, entry.msgid_plural}, entry.label


def test_every_translation_keeps_the_placeholders_of_its_message(language: str) -> None:
    assert placeholder_mismatches(read_po(po_path(language))) == []


def test_plural_messages_have_every_form_of_the_language(language: str) -> None:
    catalog = read_po(po_path(language))

    assert catalog.nplurals == PLURAL_FORMS[language]
    assert catalog.header.get("Language") == language
    assert plural_form_problems(catalog) == []


def test_no_obsolete_entries_are_left(language: str) -> None:
    assert read_po(po_path(language)).obsolete_lines == []


def test_the_compiled_catalog_is_up_to_date(language: str) -> None:
    with po_path(language).with_suffix(".mo").open("rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    in_mo = {key: text for key, text in mo._catalog.items() if key != ""}  # type: ignore[attr-defined]

    expected = compiled_messages(read_po(po_path(language)))

    stale = sorted(str(k) for k in expected.keys() - in_mo.keys())
    extra = sorted(str(k) for k in in_mo.keys() - expected.keys())
    changed = sorted(str(k) for k in expected.keys() & in_mo.keys() if expected[k] != in_mo[k])
    assert (stale, extra, changed) == ([], [], []), "run `make messages` to recompile"


def test_every_catalog_has_the_same_messages() -> None:
    def keys(code: str) -> set[tuple[str | None, str]]:
        return {(e.msgctxt, e.msgid) for e in read_po(po_path(code)).entries}

    source = keys(DEFAULT_LANGUAGE)
    for code in LANGUAGE_CODES:
        assert keys(code) == source, code


@pytest.mark.parametrize("code", [c for c in LANGUAGE_CODES if c not in ("sv", "en")])
def test_each_glossary_gives_the_civic_words(code: str) -> None:
    path = GLOSSARIES / f"glossary.{code}.md"
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("|")
    ]

    for term in GLOSSARY_TERMS:
        found = [row for row in rows if term in row[0].lower() and len(row) > 1 and row[1]]
        assert found, f"{path.name} has no translation of {term!r}"


FAKE_CATALOG = r"""
msgid ""
msgstr ""
"Language: xx\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Hello %(name)s, you have {count} new ideas"
msgstr "Hej %(namn)s, du har {count} nya idéer"

#, fuzzy
msgid "Closed"
msgstr "Stängd"

msgid "Open"
msgstr ""

msgid "%d vote"
msgid_plural "%d votes"
msgstr[0] "%d röst"

msgctxt "poll"
msgid "100%% sure, %s"
msgstr "100%% säker, "
"%s"

#~ msgid "Gone"
#~ msgstr "Borta"
"""


def test_the_checks_find_the_problems_of_a_broken_catalog() -> None:
    catalog = parse_po(FAKE_CATALOG)

    mismatches = placeholder_mismatches(catalog)
    assert len(mismatches) == 1
    assert "['%(namn)s', '{count}'] instead of ['%(name)s', '{count}']" in mismatches[0]
    assert untranslated_or_fuzzy(catalog) == [
        "fuzzy: line 11: 'Closed'",
        "untranslated: line 14: 'Open'",
    ]
    assert plural_form_problems(catalog) == ["1 plural forms instead of 2: line 17: '%d vote'"]
    assert catalog.obsolete_lines == [26, 27]
    assert compiled_messages(catalog) == {
        "Hello %(name)s, you have {count} new ideas": "Hej %(namn)s, du har {count} nya idéer",
        ("%d vote", 0): "%d röst",
        "poll\x04100%% sure, %s": "100%% säker, %s",
    }


def test_placeholders_are_told_apart_from_a_literal_percent() -> None:
    assert placeholders("50%% of %(count)s said {answer} at %s (%d%%)") == [
        "%(count)s",
        "%d",
        "%s",
        "{answer}",
    ]
