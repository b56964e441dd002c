"""Settings for pik, driven by the environment.

Variables: PIK_SECRET_KEY, PIK_DEBUG, PIK_ALLOWED_HOSTS, DATABASE_URL (SQLite file by default),
REDIS_URL (shared cache for rate limits when several processes run), PIK_EMAIL_BACKEND,
PIK_DEFAULT_FROM_EMAIL, PIK_TASKS_BACKEND, PIK_TASK_STALE_SECONDS, PIK_TASK_MAX_ATTEMPTS,
PIK_NOTICE_CHECK_MINUTES, PIK_TRUSTED_PROXY_COUNT / PIK_TRUSTED_CLIENT_IP_HEADER (client address
behind the reverse proxy).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent.parent  # the checkout (holds node_modules/ and var/)
VAR_DIR = Path(os.environ.get("PIK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Off by default (also in `make demo`): users get pik's own error pages, never a traceback. A
# developer opts in with PIK_DEBUG=1.
DEBUG = env_bool("PIK_DEBUG", False)
SECRET_KEY = os.environ.get("PIK_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("PIK_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "pik.core",
    "pik.orgs",
    "pik.funding",
    "pik.portal",
    "pik.casework",
    "pik.network",  # referrals (above casework: it reads casework's selectors)
    "pik.stats",  # key figures (above casework: reads its counts, suppresses small ones)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "pik.core.request_guard.RequestGuardMiddleware",  # body size and UTF-8, before any reader
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pik.core.middleware.SessionRefreshMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "pik.core.middleware.RequireMfaMiddleware",
]

ROOT_URLCONF = "pik.urls"
FORM_RENDERER = "pik.core.forms.FormRenderer"  # KERN markup and error summary for every form
WSGI_APPLICATION = "pik.wsgi.application"
ASGI_APPLICATION = "pik.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["pik.core.templatetags.numbers"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pik.orgs.context_processors.navigation",
                "pik.funding.context_processors.navigation",
                "pik.casework.context_processors.start",
            ],
        },
    },
]

# --- Database timeouts: a database that does not answer must not hold a worker for minutes ---
# PIK_DB_CONNECT_TIMEOUT (seconds) bounds opening a connection; PIK_DB_STATEMENT_TIMEOUT_MS is a
# generous cap for any one statement (0 = none, e.g. for a long maintenance migration); /readyz
# sets a short one of its own for its query (pik.core.views). PIK_DB_TCP_USER_TIMEOUT_MS ends an
# established connection whose sent data the peer has not acknowledged for that long (a vanished
# host), instead of waiting out the kernel's retransmissions (about 15 minutes).
DB_CONNECT_TIMEOUT = int(os.environ.get("PIK_DB_CONNECT_TIMEOUT", "5"))
DB_STATEMENT_TIMEOUT_MS = int(os.environ.get("PIK_DB_STATEMENT_TIMEOUT_MS", "300000"))
DB_TCP_USER_TIMEOUT_MS = int(os.environ.get("PIK_DB_TCP_USER_TIMEOUT_MS", "10000"))
READYZ_STATEMENT_TIMEOUT_MS = 2000


def postgres_timeouts(database: dj_database_url.DBConfig) -> dj_database_url.DBConfig:
    """Add the timeouts above to a PostgreSQL ``DATABASES`` entry (psycopg/libpq options)."""
    options = database.setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", DB_CONNECT_TIMEOUT)
    options.setdefault("tcp_user_timeout", DB_TCP_USER_TIMEOUT_MS)
    server_options = options.get("options", "")
    options["options"] = f"{server_options} -c statement_timeout={DB_STATEMENT_TIMEOUT_MS}".strip()
    return database


# --- Database -------------------------------------------------------------------------------
SQLITE_PATH = VAR_DIR / "pik.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + IMMEDIATE: the dev server and a task worker write without "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # secure_delete: deleted rows are overwritten with zeros, not left in free pages.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;"
        ),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    postgres_timeouts(DATABASES["default"])
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (login rate limits need one cache shared by all processes) ----------------------
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# (production refuses a process-local cache: `pik check --deploy` fails, pik.orgs.checks)

# --- Client address for login rate limits behind the reverse proxy ---------------------------
# Without this every user has the proxy's address, and ten failed logins a minute lock out all.
# PIK_TRUSTED_PROXY_COUNT: proxies of our own in front of pik (allauth takes the address that the
# outermost one appended to X-Forwarded-For); or PIK_TRUSTED_CLIENT_IP_HEADER (e.g. X-Real-IP),
# set by the proxy itself. Neither is trusted unless configured (docs/operations.md).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("PIK_TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("PIK_TRUSTED_CLIENT_IP_HEADER") or None

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "orgs.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "orgs:start"
LOGOUT_REDIRECT_URL = "portal:home"

ACCOUNT_ADAPTER = "pik.orgs.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_ADAPTER = "pik.orgs.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "pik Baden-Württemberg"
MFA_RECOVERY_CODE_COUNT = 10
# Accept the neighbouring 30-second step too (RFC 6238 §5.2: clock drift, a code typed as the
# step changes); each code is still accepted only once: the last accepted step is kept in the
# database and older steps are refused (pik.orgs.mfa).
MFA_TOTP_TOLERANCE = 1
MFA_FORMS = {
    "authenticate": "pik.orgs.mfa.AuthenticateForm",
    "reauthenticate": "pik.orgs.mfa.ReauthenticateForm",
    "activate_totp": "pik.orgs.mfa.ActivateTOTPForm",
}

# Sessions end after 30 minutes without activity and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("PIK_SESSION_SECONDS", "1800"))
# Idle timeout without a session write on every request: SessionRefreshMiddleware (pik.core)
# renews the expiry at most once a minute, so a session ends 29–30 minutes after the last request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static files: KERN UX comes from npm (node_modules), never hand-copied ----------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
KERN_DIR = BASE_DIR / "node_modules" / "@kern-ux" / "native"
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("kern", KERN_DIR / "dist"),
    ("kern-themes", KERN_DIR / "src" / "scss" / "themes" / "examples"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Outside production whitenoise serves static files straight from the finders (no collectstatic),
# so `make demo` and runserver show styles with DEBUG off; production serves STATIC_ROOT only.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# --- E-mail and tasks -----------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "PIK_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("PIK_DEFAULT_FROM_EMAIL", "pik <noreply@pik.rps.bwl.example>")
TASKS = {
    "default": {
        "BACKEND": os.environ.get("PIK_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A task RUNNING this long whose worker is gone runs again (pik tasks_reap, pik notices_check);
# after TASK_MAX_ATTEMPTS lost workers it is marked failed instead (docs/decisions/0012).
TASK_STALE_SECONDS = int(os.environ.get("PIK_TASK_STALE_SECONDS", "300"))
TASK_MAX_ATTEMPTS = int(os.environ.get("PIK_TASK_MAX_ATTEMPTS", "3"))
# A notice still without PDF this many minutes after the decision is queued again.
NOTICE_CHECK_MINUTES = int(os.environ.get("PIK_NOTICE_CHECK_MINUTES", "10"))
# Deadline reminders (pik deadline_reminders, daily): due within this many days; links in the
# mails and the calendar feed start with the public address of the application.
PIK_REMINDER_DAYS = int(os.environ.get("PIK_REMINDER_DAYS", "14"))
PIK_BASE_URL = os.environ.get("PIK_BASE_URL", "http://localhost:8000").rstrip("/")

# --- Request and upload bounds (pik.core.request_guard, docs/decisions/0011) -----------------
# A larger body is refused by its Content-Length with a German 413 page, before it is read.
# Keep the reverse proxy's limit (nginx client_max_body_size) at or above this value.
PIK_MAX_REQUEST_BYTES = 25 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # form fields without files
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # larger files are spooled to a temporary file
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# --- Casework data protection ----------------------------------------------------------------
# Client records are anonymised this many days after counselling ended (docs/decisions/0009).
CASEWORK_RETENTION_DAYS = int(os.environ.get("PIK_CASEWORK_RETENTION_DAYS", "730"))
# Ids of erased records (no names), outside the database: a restore re-applies them
# (pik casework_erasures_reapply; docs/operations.md "Backups and erasure").
ERASURE_LIST = Path(os.environ.get("PIK_ERASURE_LIST", VAR_DIR / "erasures.jsonl"))

# --- Audit trail: keyed hash chain, anchored outside the database (docs/decisions/0014) ------
# PIK_AUDIT_KEY: the secret of the HMAC-SHA256 over each event, held outside the database (at
# least 32 characters; production refuses to start without it). PIK_AUDIT_KEY_ID names it and
# is stored with every event; on rotation the old key moves to PIK_AUDIT_RETIRED_KEYS
# ("id:key,id:key") so that its events still verify. PIK_AUDIT_ANCHOR_FILE: where
# `pik audit_anchor` appends the signed chain head, for operations to ship to their log sink.
AUDIT_DEV_KEY = "dev-only-insecure-audit-key-do-not-use-in-production"
AUDIT_KEY_ID = os.environ.get("PIK_AUDIT_KEY_ID", "1" if os.environ.get("PIK_AUDIT_KEY") else "dev")
AUDIT_KEYS = {
    key_id.strip(): key.strip()
    for key_id, _sep, key in (
        item.partition(":") for item in env_list("PIK_AUDIT_RETIRED_KEYS", "")
    )
}
AUDIT_KEYS[AUDIT_KEY_ID] = os.environ.get("PIK_AUDIT_KEY") or AUDIT_DEV_KEY
# Events written before keyed hashing (key_id "") are accepted only up to this sequence number:
# operations set it once to the last such event of their database (0: none is accepted).
AUDIT_LEGACY_MAX_SEQ = int(os.environ.get("PIK_AUDIT_LEGACY_MAX_SEQ", "0"))
AUDIT_ANCHOR_FILE = Path(os.environ.get("PIK_AUDIT_ANCHOR_FILE", VAR_DIR / "audit-anchors.log"))

# --- Content Security Policy (django-csp 4): no inline script, style or handler on any page ----
# Pages load scripts and styles only from our own static files; images also as data: URIs
# (KERN's icons, the TOTP QR code). The Django admin keeps the same policy: since Django 4 it
# has no inline scripts. PDF templates are rendered by WeasyPrint, not served, and keep theirs.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
    }
}

# --- Health probes ---------------------------------------------------------------------------
# /healthz and /readyz answer plain HTTP too: a load balancer probes the instance directly and
# counts the 301 of SECURE_SSL_REDIRECT (production) as healthy. SecurityMiddleware matches the
# path without its leading slash.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PIK_LOG_LEVEL", "INFO")},
}
