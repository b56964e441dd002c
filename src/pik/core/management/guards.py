"""Guards for management commands that must never run against the production system."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import CommandError


def refuse_demo_in_production(command: str) -> None:
    """Demo accounts have a published password and TOTP secrets derived from their address.

    ``PIK_DEMO_COMMANDS = False`` (set by pik.settings.production) stops the commands that create
    or reveal them before they touch the database.
    """
    if not getattr(settings, "PIK_DEMO_COMMANDS", True):
        raise CommandError(
            f"„pik {command}“ ist mit den Produktionseinstellungen gesperrt: Demokonten haben ein "
            "bekanntes Passwort und bekannte Zwei-Faktor-Schlüssel. Für eine Demo "
            "DJANGO_SETTINGS_MODULE=pik.settings und eine eigene Datenbank verwenden."
        )
