from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "pik.funding"
    label = "funding"
    verbose_name = "Förderverfahren"
