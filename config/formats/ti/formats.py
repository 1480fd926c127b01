# Tigrinya (ትግርኛ), after CLDR's "ti": the same conventions as Somali (day/month/year, a
# point for decimals, a comma between thousands, numeric dates because Django has no
# Tigrinya month names), so one module holds them.
from config.formats.so.formats import *  # noqa: F403
