from __future__ import annotations

import time
from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pik.core.management.guards import refuse_demo_in_production
from pik.orgs.demo import DEMO_DOMAIN, demo_totp_secret


class Command(BaseCommand):
    help = "Zeigt den aktuellen Zwei-Faktor-Code eines Demo-Kontos (nur Demo-Adressen)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        refuse_demo_in_production("demo_totp")
        email = email.strip().lower()
        if not email.endswith("@" + DEMO_DOMAIN):
            raise CommandError(f"Nur für Demo-Konten (…@{DEMO_DOMAIN}).")
        period = int(getattr(settings, "MFA_TOTP_PERIOD", 30))
        counter = int(time.time()) // period
        self.stdout.write(format_hotp_value(hotp_value(demo_totp_secret(email), counter)))
