import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pik.core.tasks import tasks_reap
from pik.funding import services
from pik.funding.tasks import notices_check_task


class Command(BaseCommand):
    help = (
        "Periodische Prüfung (alle 5 Minuten): reiht Aufgaben verschwundener Worker neu ein und "
        "Bescheide, die PIK_NOTICE_CHECK_MINUTES nach der Entscheidung noch kein PDF haben. "
        "Gibt nur etwas aus, wenn es etwas getan hat (cron meldet dann per E-Mail)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--minutes", type=int, default=None, help="statt PIK_NOTICE_CHECK_MINUTES"
        )
        parser.add_argument(
            "--stale-seconds", type=int, default=None, help="statt PIK_TASK_STALE_SECONDS"
        )
        parser.add_argument("--enqueue", action="store_true", help="als Task einreihen")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = notices_check_task.enqueue()
            self.stdout.write(f"Eingereiht: {result.id}")
            return
        reaped = tasks_reap(stale_seconds=options["stale_seconds"])
        minutes = options["minutes"]
        requeued = services.notice_requeue_missing(
            older_than=None if minutes is None else dt.timedelta(minutes=minutes)
        )
        if reaped.requeued or reaped.failed or requeued or options["verbosity"] > 1:
            self.stdout.write(
                f"{len(reaped.requeued)} Aufgaben verschwundener Worker neu eingereiht, "
                f"{len(reaped.failed)} als fehlgeschlagen markiert; "
                f"{len(requeued)} Bescheide ohne PDF neu eingereiht."
            )
