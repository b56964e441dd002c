from django.urls import path

from pik.funding import views

app_name = "funding"
urlpatterns = [
    path("antraege/", views.application_list, name="application_list"),
    path("antraege/export.xlsx", views.application_export, name="application_export"),
    path("antraege/neu/<slug:code>/", views.application_new, name="application_new"),
    path("antraege/<int:pk>/", views.application_detail, name="application_detail"),
    path("antraege/<int:pk>/zusammenfassung/", views.application_print, name="application_print"),
    path("antraege/<int:pk>/schritt/", views.application_step, name="application_step"),
    path("antraege/<int:pk>/stellen/", views.position_add, name="position_add"),
    path(
        "antraege/<int:pk>/stellen/<int:position_pk>/entfernen/",
        views.position_remove,
        name="position_remove",
    ),
    path("antraege/<int:pk>/digital/", views.digital_details, name="digital_details"),
    path("antraege/<int:pk>/anlagen/", views.attachment_upload, name="attachment_upload"),
    path(
        "antraege/<int:pk>/anlagen/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("bescheide/<int:pk>/", views.notice_download, name="notice_download"),
    path("haushalt/", views.budget_overview, name="budget_overview"),
    path("haushalt/<int:pk>/", views.budget_edit, name="budget_edit"),
    path("kontingente/<slug:code>/", views.contingent_overview, name="contingent_overview"),
    path("kontingente/<slug:code>/export.xlsx", views.contingent_export, name="contingent_export"),
    path("antragsteller/<slug:code>/neu/", views.applicant_new, name="applicant_new"),
]
