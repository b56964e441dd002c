from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Any, BinaryIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pik.orgs.services import ReferenceDataError, reference_data_load


class Command(BaseCommand):
    help = "Lädt Land, Regierungsbezirke, Kreise und Gemeinden (idempotent, alles oder nichts)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kreise", type=Path, help="CSV der Kreise (Standard: mitgelieferte Daten)"
        )
        parser.add_argument(
            "--gemeinden", type=Path, help="CSV der Gemeinden (Standard: mitgeliefert)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Open files, not their text: the kernel's reader checks the size before reading.
        with ExitStack() as stack:
            files: dict[str, BinaryIO | None] = {}
            for key in ("kreise", "gemeinden"):
                path: Path | None = options[key]
                try:
                    files[key] = None if path is None else stack.enter_context(path.open("rb"))
                except OSError as exc:
                    raise CommandError(
                        f"Datei {path} kann nicht gelesen werden (UTF-8 erwartet): {exc}"
                    ) from exc
            try:
                result = reference_data_load(
                    kreise_csv=files["kreise"], gemeinden_csv=files["gemeinden"]
                )
            except ReferenceDataError as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Referenzdaten geladen: Kreise {result.kreise_created} neu, "
                f"{result.kreise_updated} geändert; Gemeinden {result.gemeinden_created} neu, "
                f"{result.gemeinden_updated} geändert."
            )
        )
