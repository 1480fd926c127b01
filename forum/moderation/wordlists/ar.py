"""Arabic: Arabic script (any hamza, tashkeel, tatweel or ة/ه spelling matches after
normalisation) plus the Latin spellings teenagers type (Arabizi)."""

BLOCK: list[str] = [
    # whore / son of a whore
    "شرموطة",
    "شرموطه",
    "شراميط",
    "sharmouta",
    "sharmuta",
    "sharmota",
    "charmouta",
    "charmuta",
    "قحبة",
    "قحاب",
    "qahba",
    "kahba",
    "9ahba",
    # "your mother's / sister's ..." insults
    "كس امك",
    "كسمك",
    "كس اختك",
    "كس اخت",
    "kos omak",
    "kos ommak",
    "kos emak",
    "kuss ummak",
    "kussomak",
    "kosomak",
    "kos okhtak",
    "kos ekhtak",
    "نيك امك",
    "منيوك",
    "منيوكة",
    "manyouk",
    "عرص",
    "معرص",
    "زب",
    "زبي",
    "zebi",
    # anti-gay slur
    "لوطي",
    # rape
    "اغتصاب",
    "اغتصبك",
]

HOLD: list[str] = [
    # swearing
    "يلعن ابوك",
    "يلعن دينك",
    "يلعن امك",
    "yel3an",
    "اللعنة",
    "تبا",
    "خرا",
    "خراء",
    "khara",
    "طيز",
    "ابن الحرام",
    "غبي",
    "غبية",
    "ya kalb",
    "ya hmar",
    "يا كلب",
    "يا حمار",
    "يا حيوان",
    # threats
    "اقتلك",
    "سأقتلك",
    "راح اقتلك",
    "بقتلك",
    "هقتلك",
    "اذبحك",
    "ذبحك",
    # weapons
    "مسدس",
    "سلاح",
    "قنبلة",
    # drugs
    "حشيش",
    "مخدرات",
    "hashish",
    "حبوب مخدرة",
    # gangs
    "عصابة",
]
