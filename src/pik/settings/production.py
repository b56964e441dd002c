"""Production profile: passes `pik check --deploy --fail-level WARNING`.

Needs PIK_SECRET_KEY (50+ random characters), PIK_AUDIT_KEY (32+ random characters, kept outside
the database), PIK_ALLOWED_HOSTS and DATABASE_URL.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from pik.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("PIK_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("PIK_SECRET_KEY muss gesetzt sein (mindestens 50 Zeichen).")
# Audit chain (ADR 0014): a keyed hash needs a real key, from the environment, never the dev one.
if len(os.environ.get("PIK_AUDIT_KEY", "")) < 32:
    raise ImproperlyConfigured("PIK_AUDIT_KEY muss gesetzt sein (mindestens 32 Zeichen).")
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"
WHITENOISE_USE_FINDERS = False  # collected, hashed files from STATIC_ROOT only
WHITENOISE_AUTOREFRESH = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
EMAIL_BACKEND = os.environ.get("PIK_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# Demo accounts (known password and TOTP secrets): `pik seed_demo` and `pik demo_totp` refuse.
PIK_DEMO_COMMANDS = False
