from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "pik.funding"
    label = "funding"
    verbose_name = "Förderverfahren"

    def ready(self) -> None:
        from pik.core import audit  # noqa: PLC0415
        from pik.funding.actions import ACTIONS  # noqa: PLC0415 - models are loaded only now

        audit.register_actions(ACTIONS)
