from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pik.core import audit


class Command(BaseCommand):
    help = (
        "Hängt den signierten Kopf der Protokollkette (Nummer, Hash, Zeit, HMAC) als Zeile an "
        "PIK_AUDIT_ANCHOR_FILE an und gibt die Zeile aus. Regelmäßig ausführen und die Datei "
        "außerhalb der Datenbank aufbewahren (Log-Sammlung)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            anchor = audit.anchor()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(anchor.line())
