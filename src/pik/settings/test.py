"""Test profile: fast hashing, tasks run immediately, mail kept in memory."""

import os

from pik.settings.base import *  # noqa: F403

# Playwright's sync API runs an event loop in the test thread; live_server tests need this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
ERASURE_LIST = VAR_DIR / "test-erasures.jsonl"

# Tests that anchor the audit chain point this at their own tmp_path; by default no anchor file.
AUDIT_ANCHOR_FILE = VAR_DIR / f"test-audit-anchors-none-{os.getpid()}.log"

# A test-only app with one scoped model per data kind (tests/scopetest), created without migrations.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.scopetest"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not Django's shared-cache in-memory database: that one answers concurrent writers
    # with "database table is locked" instead of waiting, unlike the real WAL file in use.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test_pik.sqlite3")}
