"""Built-in starting word lists, one module per language. Staff replace them per language
in the database (WordList); these apply only while no list of that language and action
is stored.

"block" refuses the text outright (slurs, severe abuse); "hold" sends it to a youth
worker (swearing, threats, weapons, drugs) so context can decide. Kept short on purpose:
the lists are a first filter for minors' forums, not a complete dictionary. Entries are
matched as whole words after ``normalise_for_matching`` (forum/moderation/matching.py),
so one spelling covers the usual variants (diacritics, letter forms, digits, case).

Every list is checked against every text, whatever its language: an entry must not be an
ordinary word in any of the other languages (Persian کس "someone", Turkish "kir" "dirt",
Swedish "sik" "whitefish" are left out for that reason). The lists for ar, so, ti, fa
and tr need review by a native speaker (docs/decisions/0044-moderation-in-every-language.md).
"""

from forum.moderation.wordlists import ar, en, fa, so, sv, ti, tr

DEFAULT_WORDS: dict[tuple[str, str], list[str]] = {
    (module.__name__.rsplit(".", 1)[-1], action): list(words)
    for module in (sv, en, ar, so, ti, fa, tr)
    for action, words in (("block", module.BLOCK), ("hold", module.HOLD))
}
