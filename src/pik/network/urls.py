"""The network's pages. They sit under casework's prefix and namespace (``casework:``, see the
root URL conf): they came from there, and their URLs and names stay as they were."""

from django.urls import path

from pik.network import views

urlpatterns = [
    path("klienten/<int:pk>/weitergabe/", views.referral_add, name="referral_add"),
]
