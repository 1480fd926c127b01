"""Settings from the environment, with an embedded default.

With no variables at all Röstrum runs on SQLite and the in-memory channel layer in one
process (the demo and first-run path). DATABASE_URL switches to PostgreSQL, REDIS_URL to
channels_redis and the Redis cache. ROSTRUM_ENV=production refuses to start without
SECRET_KEY and ALLOWED_HOSTS.
"""

import ipaddress
from pathlib import Path

import django.conf.locale
import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from forum.core.languages import DEFAULT_LANGUAGE
from forum.core.languages import LANGUAGES as ALL_LANGUAGES
from forum.core.roles import Role

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

ROSTRUM_ENV = env.str("ROSTRUM_ENV", default="development")
PRODUCTION = ROSTRUM_ENV == "production"

if PRODUCTION:
    # Fail loudly: a production server must never fall back to a known key or open hosts.
    if not env.str("SECRET_KEY", default=""):
        raise ImproperlyConfigured("SECRET_KEY must be set when ROSTRUM_ENV=production")
    if not env.list("ALLOWED_HOSTS", default=[]):
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when ROSTRUM_ENV=production")
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
    DEBUG = False
else:
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-not-for-production")
    ALLOWED_HOSTS = env.list(
        "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"]
    )
    DEBUG = env.bool("DEBUG", default=False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "axes",
    # Staff two-step verification: app codes (TOTP) and recovery codes (decision 0054).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "forum.core",
    "forum.participation",
    "forum.polls",
    "forum.live",
    "forum.council",
    "forum.moderation",
    "forum.ideas",
    "forum.budgets",
    "api",
    "config",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "api.security.PermissionsPolicyMiddleware",
    # WhiteNoise, async-capable: the chain stays async under uvicorn (one thread hop).
    "api.static.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, choosing by the languages registry (api/request_language.py).
    "api.request_language.RequestLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # django-otp's middleware plus the mark every role check reads (api/auth/mfa.py).
    "api.auth.mfa.SecondStepMiddleware",
    # Who acts, for the staff audit log; records every file sent to staff (decision 0055).
    "api.audit_context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
SQLITE_PATH = env.str("SQLITE_PATH", default=str(BASE_DIR / "var" / "rostrum.sqlite3"))
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL",
        default=f"sqlite:///{SQLITE_PATH}",
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(SQLITE_PATH).parent.mkdir(parents=True, exist_ok=True)
    # IMMEDIATE transactions serialise writers instead of failing with "database is locked"
    # when several phones vote at the same moment on the embedded default.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    # A file (not :memory:) so that test servers started in subprocesses share it.
    DATABASES["default"]["TEST"] = {
        "NAME": env.str("SQLITE_TEST_PATH", default=str(BASE_DIR / "var" / "test.sqlite3"))
    }
else:
    # A psycopg pool per worker process by default: a new PostgreSQL connection per request
    # costs ~8.5 ms of database CPU, and a connection kept per thread (CONN_MAX_AGE > 0)
    # outlives its request under the ASGI handler (a thread per request). Pooled connections
    # are lent per request and per socket batch, checked before each lend; a worker never
    # holds more than DB_POOL_MAX_SIZE, so N workers need max_connections >= N x that + a
    # few (migrations, admin). DB_POOL_MAX_SIZE=0: a connection per request (CONN_MAX_AGE).
    # See docs/decisions/0033-database-connections.md.
    DATABASES["default"].setdefault("OPTIONS", {})
    DB_POOL_MAX_SIZE = env.int("DB_POOL_MAX_SIZE", default=10)
    if DB_POOL_MAX_SIZE > 0:
        from psycopg_pool import ConnectionPool

        DATABASES["default"]["CONN_MAX_AGE"] = 0  # Django refuses pooling with persistence
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": env.int("DB_POOL_MIN_SIZE", default=2),
            "max_size": DB_POOL_MAX_SIZE,
            "timeout": env.float("DB_POOL_TIMEOUT", default=10.0),
            "check": ConnectionPool.check_connection,
        }
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# --- Channel layer and cache --------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            # Pub/sub layer: a group send is one PUBLISH however many members it has, and
            # nothing needs to be stored because every client resyncs from a full snapshot.
            # See docs/decisions/0002-channel-layer.md.
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_URL],
                "prefix": env.str("CHANNEL_PREFIX", default="rostrum"),
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "config.cache.ProcessRedisCache",  # one connection pool per process
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_PREFIX", default="rostrum"),
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Reverse proxies -------------------------------------------------------------------------
# Networks (CIDR) or addresses of our own reverse proxies, comma-separated; default none.
# The only proxy setting: uvicorn gets it as --forwarded-allow-ips (Dockerfile, Makefile),
# the login lockout and the rate limits through api.proxies.client_ip.
# See docs/decisions/0026-trusted-proxies.md.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

# Whether `manage.py flush` may empty the append-only audit log. Only the test suite turns
# it on (tests/conftest.py), for transactional tests' teardown; anywhere else the log's
# triggers refuse the flush and nothing is emptied (docs/decisions/0055-audit-log.md).
AUDIT_LOG_FLUSHABLE = False
for _retired in ("PROXY_COUNT", "FORWARDED_ALLOW_IPS"):
    # A second knob that silently disagreed with the first is how the lockout was bypassed.
    if env.str(_retired, default=""):
        raise ImproperlyConfigured(f"{_retired} is replaced by TRUSTED_PROXIES (see README.md)")
try:
    for _proxy in TRUSTED_PROXIES:
        ipaddress.ip_network(_proxy.strip(), strict=False)
except ValueError as exc:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {exc}") from exc

# --- Auth -----------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Brute-force lockout on staff login: 5 failures per username+IP lock for 15 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# The client's address behind our own reverse proxies, for axes as for the DRF throttles.
AXES_CLIENT_IP_CALLABLE = "api.proxies.client_ip"
# Two-step verification: officials and admins must, youth workers may (decision 0054).
# Wrong codes count in axes like wrong passwords; the devices also slow down on their own.
OTP_TOTP_ISSUER = "Röstrum"

# --- City login (OpenID Connect), optional ------------------------------------------------------
# Staff may also sign in with the city's account (mozilla-django-oidc); local accounts keep
# working. Off by default: then no OIDC URL exists. See docs/decisions/0057-city-login.md.
OIDC_ENABLED = env.bool("OIDC_ENABLED", default=False)
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
# The provider's endpoints, as its /.well-known/openid-configuration lists them (read from
# the environment, not fetched at start-up: a provider that is down must not stop Röstrum).
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
# The claim (ID token or userinfo) listing the user's groups at the provider.
OIDC_GROUPS_CLAIM = env.str("OIDC_GROUPS_CLAIM", default="groups")
# Provider group → Röstrum role, "group=role,group=role"; a login with none of these groups
# is refused, and the roles are set from the groups at every login.
OIDC_ROLE_GROUPS: dict[str, str] = {}
for _item in env.list("OIDC_ROLE_GROUPS", default=[]):
    _group, _equals, _role = (part.strip() for part in _item.rpartition("="))
    if not _equals or not _group or _role not in {role.value for role in Role}:
        raise ImproperlyConfigured(
            f"OIDC_ROLE_GROUPS: {_item!r} is not group=role with a role among "
            + ", ".join(role.value for role in Role)
        )
    OIDC_ROLE_GROUPS[_group] = _role
# Whether a city login counts as the second step (decision 0057): "amr" (the ID token's amr
# claim names one of OIDC_MFA_AMR_VALUES), "always" (the provider enforces MFA itself),
# "never" (staff verify with their own app after the city login too).
OIDC_SATISFIES_MFA = env.str("OIDC_SATISFIES_MFA", default="amr")
OIDC_MFA_AMR_VALUES = env.list("OIDC_MFA_AMR_VALUES", default=["mfa", "otp"])
if OIDC_SATISFIES_MFA not in {"amr", "always", "never"}:
    raise ImproperlyConfigured("OIDC_SATISFIES_MFA must be amr, always or never")
# "login" makes the provider ask for the password every time, even with a session of its own
# in the browser: logging out of Röstrum on a youth centre's shared laptop must not leave the
# next person one click from the previous one's account. Empty: single sign-on.
OIDC_PROMPT = env.str("OIDC_PROMPT", default="login")
OIDC_AUTH_REQUEST_EXTRA_PARAMS = {"prompt": OIDC_PROMPT} if OIDC_PROMPT else {}
# Fixed choices: PKCE on top of the client secret, and back to the staff page afterwards.
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL = "/staff"
LOGIN_REDIRECT_URL_FAILURE = "/staff?city_login=failed"
OIDC_AUTHENTICATION_BACKEND = "api.auth.oidc.CityLoginBackend"
if OIDC_ENABLED:
    _missing = [
        name
        for name in (
            "OIDC_RP_CLIENT_ID",
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
            "OIDC_ROLE_GROUPS",
        )
        if not globals()[name]
    ]
    if _missing:
        raise ImproperlyConfigured("OIDC_ENABLED needs " + ", ".join(_missing))
    AUTHENTICATION_BACKENDS.append(OIDC_AUTHENTICATION_BACKEND)

# --- I18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = DEFAULT_LANGUAGE
# Names in the language's own words (the switcher shows them so, whatever the page's language).
LANGUAGES = [(language.code, language.native_name) for language in ALL_LANGUAGES]
# Django knows Arabic, Persian and Turkish; Somali and Tigrinya are added to its table here
# (get_language_info and the bidi flag read it).
django.conf.locale.LANG_INFO |= {
    language.code: {
        "bidi": language.direction == "rtl",
        "code": language.code,
        "name": language.english_name,
        "name_local": language.native_name,
    }
    for language in ALL_LANGUAGES
}
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date and number formats for Somali and Tigrinya (Django has the others): config/formats/.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# --- Static files and the built frontend ------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
FRONTEND_DIST = BASE_DIR / "frontend" / "dist"
STATICFILES_DIRS = [FRONTEND_DIST] if FRONTEND_DIST.exists() else []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # collectstatic writes a .gz and a .br (Brotli) beside each compressible file, in
    # `make run`, `make frontend` and the Docker image alike; WhiteNoise serves the one the
    # browser accepts. Vite hashes the names, so no manifest storage is needed for them.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Finders (uncompressed, straight from frontend/dist) only until static files are collected:
# they would shadow the compressed copies, and no STATIC_ROOT is what WhiteNoise warns about.
WHITENOISE_USE_FINDERS = env.bool(
    "WHITENOISE_USE_FINDERS", default=not PRODUCTION and not STATIC_ROOT.is_dir()
)
WHITENOISE_IMMUTABLE_FILE_TEST = r"^.+[.-][0-9a-zA-Z_-]{8,12}\..+$"

# --- HTTP limits and security -------------------------------------------------------------
# A vote is a few dozen bytes: anything far larger is refused before it is parsed.
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=16 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy on every response (Django's own middleware). The built app has
# no inline script or style; Django's admin and the API docs use the per-request nonce.
# 'self' in connect-src covers ws:/wss: to the same host (CSP level 3). See
# docs/decisions/0027-content-security-policy.md.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "serial",
        "hid",
        "midi",
        "magnetometer",
        "gyroscope",
        "accelerometer",
        "display-capture",
        "browsing-topics",
    )
}
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Websocket origins allowed besides the request's own host (scheme://host[:port]).
WEBSOCKET_ALLOWED_ORIGINS = env.list("WEBSOCKET_ALLOWED_ORIGINS", default=[])

# --- Participants -----------------------------------------------------------------------------
PARTICIPANT_COOKIE_NAME = "rostrum_participant"
PARTICIPANT_COOKIE_MAX_AGE = 60 * 60 * 24 * 365
PARTICIPANT_COOKIE_SECURE = PRODUCTION
# Public base URL used in join links and QR codes; empty means "the request's own host".
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="")
# Personal codes that move a phone's history to another phone (docs/decisions/0031).
PERSONAL_CODE_MAX_AGE_DAYS = 365  # as long as the participant cookie lives
# Wrong codes a device may try before it is locked out for a while (per cookie, else per IP).
PERSONAL_CODE_MAX_FAILURES = env.int("PERSONAL_CODE_MAX_FAILURES", default=5)
PERSONAL_CODE_LOCKOUT_SECONDS = env.int("PERSONAL_CODE_LOCKOUT_SECONDS", default=15 * 60)

# --- Web push ("you said, we did" notices to phones; docs/decisions/0058) ------------------------
# All three set: phones may opt in. VAPID keys: `vapid --gen`/`vapid --applicationServerKey`,
# or any P-256 key pair; the public key as base64url of the uncompressed point, the private
# key as base64url of its 32 raw bytes (or base64url DER).
VAPID_PUBLIC_KEY = env.str("VAPID_PUBLIC_KEY", default="")
VAPID_PRIVATE_KEY = env.str("VAPID_PRIVATE_KEY", default="")
VAPID_SUBJECT = env.str("VAPID_SUBJECT", default="")
# Push services a browser's endpoint may point at (scheme://host, "*." for any subdomain):
# the server POSTs to that address, so it never goes where a phone merely says.
WEB_PUSH_SERVICES = env.list(
    "WEB_PUSH_SERVICES",
    default=[
        "https://fcm.googleapis.com",
        "https://*.push.services.mozilla.com",
        "https://*.push.apple.com",
        "https://*.notify.windows.com",
    ],
)

# --- Realtime -----------------------------------------------------------------------------------
# Results go out as coalesced snapshots at most this often per live session and process.
LIVE_SNAPSHOT_INTERVAL_SECONDS = env.float("LIVE_SNAPSHOT_INTERVAL_SECONDS", default=0.15)
LIVE_PRESENCE_INTERVAL_SECONDS = env.float("LIVE_PRESENCE_INTERVAL_SECONDS", default=1.0)
# Writes (answers, Q&A) a phone may send over its websocket per second (bursts of twice that).
LIVE_SOCKET_WRITES_PER_SECOND = env.float("LIVE_SOCKET_WRITES_PER_SECOND", default=5.0)

# --- REST framework -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.LimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [],
    "DEFAULT_THROTTLE_RATES": {
        # Phones without a cookie yet can only be told apart by IP, and a school hall shares
        # one: generous enough for a hall joining at once, still a brake on scripted floods.
        "join": env.str("THROTTLE_JOIN", default="1200/min"),
        "vote": env.str("THROTTLE_VOTE", default="120/min"),
        "qa": env.str("THROTTLE_QA", default="20/min"),
        "login": env.str("THROTTLE_LOGIN", default="30/min"),
        "staff_write": env.str("THROTTLE_STAFF_WRITE", default="300/min"),
        # Two-step verification (codes, setting up an app): per staff user.
        "mfa": env.str("THROTTLE_MFA", default="30/min"),
        # Voting codes: a brake on guessing (codes have ~50 bits, this only slows scripts).
        "voting_code": env.str("THROTTLE_VOTING_CODE", default="20/min"),
        # Personal codes (50 bits): per device, and per IP for every device behind it together
        # (a guesser drops cookies); a hall moving a few phones stays well below.
        "personal_code": env.str("THROTTLE_PERSONAL_CODE", default="10/min"),
        "personal_code_ip": env.str("THROTTLE_PERSONAL_CODE_IP", default="60/hour"),
        # Ideas, comments and reports: free text a person types, so far fewer than votes.
        "ideas": env.str("THROTTLE_IDEAS", default="30/min"),
        # Result files (a PDF render takes real CPU): per staff user.
        "export": env.str("THROTTLE_EXPORT", default="30/min"),
        # Opting in and out of notices: a phone does it once in a while.
        "push": env.str("THROTTLE_PUSH", default="20/min"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Röstrum API",
    "DESCRIPTION": "Youth participation: polls, live sessions, council routing. "
    "Errors always have the shape {code, message, fields}. The websocket protocol is "
    "described in docs/realtime.md.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI assets served from our own static files: no CDN, works offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "PollStatusEnum": "forum.polls.models.PollStatus",
        "PlanningItemStatusEnum": "forum.council.models.PlanningItemStatus",
        "MeetingStateEnum": "forum.council.models.MeetingState",
        # Several serializers have a "kind" or "state" field: name each choice set once.
        "QuestionKindEnum": "forum.polls.models.QuestionKind",
        "ActivityKindEnum": "forum.live.models.ActivityKind.values",
        "LiveSessionStateEnum": "forum.live.models.LiveSessionState.values",
        "ApproveOrHideEnum": [("approve", "approve"), ("hide", "hide")],
        # Named once each, so `check --deploy --fail-level WARNING` stays clean.
        "LiveControlActionEnum": "api.live.serializers.CONTROL_ACTIONS",
        "HeldInputKindEnum": [("qa", "qa"), ("answer", "answer")],
        "InputUsageEnum": "forum.council.models.InputUsage",
        "ProposalStatusEnum": "forum.budgets.models.ProposalStatus.values",
        "ImplementationStatusEnum": "forum.budgets.models.ImplementationStatus.values",
    },
    # The path converters of api/converters.py, described as what they accept.
    "PATH_CONVERTER_OVERRIDES": {
        "id": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1},
        "poll_action": {
            "type": "string",
            "enum": ["open", "close", "schedule", "archive", "reveal"],
        },
        "poll_export": {"type": "string", "enum": ["results.csv", "results.xlsx", "raw.csv"]},
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AXES_LOCKOUT_CALLABLE = "api.auth.views.lockout_response"
