from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "pik.portal"
    label = "portal"
    verbose_name = "Portal"
