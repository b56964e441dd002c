"""The public pages: start page, programme pages and the legal pages (no login needed)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from pik.funding import selectors as funding
from pik.portal.cache import cached_for_visitors
from pik.portal.selectors import start

LEGAL_PAGES = {"impressum", "datenschutz", "barrierefreiheit"}


@cached_for_visitors(depends_on=funding.public_data_stamp)
def home(request: HttpRequest) -> HttpResponse:
    """The public entry page: the pact, its programmes with their budgets, the next deadlines,
    notices and events, the ways in."""
    return render(request, "portal/home.html", start.start_page())


@cached_for_visitors(depends_on=funding.public_data_stamp)
def programme_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One programme from its data: budgets per year, the rules in force, how to apply."""
    return render(
        request, "portal/programme_detail.html", {"item": funding.public_programme(code=code)}
    )


@cached_for_visitors
def legal(request: HttpRequest, page: str) -> HttpResponse:
    """Imprint, privacy and accessibility statement: one template per language (long legal
    texts are kept whole rather than cut into message ids; ADR 0024)."""
    language = "en" if (get_language() or "de").startswith("en") else "de"
    return render(request, f"portal/legal/{page}_{language}.html", {"page": page})
