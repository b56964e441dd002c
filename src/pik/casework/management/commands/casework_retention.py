from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from pik.casework import selectors, services
from pik.casework.tasks import casework_retention_task
from pik.core.durations import duration_de


class Command(BaseCommand):
    help = (
        "Anonymisiert Klientenakten, deren Aufbewahrungsfrist nach Ende der Beratung abgelaufen "
        "ist (PIK_CASEWORK_RETENTION_DAYS). Mit --dry-run nur anzeigen, mit --enqueue als "
        "Hintergrundaufgabe einreihen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="nur anzeigen, nichts ändern")
        parser.add_argument("--enqueue", action="store_true", help="als Task einreihen")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        due = selectors.retention_due_all(on=today)
        if options["dry_run"]:
            self.stdout.write(
                f"{due.count()} Akten fällig (Frist {duration_de(selectors.retention_days())})."
            )
            for kreis_id, pk, end in due.values_list("kreis_id", "pk", "counselling_end"):
                self.stdout.write(f"  Akte {pk} (Kreis-ID {kreis_id}), Beratung beendet {end}")
            return
        if options["enqueue"]:
            result = casework_retention_task.enqueue()
            self.stdout.write(f"Eingereiht: {result.id}")
            return
        done = services.retention_run(on=today)
        self.stdout.write(self.style.SUCCESS(f"{len(done)} Akten anonymisiert."))
