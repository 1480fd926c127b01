"""Tigrinya: Ethiopic script (no case, no combining marks in ordinary text) plus Latin
spellings. Ethiopic spelling varies (ሸ/ሽ, ሓ/ሐ): the common variants are listed."""

BLOCK: list[str] = [
    # whore
    "ሽርሙጣ",
    "ሸርሙጣ",
    "ሽርሙጥ",
    "ሸርሙጥ",
    "ጋለሞታ",
    "shermuta",
    "shermuta adeka",
]

HOLD: list[str] = [
    # swearing and insults
    "ዓሻ",
    "ዓሻ ኢኻ",
    "ደደብ",
    "dedeb",
    "ርጉም",
    "ከልቢ ኢኻ",
    "ከልቢ ኢኺ",
    "ሓማር ኢኻ",
    # a slur for people of darker skin ("slave"); also literal in history: held, not blocked
    "ባርያ",
    # sexual violence
    "ጾታዊ ዓመጽ",
    # threats
    "ክቐትለካ እየ",
    "ክቐትለኪ እየ",
    "ክቐትለካ",
    "ክቐትለኪ",
    "ቕተሎ",
    # weapons
    "ሽጉጥ",
    "ቦምባ",
    # drugs
    "ሓሺሽ",
    "ሐሺሽ",
    "ኣደንዛዚ ዕፅ",
]
