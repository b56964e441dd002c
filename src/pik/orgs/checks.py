"""Deploy checks for the login: rate limits need one cache that every process shares."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}


@register(Tags.security, Tags.caches, deploy=True)
def shared_cache_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """allauth counts failed logins in the default cache; a per-process cache counts per worker.

    With three gunicorn workers and a local-memory cache an attacker gets three times the
    allowed attempts (and more with every restart); a dummy cache counts nothing at all.
    """
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PROCESS_LOCAL_CACHES:
        return []
    return [
        Error(
            f"Der Cache „{backend}“ gilt nur für einen Prozess: Die Begrenzung fehlgeschlagener "
            "Anmeldungen zählt dann je gunicorn-Prozess und lässt ein Vielfaches der Versuche zu.",
            hint="REDIS_URL auf einen Redis-Server setzen, den alle Prozesse gemeinsam nutzen "
            "(z. B. REDIS_URL=redis://127.0.0.1:6379/0), siehe docs/operations.md.",
            id="pik.orgs.E001",
        )
    ]
