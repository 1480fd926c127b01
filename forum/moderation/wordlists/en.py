"""English: slurs and severe abuse (block); swearing, threats, weapons, drugs (hold)."""

BLOCK: list[str] = [
    "nigger",
    "niggers",
    "nigga",
    "faggot",
    "fag",
    "retard",
    "retarded",
    "whore",
    "slut",
    "cunt",
    "rape",
    "rapist",
    "kys",
    "kill yourself",
]

HOLD: list[str] = [
    "fuck",
    "fucking",
    "shit",
    "bitch",
    "bastard",
    "asshole",
    "dick",
    "damn",
    "idiot",
    "stupid",
    "kill",
    "shoot",
    "stab",
    "bomb",
    "weed",
    "drugs",
    "gang",
    "loser",
]
