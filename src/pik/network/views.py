"""Pages of the network: record a referral on a client record (a casework page in look and
place: /fallarbeit/klienten/<pk>/weitergabe/)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from pik.casework import selectors as casework
from pik.casework.views.base import caseworker, client_url, form_view
from pik.network import forms, services


@login_required
def referral_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = casework.client_get(user=user, pk=pk, log_read=request.method == "GET")
    form = forms.ReferralForm(request.POST or None, initial={"shared_on": timezone.localdate()})
    return form_view(
        request,
        form,
        lambda d: services.referral_record(client=client, actor=user, **d),
        success="Die Weitergabe ist eingetragen.",
        to=client_url(client),
        title=f"Weitergabe an Netzwerkpartner: {client}",
        intro=(
            "Weitergegeben werden darf nur an Netzwerkpartner, für die eine gültige "
            "Einwilligung vorliegt."
        ),
        back=client_url(client),
    )
