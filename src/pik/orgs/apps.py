from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "pik.orgs"
    label = "orgs"
    verbose_name = "Organisationen"
