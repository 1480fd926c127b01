"""The standard question sets staff start a poll from: measurement points and formats.

The measurement set asks the same few agree-scale statements every year (or after a
process), each tagged with a stable measure code (``Question.measure``) so answers can be
compared across years and forums. The codes and the order of the answer options are a
contract with every stored answer: never rename a code or reorder options; change a text
only by raising ``MEASURES_VERSION`` (docs/decisions/0053-measurement-points.md).

Development areas are named by their codes (``structures``, ``mandate``, ``feedback``, the
council's ``DevelopmentArea``); polls sit below council, so the codes are written here.
Trust belongs to no single area: its ``area`` is ``None``.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

MEASURES_VERSION = 1


class Measure(models.TextChoices):
    """What a tagged question measures; stored on ``Question.measure``."""

    KNOW_WHERE_TO_SPEAK = "know_where_to_speak", _("Knows where to say what they think")
    REAL_SAY = "real_say", _("Young people get a real say")
    TAKEN_SERIOUSLY = "taken_seriously", _("Believes their opinions are taken seriously")
    HEAR_BACK = "hear_back", _("Hears what happens with what they say")
    TRUST = "trust", _("Trusts the district")
    FORMAT_PREFERENCE = "format_preference", _("How they want to take part")
    TIME_PREFERENCE = "time_preference", _("When they want to take part")


class PollTemplate(models.TextChoices):
    MEASURES = "measures", _("Measurement point: participation and trust")
    FORMATS = "formats", _("How do you want to take part?")


class Occasion(models.TextChoices):
    YEARLY = "yearly", _("Yearly")
    AFTER_PROCESS = "after_process", _("After a process")


# Translations hold every language but Swedish, which is the stored source text.
Texts = dict[str, str]


@dataclass(frozen=True)
class TemplateOption:
    code: str
    sv: str
    translations: Texts


@dataclass(frozen=True)
class TemplateQuestion:
    measure: Measure
    # The development area's code, or None (trust is about the district as a whole).
    area: str | None
    sv: str
    translations: Texts
    options: tuple[TemplateOption, ...]
    multiple: bool = False


# The agree scale, 1–5 then "don't know": positions 0–4 are the scale values 1–5.
AGREE_SCALE: tuple[TemplateOption, ...] = (
    TemplateOption(
        "1",
        "Håller inte alls med",
        {
            "en": "Strongly disagree",
            "ar": "لا أوافق إطلاقًا",
            "so": "Gabi ahaanba kuma raacsani",
            "ti": "ፈጺመ ኣይሰማማዕን",
            "fa": "کاملاً مخالفم",
            "tr": "Hiç katılmıyorum",
        },
    ),
    TemplateOption(
        "2",
        "Håller inte med",
        {
            "en": "Disagree",
            "ar": "لا أوافق",
            "so": "Kuma raacsani",
            "ti": "ኣይሰማማዕን",
            "fa": "مخالفم",
            "tr": "Katılmıyorum",
        },
    ),
    TemplateOption(
        "3",
        "Varken eller",
        {
            "en": "Neither agree nor disagree",
            "ar": "لا أوافق ولا أعارض",
            "so": "Dhexdhexaad",
            "ti": "ማእከላይ",
            "fa": "نه موافقم نه مخالف",
            "tr": "Ne katılıyorum ne katılmıyorum",
        },
    ),
    TemplateOption(
        "4",
        "Håller med",
        {
            "en": "Agree",
            "ar": "أوافق",
            "so": "Waan ku raacsanahay",
            "ti": "እሰማማዕ",
            "fa": "موافقم",
            "tr": "Katılıyorum",
        },
    ),
    TemplateOption(
        "5",
        "Håller helt med",
        {
            "en": "Strongly agree",
            "ar": "أوافق تمامًا",
            "so": "Aad baan ugu raacsanahay",
            "ti": "ብጣዕሚ እሰማማዕ",
            "fa": "کاملاً موافقم",
            "tr": "Tamamen katılıyorum",
        },
    ),
    TemplateOption(
        "dont_know",
        "Vet inte",
        {
            "en": "Don't know",
            "ar": "لا أعرف",
            "so": "Ma garanayo",
            "ti": "ኣይፈልጥን",
            "fa": "نمی‌دانم",
            "tr": "Bilmiyorum",
        },
    ),
)
# Positions of "agree" (4) and "strongly agree" (5) on the agree scale.
AGREE_POSITIONS = frozenset({3, 4})
DONT_KNOW_POSITION = 5

MEASURE_QUESTIONS: tuple[TemplateQuestion, ...] = (
    TemplateQuestion(
        Measure.KNOW_WHERE_TO_SPEAK,
        "structures",
        "Jag vet var jag kan säga vad jag tycker om det som händer i stadsdelen.",
        {
            "en": "I know where I can say what I think about what happens in the district.",
            "ar": "أعرف أين يمكنني أن أقول رأيي فيما يحدث في الحي.",
            "so": "Waan ogahay meesha aan ka dhihi karo waxa aan ka qabo waxa ka dhaca xaafadda.",
            "ti": "ብዛዕባ ኣብ ከባቢና ዝኸውን ነገራት ሓሳበይ ኣበይ ክገልጽ ከም ዝኽእል እፈልጥ እየ።",
            "fa": "می‌دانم کجا می‌توانم نظرم را دربارهٔ آنچه در محله اتفاق می‌افتد بگویم.",
            "tr": "Semtte olup bitenler hakkında ne düşündüğümü nerede "
            "söyleyebileceğimi biliyorum.",
        },
        AGREE_SCALE,
    ),
    TemplateQuestion(
        Measure.REAL_SAY,
        "mandate",
        "Unga får vara med och bestämma på riktigt.",
        {
            "en": "Young people really get to take part in deciding.",
            "ar": "الشباب يشاركون فعلًا في اتخاذ القرار.",
            "so": "Dhalinyaradu si dhab ah ayay uga qayb qaataan go'aan qaadashada.",
            "ti": "መንእሰያት ብሓቂ ኣብ ውሳነ ይሳተፉ እዮም።",
            "fa": "جوانان واقعاً در تصمیم‌گیری شرکت دارند.",
            "tr": "Gençler gerçekten karar vermeye katılabiliyor.",
        },
        AGREE_SCALE,
    ),
    TemplateQuestion(
        Measure.TAKEN_SERIOUSLY,
        "feedback",
        "Jag tror att mina åsikter tas på allvar av stadsdelen.",
        {
            "en": "I believe the district takes my opinions seriously.",
            "ar": "أعتقد أن إدارة الحي تأخذ آرائي بجدية.",
            "so": "Waxaan aaminsanahay in degmadu ay aragtiyadayda si dhab ah u qaadato.",
            "ti": "ምምሕዳር ከባቢ ንርእይቶታተይ ብዕቱብ ከም ዝወስዶ እኣምን እየ።",
            "fa": "فکر می‌کنم ادارهٔ منطقه نظرات مرا جدی می‌گیرد.",
            "tr": "Semt yönetiminin görüşlerimi ciddiye aldığına inanıyorum.",
        },
        AGREE_SCALE,
    ),
    TemplateQuestion(
        Measure.HEAR_BACK,
        "feedback",
        "Jag får veta vad som händer med det jag säger.",
        {
            "en": "I get to know what happens with what I say.",
            "ar": "يتم إخباري بما يحدث لما أقوله.",
            "so": "Waa la ii sheegaa waxa ku dhaca waxa aan idhaahdo.",
            "ti": "ብዛዕባ እቲ ዝበልክዎ እንታይ ከም ዝኾነ ይሕበረኒ እዩ።",
            "fa": "به من می‌گویند با حرف‌هایم چه می‌شود.",
            "tr": "Söylediklerime ne olduğunu öğreniyorum.",
        },
        AGREE_SCALE,
    ),
    TemplateQuestion(
        Measure.TRUST,
        None,
        "Jag litar på stadsdelen.",
        {
            "en": "I trust the district.",
            "ar": "أثق بإدارة الحي.",
            "so": "Waan ku kalsoonahay degmada.",
            "ti": "ኣብ ምምሕዳር ከባቢ እምነት ኣለኒ።",
            "fa": "به ادارهٔ منطقه اعتماد دارم.",
            "tr": "Semt yönetimine güveniyorum.",
        },
        AGREE_SCALE,
    ),
)

FORMAT_OPTIONS: tuple[TemplateOption, ...] = (
    TemplateOption(
        "live_meeting",
        "Möte på plats",
        {
            "en": "A meeting in person",
            "ar": "اجتماع حضوري",
            "so": "Kulan fool ka fool ah",
            "ti": "ኣካላዊ ኣኼባ",
            "fa": "جلسهٔ حضوری",
            "tr": "Yüz yüze toplantı",
        },
    ),
    TemplateOption(
        "phone_poll",
        "Enkät i mobilen",
        {
            "en": "A poll on my phone",
            "ar": "استطلاع على الهاتف",
            "so": "Sahan taleefanka ah",
            "ti": "ሕቶታት ብሞባይል",
            "fa": "نظرسنجی با گوشی",
            "tr": "Telefonda anket",
        },
    ),
    TemplateOption(
        "workshop",
        "Workshop",
        {
            "en": "A workshop",
            "ar": "ورشة عمل",
            "so": "Aqoon-is-weydaarsi",
            "ti": "ዎርክሾፕ",
            "fa": "کارگاه",
            "tr": "Atölye çalışması",
        },
    ),
    TemplateOption(
        "walk",
        "Promenad i området",
        {
            "en": "A walk in the area",
            "ar": "جولة مشي في المنطقة",
            "so": "Socod xaafadda ah",
            "ti": "ኣብ ከባቢ ምዝዋር",
            "fa": "پیاده‌روی در محله",
            "tr": "Mahallede yürüyüş",
        },
    ),
    TemplateOption(
        "online_board",
        "Idétavla på nätet",
        {
            "en": "An idea board online",
            "ar": "لوحة أفكار على الإنترنت",
            "so": "Looxa fikradaha ee internetka",
            "ti": "ናይ ሓሳባት ሰሌዳ ብኢንተርነት",
            "fa": "تابلوی ایده در اینترنت",
            "tr": "İnternette fikir panosu",
        },
    ),
)

TIME_OPTIONS: tuple[TemplateOption, ...] = (
    TemplateOption(
        "weekday_afternoons",
        "Vardagar efter skolan",
        {
            "en": "Weekdays after school",
            "ar": "أيام الأسبوع بعد المدرسة",
            "so": "Maalmaha shaqada kadib dugsiga",
            "ti": "ኣብ መዓልታት ስራሕ ድሕሪ ትምህርቲ",
            "fa": "روزهای هفته بعد از مدرسه",
            "tr": "Hafta içi okuldan sonra",
        },
    ),
    TemplateOption(
        "evenings",
        "Kvällar",
        {
            "en": "Evenings",
            "ar": "في المساء",
            "so": "Fiidkii",
            "ti": "ምሸታት",
            "fa": "عصرها و شب‌ها",
            "tr": "Akşamları",
        },
    ),
    TemplateOption(
        "weekends",
        "Helger",
        {
            "en": "Weekends",
            "ar": "عطلة نهاية الأسبوع",
            "so": "Dhammaadka toddobaadka",
            "ti": "ቀዳም ሰንበት",
            "fa": "آخر هفته‌ها",
            "tr": "Hafta sonları",
        },
    ),
    TemplateOption(
        "during_school",
        "Under skoltid",
        {
            "en": "During school time",
            "ar": "أثناء وقت المدرسة",
            "so": "Waqtiga dugsiga",
            "ti": "ኣብ ግዜ ትምህርቲ",
            "fa": "در ساعت مدرسه",
            "tr": "Okul saatlerinde",
        },
    ),
)

FORMAT_QUESTIONS: tuple[TemplateQuestion, ...] = (
    TemplateQuestion(
        Measure.FORMAT_PREFERENCE,
        "structures",
        "Hur vill du helst vara med och påverka? Välj gärna flera.",
        {
            "en": "How would you most like to take part and have a say? You can pick several.",
            "ar": "كيف تفضّل أن تشارك وتؤثّر؟ يمكنك اختيار أكثر من خيار.",
            "so": "Sidee ayaad jeclaan lahayd inaad uga qayb qaadato oo saameyn u yeelato? "
            "Waad dooran kartaa dhowr.",
            "ti": "ብኸመይ ክትሳተፍን ጽልዋ ክትገብርን ትደሊ? ልዕሊ ሓደ ክትመርጽ ትኽእል ኢኻ።",
            "fa": "بیشتر دوست داری چطور شرکت کنی و اثر بگذاری؟ می‌توانی چند گزینه انتخاب کنی.",
            "tr": "En çok nasıl katılmak ve söz sahibi olmak istersin? Birden fazla seçebilirsin.",
        },
        FORMAT_OPTIONS,
        multiple=True,
    ),
    TemplateQuestion(
        Measure.TIME_PREFERENCE,
        "structures",
        "När passar det dig bäst? Välj gärna flera.",
        {
            "en": "When does it suit you best? You can pick several.",
            "ar": "ما هو الوقت الأنسب لك؟ يمكنك اختيار أكثر من خيار.",
            "so": "Goorma ayaa kuugu habboon? Waad dooran kartaa dhowr.",
            "ti": "መዓስ እዩ ዝበለጸ ዝሰማማዓካ? ልዕሊ ሓደ ክትመርጽ ትኽእል ኢኻ።",
            "fa": "چه زمانی برایت بهتر است؟ می‌توانی چند گزینه انتخاب کنی.",
            "tr": "Sana en uygun zaman ne? Birden fazla seçebilirsin.",
        },
        TIME_OPTIONS,
        multiple=True,
    ),
)

TEMPLATE_QUESTIONS: dict[str, tuple[TemplateQuestion, ...]] = {
    PollTemplate.MEASURES: MEASURE_QUESTIONS,
    PollTemplate.FORMATS: FORMAT_QUESTIONS,
}

# Poll titles and intros are stored in Swedish, like every staff-written text.
TEMPLATE_TITLES: dict[str, str] = {
    PollTemplate.MEASURES: "Mätpunkt: delaktighet och förtroende",
    PollTemplate.FORMATS: "Hur vill du vara med?",
}
TEMPLATE_INTROS: dict[str, str] = {
    PollTemplate.MEASURES: "Fem korta frågor om hur det är att säga vad du tycker i stadsdelen. "
    "Vi ställer samma frågor varje år för att se om det blir bättre.",
    PollTemplate.FORMATS: "Vi vill veta hur och när du vill vara med, så att fler kan delta.",
}

SCALE_MEASURES: tuple[TemplateQuestion, ...] = MEASURE_QUESTIONS
MEASURE_AREA: dict[str, str | None] = {q.measure: q.area for q in MEASURE_QUESTIONS}


def template_question(measure: str) -> TemplateQuestion:
    for questions in TEMPLATE_QUESTIONS.values():
        for question in questions:
            if question.measure == measure:
                return question
    raise KeyError(measure)
