from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from pik.funding import services
from pik.funding.tasks import deadline_reminders_task


class Command(BaseCommand):
    help = (
        "Tägliche Erinnerung an Fristen der Förderverfahren per E-Mail (fällig in den nächsten "
        "PIK_REMINDER_DAYS Tagen); jede Erinnerung geht nur einmal hinaus, ein zweiter Lauf "
        "versendet nichts doppelt. Mit --enqueue als Hintergrundaufgabe einreihen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="als Task einreihen")
        parser.add_argument("--date", default=None, help="Stichtag JJJJ-MM-TT statt heute")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = deadline_reminders_task.enqueue()
            self.stdout.write(f"Eingereiht: {result.id}")
            return
        day = options["date"]
        today = dt.date.fromisoformat(day) if day else timezone.localdate()
        sent = services.deadline_reminders_send(today=today, actor=None)
        self.stdout.write(
            f"{sent.reminders} Erinnerungen an {sent.users} Personen versandt "
            f"(Stichtag {today:%d.%m.%Y})."
        )
