"""A small reader for gettext .po files and the checks the catalog tests run on them.

Small on purpose (no polib): the checks need entries, flags, plural forms and obsolete
lines, nothing else. Each check returns a list of problems, so a test can show them all
and another test can prove a check finds a problem in a fake catalog.
"""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

# %(name)s, %s, %d, %5.1f … and {name} / {} / {0}; "%%" is a literal percent sign.
PLACEHOLDER = re.compile(
    r"%%|%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{\w*\}"
)
NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


@dataclass
class Entry:
    msgid: str
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def label(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt else ""
        return f"line {self.line}: {context}{self.msgid[:60]!r}"


@dataclass
class Catalog:
    header: dict[str, str]
    entries: list[Entry]
    obsolete_lines: list[int]

    @property
    def nplurals(self) -> int | None:
        match = NPLURALS.search(self.header.get("Plural-Forms", ""))
        return int(match.group(1)) if match else None


def _unquote(text: str) -> str:
    # A .po string is a C string literal; Python's literal syntax agrees for what
    # gettext writes (\n, \t, \", \\).
    value = ast.literal_eval(text)
    if not isinstance(value, str):
        raise ValueError(f"not a string: {text}")
    return value


def parse_po(text: str) -> Catalog:
    entries: list[Entry] = []
    obsolete: list[int] = []
    flags: set[str] = set()
    target: tuple[str, int] | None = None  # which field continuation lines extend
    fields: dict[tuple[str, int], str] = {}
    start = 0

    def finish() -> None:
        nonlocal fields, flags, target
        if fields:
            entry = Entry(
                msgid=fields.get(("msgid", 0), ""),
                msgid_plural=fields.get(("msgid_plural", 0)),
                msgctxt=fields.get(("msgctxt", 0)),
                msgstr={n: v for (name, n), v in fields.items() if name == "msgstr"},
                flags=flags,
                line=start,
            )
            entries.append(entry)
        fields, flags, target = {}, set(), None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            obsolete.append(number)
            continue
        if line.startswith("#,"):
            if fields:
                finish()
            flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if line.startswith("#"):
            if fields:
                finish()
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line)
        if match:
            name, index, value = match.group(1), int(match.group(2) or 0), match.group(3)
            if name in ("msgctxt", "msgid") and any(key[0] == "msgstr" for key in fields):
                finish()  # a new entry without a blank line between
            if not fields:
                start = number
            target = (name, index)
            fields[target] = _unquote(value)
        elif line.startswith('"') and target is not None:
            fields[target] += _unquote(line)
        else:
            raise ValueError(f"line {number}: cannot read {raw!r}")
    finish()
    header_entries = [e for e in entries if e.msgid == "" and e.msgctxt is None]
    header: dict[str, str] = {}
    if header_entries:
        for header_line in header_entries[0].msgstr.get(0, "").splitlines():
            name, _sep, value = header_line.partition(":")
            header[name.strip()] = value.strip()
    return Catalog(
        header=header,
        entries=[e for e in entries if not (e.msgid == "" and e.msgctxt is None)],
        obsolete_lines=obsolete,
    )


def placeholders(text: str) -> list[str]:
    return sorted(p for p in PLACEHOLDER.findall(text) if p != "%%")


def untranslated_or_fuzzy(catalog: Catalog) -> list[str]:
    problems = []
    for entry in catalog.entries:
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.label}")
        elif not entry.msgstr or any(not text for text in entry.msgstr.values()):
            problems.append(f"untranslated: {entry.label}")
    return problems


def placeholder_mismatches(catalog: Catalog) -> list[str]:
    """Every msgstr has exactly its msgid's placeholders (a plural form: msgid_plural's)."""
    problems = []
    for entry in catalog.entries:
        source = entry.msgid_plural if entry.msgid_plural is not None else entry.msgid
        wanted = placeholders(source)
        if entry.msgid_plural is not None and placeholders(entry.msgid) != wanted:
            problems.append(f"msgid and msgid_plural differ: {entry.label}")
        for index, text in sorted(entry.msgstr.items()):
            if text and placeholders(text) != wanted:
                problems.append(
                    f"placeholders {placeholders(text)} instead of {wanted} "
                    f"in msgstr[{index}]: {entry.label}"
                )
    return problems


def plural_form_problems(catalog: Catalog) -> list[str]:
    nplurals = catalog.nplurals
    if nplurals is None:
        return ["no nplurals in the Plural-Forms header"]
    return [
        f"{len(entry.msgstr)} plural forms instead of {nplurals}: {entry.label}"
        for entry in catalog.entries
        if entry.msgid_plural is not None and sorted(entry.msgstr) != list(range(nplurals))
    ]


def compiled_messages(catalog: Catalog) -> dict[object, str]:
    """What a .mo compiled from ``catalog`` holds, keyed as gettext's GNUTranslations keys
    its ``_catalog`` (context + "\\x04" + msgid; plural forms as (msgid, n)). Fuzzy and
    untranslated entries are left out, as msgfmt leaves them out."""
    messages: dict[object, str] = {}
    for entry in catalog.entries:
        if "fuzzy" in entry.flags or not any(entry.msgstr.values()):
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt is not None else entry.msgid
        if entry.msgid_plural is None:
            messages[key] = entry.msgstr[0]
        else:
            messages.update({(key, n): text for n, text in entry.msgstr.items()})
    return messages


def read_po(path: Path) -> Catalog:
    return parse_po(path.read_text(encoding="utf-8"))
