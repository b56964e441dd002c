"""Contact person per Kreis: search (with autocomplete), the table and the PDF list."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from pik.core.pdf import render_pdf
from pik.portal.selectors import contacts


def _unit() -> dict[str, str]:
    return {"unit": contacts.UNIT, "address": contacts.ADDRESS, "mailbox": contacts.MAILBOX}


def contact_search(request: HttpRequest) -> HttpResponse:
    """Works as a plain search form; with JavaScript the field suggests names as you type."""
    query = request.GET.get("ort", "").strip()[:100]
    matches = contacts.search(query=query) if query else []
    return render(
        request,
        "portal/contacts.html",
        {"query": query, "matches": matches, **_unit()},
    )


def contact_places(request: HttpRequest) -> JsonResponse:
    """Names for the autocomplete (Gemeinden and Kreise), tolerant to umlauts and ß."""
    query = request.GET.get("q", "").strip()[:100]
    return JsonResponse({"places": contacts.place_names(query=query)})


def contact_table(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/contact_table.html", {"rows": contacts.contact_table(), **_unit()}
    )


def contact_pdf(request: HttpRequest) -> HttpResponse:
    """The PDF list, made on request from the current assignment (never a stale file)."""
    pdf = render_pdf(
        "portal/pdf/contacts.html",
        {"rows": contacts.contact_table(), "today": timezone.localdate(), **_unit()},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="pik-ansprechpersonen.pdf"'
    return response
