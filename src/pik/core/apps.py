from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pik.core"
    label = "core"
    verbose_name = "Kern"

    def ready(self) -> None:
        from pik.core import tasks  # noqa: PLC0415 - models are loaded only now

        tasks.connect_signals()
