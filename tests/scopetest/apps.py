from django.apps import AppConfig


class ScopeTestConfig(AppConfig):
    name = "tests.scopetest"
    label = "scopetest"
