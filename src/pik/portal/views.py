from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """The public entry page of the authority."""
    return render(request, "portal/home.html")
