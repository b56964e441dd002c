"""The page to record a counselling contact (the quick form sits on the client page)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from pik.casework import forms, selectors, services
from pik.casework.views.base import caseworker, client_url, form_view


@login_required
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    form = forms.ContactForm(request.POST or None)
    return form_view(
        request,
        form,
        lambda d: services.contact_record(
            client=client,
            occurred_on=d["occurred_on"],
            kind=d["kind"],
            duration_minutes=d["duration_minutes"],
            topics=d["topics"],
            notes=d["notes"],
            interpreter=d["interpreter"],
            actor=user,
        ),
        success="Der Kontakt ist erfasst.",
        to=client_url(client),
        title=f"Kontakt erfassen: {client}",
        back=client_url(client),
    )
