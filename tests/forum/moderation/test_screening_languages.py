"""text_screen in every offered language: built-in lists, spelling variants, personal details."""

import pytest

from forum.core.errors import InvalidInput
from forum.moderation.models import WordAction
from forum.moderation.services import Reason, Verdict, text_screen, word_list_replace
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def screen(text: str) -> tuple[Verdict, tuple[Reason, ...]]:
    result = text_screen(text=text, pre_moderated=False)
    return result.verdict, result.reasons


# language -> (a blocked word in a sentence, variant spellings of blocked words)
BLOCKED = {
    "ar": ("انت شرموطة", ["شَرْمُوطَـــة", "يا sharmouta", "كُسّ أُمّك", "KOS OMAK", "قحبه"]),
    "so": ("waskaa yahay", ["DHILLO", "naag dhillo ah", "Khaniis"]),
    "ti": ("ንሳ ሽርሙጣ እያ", ["ሸርሙጣ", "Shermuta"]),
    "fa": ("جنده", ["مادر\u200cجنده", "کس\u200cکش", "كس ننت", "Koskesh"]),
    "tr": ("sen bir orospusun orospu", ["OROSPU ÇOCUĞU", "orospu cocugu", "İBNE", "amcik"]),
}
HELD = {
    "ar": ("انت غبي جدا", ["غَبِيّ", "سأقتلك", "سَأَقْتُلُكَ", "فيه حشيش"]),
    "so": ("waa doqon", ["DOQON", "waan ku dilayaa", "bastoolad"]),
    "ti": ("ንስኻ ዓሻ ኢኻ", ["ክቐትለካ እየ", "ሽጉጥ", "ሓሺሽ"]),
    "fa": ("می\u200cکشمت", ["میکشمت", "مي كشمت", "مىكشمت", "اسلحه دارم"]),
    "tr": ("siktir git", ["SİKTİR", "SIKTIR", "amk ya", "seni öldürürüm", "seni oldururum"]),
}
# Ordinary sentences about a youth centre and a neighbourhood; each must publish. Several
# carry a word that is harmless here but close to a listed one (کس "someone", "adım" "step",
# "sokakta" "in the street", "رقم" "number").
NORMAL = {
    "ar": [
        "نريد ملعب كرة قدم جديد في الحي وأماكن للجلوس",
        "أتمنى أن يفتح النادي يوم السبت أيضا",
        "الفكرة رقم 2 أفضل من الأولى",
        "أَحْمَد وَسَارَة يُحِبَّانِ الرَّسْمَ",
        "ولكن الفكرة الأولى أفضل للشباب والبنات",
    ],
    "so": [
        "Waxaan rabnaa garoon kubbadda cagta oo cusub iyo meelo lagu fadhiisto",
        "Xarunta dhalinyarada waa inay furan tahay sabtida",
        "Qaad kursiga oo soo fadhiiso",
    ],
    "ti": [
        "ሓድሽ ሜዳ ኩዕሶ እግሪ ንደሊ ኢና",
        "ክለብ መንእሰያት ቀዳመ ሰንበት ክኽፈት ኣለዎ",
    ],
    "fa": [
        "ما یک زمین فوتبال جدید و جای نشستن در محله می\u200cخواهیم",
        "هیچ کس نمی\u200cداند باشگاه کی باز است",
        "این ایده خیلی خوب است و کسی مخالف نیست",
        "ولی بچه\u200cها فکر بهتری دارند",
    ],
    "tr": [
        "Mahallede yeni bir futbol sahası ve oturacak yerler istiyoruz",
        "Gençlik merkezi cumartesi günleri de AÇIK olsun",
        "İlk adım olarak parkı temizleyelim",
        "Sokakta 3 tane çöp kutusu daha lazım",
    ],
    "sv": ["Vi fiskade sik i sjön", "Jag läste en bok om Göteborg", "Ingen kir eller mal här"],
    "en": ["I got a pic of the OC crew", "Was it fun? It was."],
}
PHONE = {
    "ar": "اتصل على ٠٧٠١٢٣٤٥٦٧",
    "so": "Ii soo wac +46 70 123 45 67",
    "ti": "ቁጽሪ ስልከይ 070-123 45 67 እዩ",
    "fa": "شماره\u200cام ۰۷۰-۱۲۳ ۴۵ ۶۷ است",
    "tr": "Beni ara ۰۷۰۱۲۳۴۵۶۷",
}
EMAIL = {
    "ar": "راسلني على sara.k@gmail.com",
    "so": "Iimayl ii soo dir hodan (at) example.com",
    "ti": "ኢመይለይ saba@example.se እዩ",
    "fa": "ایمیلم ali_r@hotmail.com است",
    "tr": "mailim ayse.y@outlook.com",
}
NAME = {
    "ar": "مرحبا اسمي سارة",
    "so": "Magacaygu waa Hodan",
    "ti": "ሰላም ስመይ ሳባ እዩ",
    "fa": "سلام اسم من سارا است",
    "tr": "Merhaba, benim adım Ayşe",
}
ADDRESS = {
    "ar": "أسكن في شارع Rinkebysvängen ١٢",
    "so": "Waxaan degganahay jidka Hjulsta 14",
    "ti": "ገዛና ኣብ ጎደና Rinkeby 12 እዩ",
    "fa": "خیابان Tensta، پلاک ۷",
    "tr": "Tensta sokak no 5",
}
LANGUAGES = ["ar", "so", "ti", "fa", "tr"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_blocked_word_blocks_the_text(language: str) -> None:
    sentence, _variants = BLOCKED[language]
    assert screen(sentence) == (Verdict.BLOCK, (Reason.BLOCKED_WORD,))


@pytest.mark.parametrize(
    ("language", "text"),
    [(language, variant) for language, (_s, variants) in BLOCKED.items() for variant in variants],
)
def test_a_blocked_word_blocks_in_other_spellings(language: str, text: str) -> None:
    assert screen(text)[0] == Verdict.BLOCK


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_held_word_holds_the_text(language: str) -> None:
    sentence, _variants = HELD[language]
    assert screen(sentence) == (Verdict.HOLD, (Reason.HELD_WORD,))


@pytest.mark.parametrize(
    ("language", "text"),
    [(language, variant) for language, (_s, variants) in HELD.items() for variant in variants],
)
def test_a_held_word_holds_in_other_spellings(language: str, text: str) -> None:
    assert screen(text) == (Verdict.HOLD, (Reason.HELD_WORD,))


@pytest.mark.parametrize(
    ("language", "text"),
    [(language, text) for language, texts in NORMAL.items() for text in texts],
)
def test_an_ordinary_sentence_publishes(language: str, text: str) -> None:
    assert screen(text) == (Verdict.PUBLISH, ())


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_phone_number_is_held_also_in_native_digits(language: str) -> None:
    verdict, reasons = screen(PHONE[language])
    assert verdict == Verdict.HOLD
    assert Reason.PHONE_NUMBER in reasons


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_email_address_is_held(language: str) -> None:
    assert screen(EMAIL[language]) == (Verdict.HOLD, (Reason.EMAIL,))


@pytest.mark.parametrize("language", LANGUAGES)
def test_my_name_is_is_held(language: str) -> None:
    assert screen(NAME[language]) == (Verdict.HOLD, (Reason.PERSONAL_NAME,))


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_address_around_a_street_name_is_held(language: str) -> None:
    assert screen(ADDRESS[language]) == (Verdict.HOLD, (Reason.STREET_ADDRESS,))


@pytest.mark.parametrize(
    ("text", "verdict"),
    [("والشرموطة", Verdict.BLOCK), ("بالحشيش", Verdict.HOLD), ("للمخدرات", Verdict.HOLD)],
)
def test_an_arabic_word_with_a_joined_and_or_the_still_matches(text: str, verdict: Verdict) -> None:
    assert screen(text)[0] == verdict


@pytest.mark.parametrize(
    "text", ["Waddada 2 km ayaa u jirta", "Sokak 5 dakika uzakta", "الشارع طوله 300 متر"]
)
def test_a_distance_along_a_street_is_not_an_address(text: str) -> None:
    assert screen(text) == (Verdict.PUBLISH, ())


@pytest.mark.parametrize("text", ["رقم البيت ١٢", "Tensta caddesi no: 12", "Hjulsta sk. 4"])
def test_more_ways_of_writing_an_address_are_held(text: str) -> None:
    assert screen(text) == (Verdict.HOLD, (Reason.STREET_ADDRESS,))


def test_a_personnummer_in_arabic_indic_digits_is_held() -> None:
    assert Reason.PERSONAL_NUMBER in screen("رقمي الشخصي ٠٧٠٣١٢-١٢٣٤")[1]


def test_swedish_my_name_is_is_held_like_the_other_languages() -> None:
    assert screen("Hej! Jag heter Sara och vill ha fler läxhjälpstider") == (
        Verdict.HOLD,
        (Reason.PERSONAL_NAME,),
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_can_replace_the_list_of_every_offered_language(language: str) -> None:
    youth_worker = UserFactory(roles=["youth_worker"])
    sentence, _variants = HELD[language]
    word_list_replace(language=language, action=WordAction.HOLD, words=[], actor=youth_worker)
    assert screen(sentence) == (Verdict.PUBLISH, ())
    word_list_replace(
        language=language, action=WordAction.HOLD, words=["grannkatten"], actor=youth_worker
    )
    assert screen("grannkatten")[0] == Verdict.HOLD


def test_word_list_replace_refuses_a_language_that_is_not_offered() -> None:
    youth_worker = UserFactory(roles=["youth_worker"])
    with pytest.raises(InvalidInput):
        word_list_replace(language="de", action=WordAction.HOLD, words=["x"], actor=youth_worker)
