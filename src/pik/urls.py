from django.contrib import admin
from django.urls import include, path

from pik.orgs.views import admin_login

# Django's admin login checks the password alone: send it to allauth's login (ADR 0013).
admin.site.login = admin_login  # type: ignore[method-assign]

urlpatterns = [
    path("", include("pik.core.urls")),
    path("", include("pik.portal.urls")),
    path("", include("pik.orgs.urls")),
    path("foerderung/", include("pik.funding.urls")),
    path("fallarbeit/", include("pik.casework.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
