"""Word counts for open-text answers, with Swedish and English stop words removed."""

import re
from collections import Counter
from collections.abc import Iterable

STOP_WORDS_SV = frozenset(
    """
    alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig din
    dina ditt du där då efter ej eller en er era ert ett från för ha hade han hans har henne
    hennes hon honom hur här i icke ingen inom inte jag ju kan kunde man med mellan men mig
    min mina mitt mot mycket ni nu när någon något några och om oss på samma sedan sig sin
    sina sitta själv skulle som så sådan sådana sådant till under upp ut utan vad var vara
    varför varit varje vars vart vem vi vid vilka vilkas vilken vilket vår våra vårt än är
    åt över också bara mer fler typ ska kanske lite väldigt just få får
    """.split()
)
STOP_WORDS_EN = frozenset(
    """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your
    yours yourself yourselves also get got like really want
    """.split()
)
STOP_WORDS = STOP_WORDS_SV | STOP_WORDS_EN
WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
MAX_WORDS = 40


def word_counts(texts: Iterable[str], *, limit: int = MAX_WORDS) -> list[tuple[str, int]]:
    """The ``limit`` most frequent words (lower-cased, 2+ letters, no stop words)."""
    counter: Counter[str] = Counter()
    for text in texts:
        words = {w for w in WORD_RE.findall(text.lower()) if len(w) > 1 and w not in STOP_WORDS}
        counter.update(words)  # a word counts once per answer: one loud answer can't dominate
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit]
