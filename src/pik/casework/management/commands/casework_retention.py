from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import ngettext

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
            count = due.count()
            period = duration_de(selectors.retention_days())
            self.stdout.write(
                ngettext("%(n)s Akte fällig", "%(n)s Akten fällig", count) % {"n": count}
                + f" (Frist {period})."
            )
            for kreis_id, pk, end in due.values_list("kreis_id", "pk", "counselling_end"):
                self.stdout.write(f"  Akte {pk} (Kreis-ID {kreis_id}), Beratung beendet {end}")
            return
        if options["enqueue"]:
            result = casework_retention_task.enqueue()
            self.stdout.write(f"Eingereiht: {result.id}")
            return
        done = services.retention_run(on=today)
        n = len(done)
        text = ngettext("%(n)s Akte anonymisiert.", "%(n)s Akten anonymisiert.", n) % {"n": n}
        self.stdout.write(self.style.SUCCESS(text))
