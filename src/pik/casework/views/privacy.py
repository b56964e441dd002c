"""Pages of the data protection duties: what the retention run anonymises soon, the
subject-access export (JSON, PDF), erasure on request."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from pik.casework import forms, rules, selectors, services
from pik.casework.documents import export_pdf
from pik.casework.views.base import caseworker, client_url, form_view
from pik.core.sorting import Sorting


@login_required
def retention_due(request: HttpRequest) -> HttpResponse:
    user = caseworker(request)
    today = timezone.localdate()
    sorting = Sorting.from_request(
        request.GET, selectors.RETENTION_SORT_COLUMNS, selectors.RETENTION_SORT_DEFAULT
    )
    due = list(  # 404 unless coordinator
        selectors.retention_due(user=user, on=today, within_days=60, order=sorting.order_by())
    )
    selectors.client_list_logged(user=user, clients=due, page="retention_due")
    rows = [(c, selectors.anonymise_on(c)) for c in due]
    return render(
        request,
        "casework/retention.html",
        {"rows": rows, "today": today, "days": selectors.retention_days(), "sorting": sorting},
    )


@login_required
def export_json(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = selectors.client_get(user=user, pk=pk, log_read=False)
    data = selectors.client_export(user=user, client=client)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="auskunft-{client.pk}.json"'
    return response


@login_required
def export_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = selectors.client_get(user=user, pk=pk, log_read=False)
    data = selectors.client_export(user=user, client=client)
    response = HttpResponse(export_pdf(client=client, data=data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="auskunft-{client.pk}.pdf"'
    return response


@login_required
def client_erase(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    if not rules.may_erase(user, client):  # a page for the coordination only
        raise Http404
    form = forms.EraseForm(request.POST or None)
    return form_view(
        request,
        form,
        lambda d: services.client_erase(client=client, actor=user, **form.cleaned_data),
        success="Die Akte ist gelöscht. Die Löschung ist protokolliert.",
        to="casework:client_list",
        title=f"Akte löschen (Antrag der Person): {client}",
        intro=(
            "Alle Daten der Person werden endgültig gelöscht: Stammdaten, Kontakte, "
            "Einwilligungen, Integrationsplan, Aufgaben. Erstellen Sie vorher die Auskunft, "
            "falls die Person sie erhalten soll. Das Protokoll vermerkt die Löschung mit Grund "
            "und Anmerkung dauerhaft, deshalb gehört kein Name in die Anmerkung."
        ),
        back=client_url(client),
        submit="Endgültig löschen",
        danger=True,
    )
