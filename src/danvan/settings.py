"""Settings for danvan, read from environment variables only.

The embedded default needs nothing: SQLite in the project's ``data/`` folder and
a secret generated there on first use. ``DATABASE_URL`` switches to PostgreSQL;
production sets ``DEBUG=false``, ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

import contextlib
import json
import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from danvan.common import dates

PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = PACKAGE_DIR.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def _default_data_dir() -> Path:
    # A source checkout keeps its data beside pyproject.toml; an installed
    # package uses the working directory.
    if (_SOURCE_ROOT / "pyproject.toml").exists():
        return _SOURCE_ROOT / "data"
    return Path.cwd() / "data"


DATA_DIR = Path(os.environ.get("DANVAN_DATA_DIR", _default_data_dir()))
EMBEDDED_DATABASE = "DATABASE_URL" not in os.environ

DEBUG = env_bool("DEBUG", default=True)


def _local_secret() -> str:
    """Read, or create once, the secret of the embedded installation."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or EMBEDDED_DATABASE):
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _local_secret()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # django.contrib.admin, asking for a TOTP code when ADMIN_TWO_FACTOR is on.
    "danvan.accounts.admin_apps.TwoFactorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "template_partials",
    "auditlog",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "danvan.common",
    "danvan.accounts",
    "danvan.units",
    "danvan.ingestion",
    "danvan.documents",
    "danvan.meetings",
    "danvan.initiatives",
    "danvan.records",
    "danvan.plans",
    "danvan.datasets",
    "danvan.reports",
    "danvan.dashboards",
    "danvan.situation",
    "danvan.incidents",
    "danvan.dialogues",
    "danvan.petitions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise (static files come compressed by collectstatic), above
    # everything that writes the body: pages and JSON leave gzipped.
    "danvan.common.middleware.CompressTextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "danvan.common.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "danvan.common.middleware.CleanQueryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "danvan.urls"
# Django's form templates, the common ones written in Python (a page of many
# fields spent most of its time rendering them).
FORM_RENDERER = "danvan.common.renderers.FastRenderer"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": [
                "template_partials.templatetags.partials",
                # vndate, vndatetime, vnnumber: one way to show dates and numbers.
                "danvan.common.templatetags.display",
                # may_edit, may_judge…: a button only for who may use it.
                "danvan.common.templatetags.permissions",
                # rows: a list's rows from their Jinja2 template.
                "danvan.common.templatetags.lists",
            ],
        },
    },
    {
        # Only the repeated rows of lists (<app>/jinja2/): see danvan.common.jinja.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {"environment": "danvan.common.jinja.environment"},
    },
]

if EMBEDDED_DATABASE:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES: dict[str, Any] = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "danvan.sqlite3",
            # WAL lets readers work while a writer commits; IMMEDIATE makes
            # write transactions take the lock up front instead of failing later.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
else:
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=600, conn_health_checks=True
        )
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out account or address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# The project catalogue; apps with a catalogue of their own (documents, meetings,
# records) keep it in their ``locale/``. ``make messages`` sets
# DANVAN_APP_MESSAGES while it builds those, so that makemessages does not file
# their strings into the project catalogue.
LOCALE_PATHS = [] if os.environ.get("DANVAN_APP_MESSAGES") else [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Ho_Chi_Minh")
# A fixed "today" for what is due and overdue (``danvan.common.clock``): a
# training copy, or the browser tests. Empty: the real date.
DANVAN_TODAY = os.environ.get("DANVAN_TODAY") or None
USE_I18N = True
USE_TZ = True
# Dates dd/mm/yyyy and numbers 15.000.000 / 1,5 in every language (danvan/formats).
FORMAT_MODULE_PATH = ["danvan.formats"]
DATE_INPUT_FORMATS = dates.DATE_INPUT_FORMATS

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
# WhiteNoise serves from here once ``collectstatic`` ran; until then (and in
# development) it finds the files in the apps.
WHITENOISE_USE_FINDERS = True
with contextlib.suppress(OSError):
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "media/"
# A folder of reports is brought in through one form; larger batches go
# through ``danvan ingest FOLDER``.
DATA_UPLOAD_MAX_NUMBER_FILES = int(
    os.environ.get("DATA_UPLOAD_MAX_NUMBER_FILES", "500")
)


def env_megabytes(name: str, default: float) -> int:
    """A size given in megabytes in the environment, in bytes."""
    return int(float(os.environ.get(name, default)) * 1024 * 1024)


# The largest file of each kind of upload, refused before the body is read
# (danvan.common.files.upload_limit), and the largest upload of many files.
DANVAN_UPLOAD_LIMITS = {
    "source": env_megabytes("UPLOAD_LIMIT_SOURCE_MB", 20),
    "attachment": env_megabytes("UPLOAD_LIMIT_ATTACHMENT_MB", 50),
    "progress": env_megabytes("UPLOAD_LIMIT_PROGRESS_MB", 20),
    "import": env_megabytes("UPLOAD_LIMIT_IMPORT_MB", 5),
}
DANVAN_UPLOAD_REQUEST_LIMIT = env_megabytes("UPLOAD_LIMIT_REQUEST_MB", 200)
# What a DOCX, XLSX, PDF, HTML or text may hold once unpacked or read: any of
# the names of danvan.common.safefiles.ParseLimits (max_unpacked_bytes,
# max_entries, max_ratio, max_pdf_pages, max_text_chars, max_html_bytes,
# max_xlsx_rows, max_xlsx_blank_rows, max_xlsx_columns, max_seconds,
# max_review_chars), over its defaults; PARSE_LIMITS is JSON, e.g.
# {"max_text_chars": 2000000}.
DANVAN_PARSE_LIMITS: dict[str, float] = json.loads(
    os.environ.get("PARSE_LIMITS") or "{}"
)

BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
# Cookies travel only over TLS in production or behind a TLS proxy.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG or BEHIND_PROXY)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "danvan.common.errors.csrf_failure"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
# Offices run on closed networks: the browsers' public HSTS preload list does
# not apply to them.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None

# Content-Security-Policy (django-csp): scripts and styles only from our own
# files, so an injected <script> or on*= attribute does not run.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Sign-in lockout (django-axes): AXES_FAILURE_LIMIT wrong passwords for one
# account from one address lock that pair; AXES_ADDRESS_FAILURE_LIMIT failures
# from one address lock the address for every account. A successful sign-in
# does not clear the count, so guessing between real sign-ins does not help.
AXES_HANDLER = "danvan.accounts.lockout.AccountAddressHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_MINUTES", "15")) / 60
AXES_LOCKOUT_CALLABLE = "danvan.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = False
# The address the proxy saw, not one the client wrote into X-Forwarded-For.
AXES_VERBOSE = False  # no banner on every danvan command
AXES_CLIENT_IP_CALLABLE = "danvan.accounts.lockout.client_ip"
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "1"))

# The cache holds the API throttle counters; several gunicorn workers share
# them only through Redis (REDIS_URL), otherwise each keeps its own.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Figures kept until what they read changes (danvan.common.kept): read
    # only under the current shared token, so a process's own memory will do;
    # apart from the default cache, so that they push out no API throttle.
    "kept": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kept",
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kept",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    ),
    # Each user's access scope, kept until memberships or the tree change
    # (danvan.common.access). Every process must see a change at once, so the
    # entries are shared: Redis, or else files (never one process's memory).
    "scopes": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "scopes",
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": Path(os.environ.get("SCOPE_CACHE_DIR", DATA_DIR / "scopes")),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    ),
}

# Background tasks (django-tasks): run at once by default; with
# TASKS_BACKEND=database they are queued in the database and run by
# ``danvan db_worker`` (SQLite or PostgreSQL alike).
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_TASK_BACKEND = os.environ.get("TASKS_BACKEND", "immediate").strip().lower()
if _TASK_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be immediate or database, not {_TASK_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_TASK_BACKEND]}}

# Audit every change of domain data, with the acting user from the request.
AUDITLOG_INCLUDE_ALL_MODELS = False

# The JSON API under /api/v1/: session (browser) or token authentication,
# every queryset scoped through danvan.common.access.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so that a missing or refused token answers 401 with
        # WWW-Authenticate rather than 403.
        "danvan.accounts.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "danvan.accounts.throttling.AnonRateThrottle",
        "danvan.accounts.throttling.UserRateThrottle",
    ],
    # Throttles count anonymous clients by address: only the proxies' own
    # X-Forwarded-For entries are trusted.
    "NUM_PROXIES": PROXY_COUNT if BEHIND_PROXY else 0,
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "100/hour"),
        "user": os.environ.get("API_THROTTLE_USER", "2000/hour"),
    },
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Every error body in Vietnamese (see danvan.common.api.exception_handler).
    "EXCEPTION_HANDLER": "danvan.common.api.exception_handler",
    # Every string of a request is cleaned of control characters before any
    # serializer sees it (danvan.common.text.clean_input).
    "DEFAULT_PARSER_CLASSES": [
        "danvan.common.parsers.JSONParser",
        "danvan.common.parsers.FormParser",
        "danvan.common.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "danvan API",
    "DESCRIPTION": (
        "Documents, meetings and tasks of công tác dân vận, scoped to the user's units."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Offices run on closed networks: Swagger UI's files are served by the app.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # A meeting's task and a plan's task share their statuses (TaskBase): one
    # enum, under the name it had before plans came.
    "ENUM_NAME_OVERRIDES": {
        "TaskStatusEnum": "danvan.meetings.models.TaskBase.Status",
        "PetitionStatusEnum": "danvan.petitions.models.Status",
        "IncidentStatusEnum": "danvan.incidents.models.Status",
        "IncidentSeverityEnum": "danvan.incidents.models.Severity",
    },
    # The error answers (400, 401, 403, 404, 415, 429) are part of the contract.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "danvan.common.api.document_errors",
    ],
}

# Two-factor sign-in to the administration site: a TOTP code from an app
# (`danvan two_factor add USER` enrols a phone) after the password.
ADMIN_TWO_FACTOR = env_bool("ADMIN_TWO_FACTOR", default=False)
OTP_TOTP_ISSUER = "danvan"

# API tokens stop working this many days after they were issued (0: never).
API_TOKEN_TTL_DAYS = int(os.environ.get("API_TOKEN_TTL_DAYS", "90"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
