from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from pik.stats import proofs
from pik.stats.tasks import key_figure_drafts_task


class Command(BaseCommand):
    help = (
        "Täglich: im Januar für jeden Antragsteller mit einer Förderung im Vorjahr den "
        "Zwischennachweis des Vorjahres als Entwurf anlegen und seine Kennzahlen aus der "
        "Fallarbeit übernehmen (zur Bestätigung bis 31. Januar). Ein zweiter Lauf legt nichts "
        "doppelt an und überschreibt nichts. Mit --enqueue als Hintergrundaufgabe einreihen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="als Task einreihen")
        parser.add_argument("--date", default=None, help="Stichtag JJJJ-MM-TT statt heute")
        parser.add_argument("--year", type=int, default=None, help="Berichtsjahr (sonst Vorjahr)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = key_figure_drafts_task.enqueue()
            self.stdout.write(f"Eingereiht: {result.id}")
            return
        day = options["date"]
        today = dt.date.fromisoformat(day) if day else timezone.localdate()
        done = proofs.yearly_drafts(today=today, year=options["year"], actor=None)
        if done.year is None:
            self.stdout.write("Nichts zu tun: die Entwürfe entstehen im Januar.")
            return
        self.stdout.write(
            f"Kennzahlen {done.year}: {done.created} Zwischennachweise angelegt, "
            f"{done.filled} aus der Fallarbeit gefüllt."
        )
