"""Casework's pages under /fallarbeit/ (namespace ``casework``; the root URL conf adds the
pages network and stats took over from casework, under the same prefix and names)."""

from django.urls import path

from pik.casework import views

app_name = "casework"
urlpatterns = [
    path("", views.my_day, name="my_day"),
    path("klienten/", views.client_list, name="client_list"),
    path("klienten/neu/", views.client_create, name="client_create"),
    path("klienten/<int:pk>/", views.client_detail, name="client_detail"),
    path("klienten/<int:pk>/bearbeiten/", views.client_edit, name="client_edit"),
    path("klienten/<int:pk>/gesundheit/", views.health_notes, name="health_notes"),
    path("klienten/<int:pk>/beenden/", views.client_close, name="client_close"),
    path("klienten/<int:pk>/kontakt/", views.contact_add, name="contact_add"),
    path("klienten/<int:pk>/einwilligung/", views.consent_add, name="consent_add"),
    path("einwilligungen/<int:pk>/scan/", views.consent_scan, name="consent_scan"),
    path("einwilligungen/<int:pk>/widerruf/", views.consent_withdraw, name="consent_withdraw"),
    path("klienten/<int:pk>/plan/", views.plan_edit, name="plan_edit"),
    path("klienten/<int:pk>/plan/ziel/", views.goal_add, name="goal_add"),
    path("ziele/<int:pk>/status/", views.goal_status, name="goal_status"),
    path("ziele/<int:pk>/schritt/", views.step_add, name="step_add"),
    path("schritte/<int:pk>/erledigt/", views.step_toggle, name="step_toggle"),
    path("aufgaben/", views.task_list, name="task_list"),
    path("klienten/<int:pk>/aufgabe/", views.task_add, name="task_add"),
    path("aufgaben/<int:pk>/erledigt/", views.task_done, name="task_done"),
    path("klienten/<int:pk>/uebergabe/", views.handover_create, name="handover_create"),
    path("uebergaben/<int:pk>/", views.handover_detail, name="handover_detail"),
    path("klienten/<int:pk>/zuweisen/", views.client_assign, name="client_assign"),
    path("klienten/<int:pk>/teilen/", views.client_share, name="client_share"),
    path("klienten/<int:pk>/kreiswechsel/", views.transfer_create, name="transfer_create"),
    path("kreiswechsel/<int:pk>/", views.transfer_detail, name="transfer_detail"),
    path("kreis/", views.kreis_overview, name="kreis_overview"),
    path("loeschfristen/", views.retention_due, name="retention_due"),
    path("klienten/<int:pk>/auskunft.json", views.export_json, name="export_json"),
    path("klienten/<int:pk>/auskunft.pdf", views.export_pdf_view, name="export_pdf"),
    path("klienten/<int:pk>/einwilligung.pdf", views.consent_form_pdf_view, name="consent_pdf"),
    path("klienten/<int:pk>/plan.pdf", views.plan_pdf_view, name="plan_pdf"),
    path("klienten/<int:pk>/loeschen/", views.client_erase, name="client_erase"),
]
