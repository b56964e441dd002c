from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import ngettext

from pik.casework import services
from pik.core import purge


class Command(BaseCommand):
    help = (
        "Nach dem Einspielen einer Sicherung: löscht erneut jede Klientenakte, die laut "
        "Löschliste (PIK_ERASURE_LIST) gelöscht war und mit der Sicherung zurückkam. Eine Akte "
        "zählt nur, wenn Kennung und Anlagezeitpunkt übereinstimmen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, help="Löschliste (Standard: PIK_ERASURE_LIST)")
        parser.add_argument("--dry-run", action="store_true", help="nur zählen, nichts löschen")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"] or purge.erasure_list_path()
        entries = list(purge.erasure_list_read(path, kind=services.ERASURE_KIND))
        self.stdout.write(f"Löschliste {path}: {len(entries)} Einträge.")
        if options["dry_run"]:
            return
        done = services.erasures_reapply(entries=entries)
        n = len(done)
        text = ngettext("%(n)s Akte erneut gelöscht.", "%(n)s Akten erneut gelöscht.", n)
        self.stdout.write(self.style.SUCCESS(text % {"n": n}))
