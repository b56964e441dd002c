from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pik.core.tasks import tasks_reap


class Command(BaseCommand):
    help = (
        "Reiht Hintergrundaufgaben neu ein, deren Worker während der Ausführung verschwunden ist "
        "(länger als PIK_TASK_STALE_SECONDS in RUNNING). Ruhig, solange nichts zu tun ist."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--stale-seconds", type=int, default=None, help="statt PIK_TASK_STALE_SECONDS"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        reaped = tasks_reap(stale_seconds=options["stale_seconds"])
        if reaped.requeued or reaped.failed or options["verbosity"] > 1:
            self.stdout.write(
                f"{len(reaped.requeued)} Aufgaben neu eingereiht, {len(reaped.failed)} als "
                f"fehlgeschlagen markiert, {len(reaped.alive)} laufen noch."
            )
