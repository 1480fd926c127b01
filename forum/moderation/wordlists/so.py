"""Somali: Latin script, as teenagers type it (with or without doubled vowels).
"was" alone (English), "qaad" ("take") and "dabo" ("tail") are left out: ordinary words."""

BLOCK: list[str] = [
    # whore
    "dhillo",
    "dhiilo",
    "dhilo",
    "naag dhillo",
    # sexual insults
    "waskaa",
    "wasmo",
    "hooyadaa was",
    "hooyadaa wasmo",
    "siil",
    "siilka hooyadaa",
    "kintir",
    "kintirka",
    "guska",
    # anti-gay slur
    "khaniis",
    "qaniis",
    # rape
    "kufsi",
]

HOLD: list[str] = [
    # swearing and insults
    "doqon",
    "doqonyahow",
    "nacas",
    "nacasyahow",
    "eeyahow",
    "dameerahow",
    "ilaahay ha ku gubo",
    # threats
    "waan ku dilayaa",
    "waan ku dili doonaa",
    "waan ku dili",
    # weapons
    "bastoolad",
    "bistoolad",
    "bambaano",
    # drugs
    "khat",
    "mukhaadaraad",
    "xashiish",
    # gangs
    "burcad",
]
