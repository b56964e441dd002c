from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "pik.portal"
    label = "portal"
    verbose_name = "Portal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pik.core import audit  # noqa: PLC0415
        from pik.portal.actions import ACTIONS  # noqa: PLC0415

        audit.register_actions(ACTIONS)
