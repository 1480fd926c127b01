from hypothesis import given
from hypothesis import strategies as st

from forum.core.languages import LANGUAGE_CODES
from forum.moderation.matching import names_itself, normalise_for_matching
from forum.moderation.wordlists import DEFAULT_WORDS


@given(st.text())
def test_normalise_for_matching_is_idempotent_and_never_raises(text: str) -> None:
    once = normalise_for_matching(text)
    assert normalise_for_matching(once) == once


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=50))
def test_normalise_for_matching_leaves_single_spaced_words(text: str) -> None:
    normalised = normalise_for_matching(text)
    assert "  " not in normalised
    assert normalised == normalised.strip()


def test_normalise_for_matching_strips_arabic_marks_and_tatweel() -> None:
    assert normalise_for_matching("شَرْمُوطَـــة") == normalise_for_matching("شرموطه")


def test_normalise_for_matching_unifies_alef_yeh_and_keheh() -> None:
    assert normalise_for_matching("أمك إلى آخر") == normalise_for_matching("امك الي اخر")
    assert normalise_for_matching("کیر ی") == normalise_for_matching("كير ي")


def test_normalise_for_matching_ignores_zero_width_non_joiner() -> None:
    assert normalise_for_matching("می\u200cکشمت") == normalise_for_matching("میکشمت")


def test_normalise_for_matching_keeps_arabic_words_whole_around_marks() -> None:
    # A harakah or shadda between letters must not split a word into two.
    assert normalise_for_matching("كُسّ أُمّك") == "كس امك"


def test_normalise_for_matching_folds_turkish_i_forms_and_marks() -> None:
    for spelling in ("SİKTİR", "SIKTIR", "sıktır", "siktir"):
        assert normalise_for_matching(spelling) == "siktir"
    assert normalise_for_matching("OROSPU ÇOCUĞU") == "orospu cocugu"


def test_normalise_for_matching_keeps_swedish_letters() -> None:
    assert normalise_for_matching("Bög, BÖG och bög!") == "bög bög och bög"
    assert normalise_for_matching("Åsa ÄR här") == "åsa är här"


def test_normalise_for_matching_reads_native_digits_like_ascii_ones() -> None:
    assert normalise_for_matching("h٠ra") == normalise_for_matching("h0ra") == "hora"
    assert normalise_for_matching("h۰ra") == "hora"


def test_every_offered_language_has_built_in_block_and_hold_lists() -> None:
    for language in LANGUAGE_CODES:
        assert DEFAULT_WORDS[(language, "block")]
        assert DEFAULT_WORDS[(language, "hold")]


def test_every_built_in_entry_still_says_something_after_normalisation() -> None:
    for entries in DEFAULT_WORDS.values():
        for entry in entries:
            assert normalise_for_matching(entry), entry


def test_names_itself_needs_a_word_after_the_phrase() -> None:
    def says_name(text: str) -> bool:
        return names_itself(text=text, normalised=normalise_for_matching(text))

    assert says_name("Hej, jag heter Sara")
    assert not says_name("Vad heter du?")
    assert not says_name("jag heter")


def test_names_itself_tells_arabic_my_name_from_persian_a_name() -> None:
    def says_name(text: str) -> bool:
        return names_itself(text=text, normalised=normalise_for_matching(text))

    assert says_name("مرحبا، اسمي سارة")
    assert not says_name("هیچ اسمی نشان داده نمی\u200cشود")
    assert says_name("سلام، اسمم سارا است")
