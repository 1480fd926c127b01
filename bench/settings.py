"""Settings for the HTTP bench only (``DJANGO_SETTINGS_MODULE=bench.settings``).

Exactly the production settings plus one URL, the reference view (bench/urls.py), so the
reference runs in the same processes, behind the same middleware, as the hot requests it
is compared with. Nothing outside bench/ names this module: the reference view cannot exist
in a deployment unless someone points DJANGO_SETTINGS_MODULE here on purpose.
"""

from config.settings import *  # noqa: F403  (the whole production configuration)

ROOT_URLCONF = "bench.urls"
