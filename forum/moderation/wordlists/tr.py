"""Turkish: Latin script. İ/I/ı/i and ç/ş/ğ/ü match their plain Latin letters after
normalisation, so "orospu çocuğu" also matches "orospu cocugu". "sik" (Swedish: whitefish),
"am", "mal" and "got" are left out: ordinary words in the other languages."""

BLOCK: list[str] = [
    # whore / son of a whore
    "orospu",
    "orospu çocuğu",
    "orosbu",
    "kahpe",
    "fahişe",
    "piç kurusu",
    # sexual insults
    "amcık",
    "amına koyayım",
    "amına koyim",
    "amına koyarım",
    "ananı sikeyim",
    "ananı sikerim",
    "anani sikim",
    "sikerim",
    "sikeyim",
    "sikik",
    "yarrak",
    "yarak",
    # anti-gay slurs
    "ibne",
    "götveren",
    # rape
    "tecavüz",
]

HOLD: list[str] = [
    # swearing
    "amk",
    "aq",
    "siktir",
    "siktir git",
    "göt",
    "şerefsiz",
    "haysiyetsiz",
    "gerizekalı",
    "salak",
    "aptal",
    "ahmak",
    "lanet olsun",
    "boktan",
    # threats
    "öldürürüm",
    "oldururum",
    "seni öldüreceğim",
    "öldüreceğim",
    "oldurecegim",
    "bıçaklarım",
    "vururum",
    # weapons
    "silah",
    "tabanca",
    "bomba",
    # drugs
    "esrar",
    "uyuşturucu",
    "bonzai",
    "eroin",
    "kokain",
    # gangs and a racist word
    "çete",
    "zenci",
]
