from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pik.core import audit


class Command(BaseCommand):
    help = "Prüft die Hash-Kette des Protokolls. Exit 0 = intakt, sonst erster gebrochener Eintrag."

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit.verify()
        if not result.ok:
            raise CommandError(
                f"Protokollkette gebrochen bei Eintrag #{result.broken_seq}: {result.reason} "
                f"({result.checked} Einträge davor sind intakt.)"
            )
        self.stdout.write(self.style.SUCCESS(f"Protokollkette intakt: {result.checked} Einträge."))
