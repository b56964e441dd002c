from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pik.core import audit


class Command(BaseCommand):
    help = (
        "Prüft die Hash-Kette des Protokolls und jeden Anker aus PIK_AUDIT_ANCHOR_FILE. "
        "Exit 0 = intakt, sonst erster gebrochener Eintrag."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit.verify()
        if not result.ok:
            where = f" bei Eintrag #{result.broken_seq}" if result.broken_seq is not None else ""
            raise CommandError(
                f"Protokollkette gebrochen{where}: {result.reason} "
                f"({result.checked} Einträge davor sind intakt.)"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Protokollkette intakt: {result.checked} Einträge, {result.anchors} Anker geprüft."
            )
        )
        if not result.anchor_file_found:
            self.stderr.write(
                self.style.WARNING(
                    f"Keine Anker-Datei {audit.anchor_file()}: Einträge, die am Ende der Kette "
                    "gelöscht wurden, sind so nicht erkennbar (pik audit_anchor regelmäßig)."
                )
            )
