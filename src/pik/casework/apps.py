from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "pik.casework"
    label = "casework"
    verbose_name = _("Integrationsmanagement (Fallarbeit)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pik.casework.actions import ACTIONS  # noqa: PLC0415 - models are loaded only now
        from pik.core import audit  # noqa: PLC0415

        audit.register_actions(ACTIONS)
