"""Persian: Arabic script with Persian letters (ی/ي and ک/ك match alike; a zero-width
non-joiner is ignored, so می‌کشمت matches میکشمت) plus Finglish (Latin) spellings.
کس alone is left out: it also means "someone" (هیچ کس)."""

BLOCK: list[str] = [
    # whore / "son of a whore"
    "جنده",
    "جنده خانم",
    "مادر جنده",
    "مادرجنده",
    "jende",
    "jendeh",
    "madar jende",
    "madarjende",
    "madar jendeh",
    # "your mother's ..." insults
    "کس ننت",
    "کس ننه",
    "کسننت",
    "kos nanat",
    "kose nanat",
    "kos nane",
    "کس خواهرت",
    "kos khaharet",
    "کسکش",
    "کس کش",
    "koskesh",
    "kos kesh",
    "کیر",
    "کیرم",
    "kiram",
    # anti-gay slur
    "کونی",
    "kooni",
    # racist slur
    "کاکاسیاه",
    "کاکا سیاه",
    # rape
    "تجاوز میکنم",
]

HOLD: list[str] = [
    # swearing
    "گوه",
    "گه خوردی",
    "گوه خوردی",
    "goh khordi",
    "kesafat",
    "کیری",
    "کثافت",
    "عوضی",
    "avazi",
    "لعنتی",
    "احمق",
    "بی شرف",
    "بیشرف",
    "bisharaf",
    "بی ناموس",
    "بیناموس",
    "binamoos",
    "khafe sho",
    "pedar sag",
    "پدرسگ",
    "پدر سگ",
    "خفه شو",
    # threats
    "میکشمت",
    "می کشمت",
    "mikoshamet",
    "بکشمت",
    # weapons
    "اسلحه",
    "تفنگ",
    "بمب",
    "چاقو میزنم",
    # drugs
    "حشیش",
    "تریاک",
    "مواد مخدر",
    "گراس",
    "شیشه میکشم",
]
