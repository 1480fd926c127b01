"""Read a PDF back as poppler sees it: the text (pdftotext) and the fonts (pdffonts).

pdftotext returns Arabic and Persian words in logical order (checked with poppler 22) but
marks right-to-left runs with bidi control characters, puts a sentence's final full stop
where it is drawn (before the next sentence's first word), and gives a combining mark such
as Persian's hamza above (ـٔ) as a glyph of its own. ``readable`` therefore compares words:
it folds presentation forms (NFKC) and drops format characters (bidi marks, the zero-width
non-joiner), combining marks and punctuation. One more: a word drawn with the lam-alef
ligature (لا, لأ) comes back with it reversed (ال, أل) and may move within its line, so
``assert_reads`` checks such a phrase word by word, leaving those words out.
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


def readable(text: str) -> str:
    """The words of ``text``: presentation forms folded; format characters, combining marks
    and the punctuation around words dropped; whitespace as single spaces."""
    folded = unicodedata.normalize("NFKC", text)
    letters = "".join(c for c in folded if unicodedata.category(c) not in ("Cf", "Mn"))
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


def assert_reads(text: str, expected: str) -> None:
    """``expected`` is in ``text`` (both ``readable``): as one run of words, or, when it has
    a lam-alef ligature, each of its other words."""
    phrase = readable(expected)
    if not any(pair in phrase for pair in LAM_ALEF):
        assert phrase in text, expected
        return
    words = set(text.split())
    kept = [w for w in phrase.split() if not any(pair in w for pair in LAM_ALEF)]
    assert kept, expected  # nothing left to compare: choose another phrase
    missing = [w for w in kept if w not in words]
    assert not missing, (expected, missing)
