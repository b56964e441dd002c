"""The network's pages. They sit under casework's prefix and namespace (``casework:``, see the
root URL conf): they came from there, and their URLs and names stay as they were."""

from django.urls import path

from pik.network import views

urlpatterns = [
    path("klienten/<int:pk>/weitergabe/", views.referral_add, name="referral_add"),
    path("netzwerk/", views.directory, name="directory"),
    path("netzwerk/neu/", views.actor_add, name="actor_add"),
    path("netzwerk/import/", views.actors_import, name="actors_import"),
    path("netzwerk/export.xlsx", views.actors_export, name="actors_export"),
    path("netzwerk/<int:pk>/", views.actor_edit, name="actor_edit"),
    path("netzwerk/<int:pk>/aufnehmen/", views.actor_accept, name="actor_accept"),
]
