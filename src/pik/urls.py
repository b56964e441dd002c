from django.contrib import admin
from django.urls import include, path

from pik.casework import urls as casework_urls
from pik.network import urls as network_urls
from pik.orgs.views import admin_login
from pik.stats import urls as stats_urls

# Django's admin login checks the password alone: send it to allauth's login (ADR 0013).
admin.site.login = admin_login  # type: ignore[method-assign]

# Casework's pages, with those that network (referrals) and stats (Kreis statistics) took over
# from it: one prefix and one namespace, so every URL and its name stay as they were.
casework_pages = [
    *casework_urls.urlpatterns,
    *network_urls.urlpatterns,
    *stats_urls.urlpatterns,
]

urlpatterns = [
    path("", include("pik.core.urls")),
    path("", include("pik.portal.urls")),
    path("", include("pik.orgs.urls")),
    path("foerderung/", include("pik.funding.urls")),
    path("foerderung/", include((stats_urls.proof_urlpatterns, "stats"))),
    path("fallarbeit/", include((casework_pages, casework_urls.app_name))),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# The 500 page renders without a request context (no database, no context processors);
# 403 and 404 use Django's handlers with the project's templates (403.html, 404.html).
handler500 = "pik.core.views.server_error"
