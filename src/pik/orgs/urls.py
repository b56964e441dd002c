from django.urls import path

from pik.orgs import views

app_name = "orgs"
urlpatterns = [
    path("start/", views.start, name="start"),
    path("kreise/", views.kreis_list, name="kreis_list"),
    path("kreise/<str:ags>/", views.kreis_detail, name="kreis_detail"),
]
