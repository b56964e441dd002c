from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "pik.stats"
    label = "stats"
    verbose_name = _("Statistik (Kennzahlen)")
    default_auto_field = "django.db.models.BigAutoField"
