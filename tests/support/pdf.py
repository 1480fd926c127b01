"""Read a PDF back as poppler sees it: the text (pdftotext) and the fonts (pdffonts).

What pdftotext gives back for right-to-left text (poppler 22, checked by hand): every
Arabic or Persian word comes back in logical order, letters joined into the word, but
- right-to-left runs are wrapped in bidi control characters;
- a sentence's full stop lands where it is drawn (before the next sentence's first word);
- a combining mark such as Persian's hamza above (ـٔ) comes back as a glyph of its own
  (at the end of a word it can split off the last letter: شمارهٔ → شمار ه),
  and the words around it may then come back in another order within their line;
- a word drawn with the lam-alef ligature (لا, لأ) comes back with it reversed (ال, أل).
So ``readable`` folds presentation forms (NFKD) and drops format characters, Arabic marks
and the punctuation around words; ``assert_reads`` compares a right-to-left phrase
word by word (leaving out lam-alef words) and any other phrase as one run of words.
"""

import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import pytest

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils is not installed (CI installs it: .ci/run)",
)


def _trim(word: str) -> str:
    """``word`` without punctuation at its ends ("kod:" → "kod"; a link or code keeps its
    inner "-", "/" and ".")."""
    start, end = 0, len(word)
    while start < end and unicodedata.category(word[start]).startswith("P"):
        start += 1
    while end > start and unicodedata.category(word[end - 1]).startswith("P"):
        end -= 1
    return word[start:end]


def _arabic_mark(c: str) -> bool:
    return unicodedata.category(c) == "Mn" and (
        "\u0610" <= c <= "\u061a" or "\u064b" <= c <= "\u065f" or c == "\u0670"
    )


def readable(text: str) -> str:
    """The words of ``text``: presentation forms folded, Arabic marks (hamza above, vowel
    signs) and format characters dropped, the punctuation around words dropped, whitespace
    as single spaces. Latin and Ethiopic letters stay as they are (å stays å)."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Cf" and not _arabic_mark(c))
    letters = unicodedata.normalize("NFC", kept)
    return " ".join(w for w in (_trim(word) for word in letters.split()) if w)


def _run(tool: str, content: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "document.pdf"
        path.write_bytes(content)
        done = subprocess.run(
            [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
            capture_output=True,
            check=True,
            text=True,
        )
    return done.stdout


def pdf_text(content: bytes) -> str:
    """The PDF's text made ``readable``: a sentence wrapped over two lines reads as one."""
    return readable(_run("pdftotext", content, "-enc", "UTF-8"))


def pdf_fonts(content: bytes) -> dict[str, bool]:
    """Font name (subset prefix dropped) → embedded, as pdffonts lists them."""
    fonts = {}
    for line in _run("pdffonts", content).splitlines()[2:]:
        columns = line.split()
        name = columns[0].split("+", 1)[-1]
        # name, type words..., encoding, emb, sub, uni, object id, generation
        fonts[name] = columns[-5] == "yes"
    return fonts


LAM_ALEF = ("لا", "لأ", "لإ", "لآ")


def _right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def assert_reads(text: str, expected: str) -> None:
    """``expected`` reads in ``text`` (both ``readable``): a right-to-left phrase as each of
    its words (but lam-alef ones), any other phrase as one run of words."""
    phrase = readable(expected)
    if not _right_to_left(phrase):
        assert phrase in text, expected
        return
    words = set(text.split())
    kept = [w for w in phrase.split() if not any(pair in w for pair in LAM_ALEF)]
    assert kept, expected  # nothing left to compare: choose another phrase
    missing = [w for w in kept if w not in words]
    assert not missing, (expected, missing)
