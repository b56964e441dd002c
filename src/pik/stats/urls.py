"""The statistics pages. The Kreis statistics stay under casework's prefix and namespace
(``casework:statistics``, see the root URL conf), where they were."""

from django.urls import path

from pik.stats import views

urlpatterns = [
    path("kreis/statistik/", views.statistics, name="statistics"),
    path("kennzahlen/", views.key_figures_page, name="key_figures"),
    path("kennzahlen/export.<str:fmt>", views.key_figures_export, name="key_figures_export"),
    path("kennzahlen/verlauf/", views.dashboard_page, name="key_figure_dashboard"),
]

#: Under the funding prefix, in the namespace "stats": the proof of use's key figures taken from
#: case work (funding's page posts here; funding imports nothing of stats).
proof_urlpatterns = [
    path(
        "verwendungsnachweise/<int:pk>/kennzahlen/aus-der-fallarbeit/",
        views.proof_key_figures_take,
        name="proof_key_figures_take",
    ),
]
