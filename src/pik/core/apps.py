from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pik.core"
    label = "core"
    verbose_name = "Kern"
