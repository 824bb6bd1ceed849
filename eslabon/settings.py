"""Django settings, one module, driven by the environment (django-environ).

Defaults are safe for the embedded demo (SQLite in ESLABON_DATA_DIR, console e-mail,
tasks run in process); production sets DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS and the
broker, and `manage.py check --deploy` is clean with ESLABON_PRODUCTION=1.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent

env = environ.Env()

DATA_DIR = Path(env.str("ESLABON_DATA_DIR", default="var")).resolve()
PRODUCTION = env.bool("ESLABON_PRODUCTION", default=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# The embedded default key is only for the local demo; production refuses to start without one.
SECRET_KEY = (
    env.str("SECRET_KEY")
    if PRODUCTION
    else env.str("SECRET_KEY", default="eslabon-embedded-demo-key-not-for-production-0123456789")
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "template_partials",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "eslabon.accounts",
    "eslabon.registry",
    "eslabon.jobs",
    "eslabon.discovery",
    "eslabon.readiness",
    "eslabon.hub",
    "eslabon.matching",
    "eslabon.events",
    "eslabon.programmes",
    "eslabon.origin",
    "eslabon.declarations",
    "eslabon.analytics",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # A user with a second factor sees nothing but the code page until the code is entered.
    "eslabon.accounts.middleware.TwoFactorMiddleware",
    # Axes last: it turns a locked-out login into a clear lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "eslabon.urls"
WSGI_APPLICATION = "eslabon.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "eslabon.registry.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'eslabon.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections: opening a PostgreSQL connection per request (a new server process,
# authentication) cost more than many of the pages' queries; checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("ESLABON_DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if env.str("ESLABON_TEST_DATABASE_NAME", default=""):
    # Lets parallel test runs on one PostgreSQL server use separate test databases.
    DATABASES["default"]["TEST"] = {"NAME": env.str("ESLABON_TEST_DATABASE_NAME")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database lives in the data folder; create it so a first run just works.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets the demo server read while an import writes; a busy timeout avoids spurious locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses logins of locked-out users first
    "django.contrib.auth.backends.ModelBackend",
]
# Login rate limiting: after 5 failures for one account from one address, lock for 1 hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the login form posts the e-mail as "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0)

# Two-factor authentication (docs/security.md): optional for operators and buyers, mandatory
# for the roles listed here (operator, buyer, supplier, admin = Django staff).
ESLABON_REQUIRE_2FA_FOR = env.list("ESLABON_REQUIRE_2FA_FOR", default=[])
OTP_TOTP_ISSUER = "Eslabón"
# After each wrong code a device waits 2^(n-1) seconds before it checks another.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Content-Security-Policy: only this site's own scripts, styles and images; no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", "Español (México)"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Collected static files (production); the demo serves them from the apps through WhiteNoise.
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "static"))) if PRODUCTION else None
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
# Uploaded files live outside the web root and are served only through permission checks.
MEDIA_ROOT = DATA_DIR / "uploads"
# No URL route serves MEDIA_URL: files go out only through views that check permissions.
MEDIA_URL = "/uploads-not-served/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
ESLABON_MAX_UPLOAD_BYTES = env.int("ESLABON_MAX_UPLOAD_BYTES", default=25 * 1024 * 1024)
# Registry files larger than this are imported by a background job (registry/jobs.py).
ESLABON_IMPORT_INLINE_BYTES = env.int("ESLABON_IMPORT_INLINE_BYTES", default=1024 * 1024)
# DENUE files uploaded for import (the national file is about 1.5 GB uncompressed).
ESLABON_MAX_DENUE_UPLOAD_BYTES = env.int("ESLABON_MAX_DENUE_UPLOAD_BYTES", default=2 * 1024**3)
# Map tiles for the discovery map: a URL template such as https://tiles.example/{z}/{x}/{y}.png.
# Empty (the default, and the demo, which has no internet): points on a blank background.
ESLABON_MAP_TILE_URL = env.str("ESLABON_MAP_TILE_URL", default="")
ESLABON_MAP_TILE_ATTRIBUTION = env.str("ESLABON_MAP_TILE_ATTRIBUTION", default="")
# Analytics seen by buyers and suppliers withhold a cell describing fewer other companies.
ESLABON_ANALYTICS_MIN_CELL = env.int("ESLABON_ANALYTICS_MIN_CELL", default=3)
if ESLABON_MAP_TILE_URL:
    # The tile server's origin must be allowed to serve images ({s} subdomains as a wildcard).
    _tiles = urlsplit(ESLABON_MAP_TILE_URL.replace("{s}", "*"))
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Eslabón <no-reply@eslabon.local>")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Eslabón API",
    "DESCRIPTION": "Supplier registry, requirements and quotes of the Eslabón hub.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the vendored sidecar package: nothing is loaded from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name for the PPAP level choices used by requirements and PPAP submissions.
    "ENUM_NAME_OVERRIDES": {"PpapLevelEnum": "eslabon.hub.choices.PpapLevel"},
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Matching: the programme's weights of the ranking's components (JSON), over the documented
# defaults of docs/matching.md; a requirement's own weights win over these.
ESLABON_MATCHING_WEIGHTS = env.json("ESLABON_MATCHING_WEIGHTS", default={})
ESLABON_MATCHING_CIRCUITY = env.float("ESLABON_MATCHING_CIRCUITY", default=1.3)

# Background jobs (Celery). Without a broker, tasks run in process so the demo needs nothing.
# Cache: Redis when ESLABON_CACHE_URL (or REDIS_URL) names one, shared by every web process;
# otherwise each process keeps its own in memory. It holds values rebuilt on a miss (the
# matching engine's supplier table, keyed by the registry's version), never the only copy.
CACHE_URL = env.str("ESLABON_CACHE_URL", default="") or env.str("REDIS_URL", default="")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Seconds the timetable engine may spend on one event (the job and its re-optimisations).
EVENTS_SCHEDULE_TIME_LIMIT = env.float("ESLABON_EVENTS_SCHEDULE_TIME_LIMIT", default=10.0)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A job taken by a worker that dies unacknowledged goes back to the queue after this many
# seconds (Redis); it must exceed the longest job (run_job's time_limit, 1900 s).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # Quotes are unsealed on the first read after the due time anyway; this also closes
    # requirements nobody opens, so suppliers and the audit see the state change on time.
    "hub-close-due": {"task": "eslabon.hub.tasks.close_due", "schedule": 60.0},
    "jobs-resend-unsent": {"task": "eslabon.jobs.tasks.resend_unsent", "schedule": 60.0},
    "hub-daily-digest": {
        "task": "eslabon.hub.tasks.daily_digest",
        "schedule": crontab(hour=7, minute=0),  # 07:00 in TIME_ZONE
    },
    "certificate-expiry-reminders": {
        "task": "eslabon.registry.tasks.certificate_expiry_reminders",
        "schedule": crontab(hour=6, minute=45),
    },
    "declarations-expiry-reminders": {
        "task": "eslabon.declarations.tasks.expiry_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
}
# Origin declarations: remind the supplier this many days before a declaration expires.
ESLABON_DECLARATION_REMINDER_DAYS = env.int("ESLABON_DECLARATION_REMINDER_DAYS", default=30)
# Registry certificates (ISO 9001, IATF 16949…): remind the holder this many days before expiry;
# 90 days leaves time to book the recertification audit, and matches the analytics' window.
ESLABON_CERTIFICATE_REMINDER_DAYS = env.int("ESLABON_CERTIFICATE_REMINDER_DAYS", default=90)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
