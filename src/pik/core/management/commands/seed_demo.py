from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from pik.core.management.guards import refuse_demo_in_production


class Command(BaseCommand):
    help = "Legt Demodaten an (idempotent). Jede pik-App trägt ihr Modul demo.py mit seed() bei."

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_demo_in_production("seed_demo")
        self.seed()

    @transaction.atomic
    def seed(self) -> None:
        for config in apps.get_app_configs():
            if not config.name.startswith("pik."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demodaten sind angelegt."))
