from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "pik.casework"
    label = "casework"
    verbose_name = _("Integrationsmanagement (Fallarbeit)")
    default_auto_field = "django.db.models.BigAutoField"
