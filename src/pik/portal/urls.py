from django.urls import path

from pik.portal import urls_content, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("programme/<slug:code>/", views.programme_detail, name="programme"),
    path("impressum/", views.legal, {"page": "impressum"}, name="impressum"),
    path("datenschutz/", views.legal, {"page": "datenschutz"}, name="datenschutz"),
    path("barrierefreiheit/", views.legal, {"page": "barrierefreiheit"}, name="barrierefreiheit"),
]
urlpatterns += urls_content.urlpatterns
