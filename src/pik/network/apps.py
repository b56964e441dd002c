from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "pik.network"
    label = "network"
    verbose_name = _("Netzwerk (Weitergaben an Netzwerkpartner)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported once the models are loaded.
        from pik.casework import parts  # noqa: PLC0415
        from pik.core import audit  # noqa: PLC0415
        from pik.network import selectors, services  # noqa: PLC0415
        from pik.network.actions import ACTIONS  # noqa: PLC0415

        audit.register_actions(ACTIONS)
        # The referrals are a part of the client record: shown on its page, in the
        # subject-access export, stripped by the anonymisation (casework sits below network).
        parts.register(
            parts.RecordPart(
                name="referrals",
                export_key="weitergaben",
                shown=selectors.referrals_shown,
                exported=selectors.referrals_exported,
                anonymise=services.referrals_anonymise,
            )
        )
        # Referrals still waiting for the partner's answer show on "Mein Tag".
        parts.register_day(
            parts.DayPart(name="overdue_referrals", items=selectors.overdue_referrals)
        )
