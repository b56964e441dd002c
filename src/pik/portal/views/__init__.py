"""The public pages: start page, programme pages and the legal pages (no login needed)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from pik.funding import selectors as funding

LEGAL_PAGES = {"impressum", "datenschutz", "barrierefreiheit"}


def home(request: HttpRequest) -> HttpResponse:
    """The public entry page: the pact, its programmes with their budgets, the ways in."""
    return render(request, "portal/home.html", {"programmes": funding.public_programmes()})


def programme_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One programme from its data: budgets per year, the rules in force, how to apply."""
    return render(
        request, "portal/programme_detail.html", {"item": funding.public_programme(code=code)}
    )


def legal(request: HttpRequest, page: str) -> HttpResponse:
    """Imprint, privacy and accessibility statement: one template per language (long legal
    texts are kept whole rather than cut into message ids; ADR 0024)."""
    language = "en" if (get_language() or "de").startswith("en") else "de"
    return render(request, f"portal/legal/{page}_{language}.html", {"page": page})
