"""Pages of the moves of a record: handover within the Kreis, transfer to another Kreis."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pik.casework import forms, selectors, services
from pik.casework.views.base import caseworker, client_url, form_page, form_view, submit
from pik.orgs import selectors as org_selectors


@login_required
def handover_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    people = org_selectors.managers_in_kreis(
        kreis_id=client.kreis_id, exclude_ids=(client.responsible_id, user.pk)
    )
    form = forms.PersonChoiceForm(request.POST or None, people=people, label="übergeben an")
    done = submit(
        request,
        form,
        lambda d: services.handover_request(
            client=client,
            to_user=form.cleaned_data["person"],
            note=form.cleaned_data["note"],
            actor=user,
        ),
        success="Die Übergabe wartet auf Annahme.",
        to=client_url(client),
    )
    if done is not None:
        return done
    employers = org_selectors.manager_employers(kreis_id=client.kreis_id)
    return form_page(
        request,
        title=f"Übergabe: {client}",
        intro=(
            "Übergeben können Sie an jede Integrationsmanagerin und jeden Integrationsmanager im "
            "Kreis, auch bei einem anderen Arbeitgeber. Die Akte wechselt erst mit der Annahme."
        ),
        people=[(p, employers.get(p.pk, "")) for p in people],
        form=form,
        back=client_url(client),
        submit="Übergabe anbieten",
    )


@login_required
def handover_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    handover = selectors.handover_get(user=user, pk=pk)
    if request.method == "POST":
        action = request.POST.get("action", "")
        service = {
            "accept": services.handover_accept,
            "decline": services.handover_decline,
            "cancel": services.handover_cancel,
        }.get(action)
        if service is None:
            messages.error(request, "Unbekannte Aktion.")
        else:
            try:
                service(handover=handover, actor=user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "Die Übergabe ist bearbeitet.")
                if action == "accept":
                    return redirect(client_url(handover.client))
                return redirect("casework:my_day")
        return redirect("casework:handover_detail", pk=handover.pk)
    selectors.client_read_logged(user=user, client=handover.client)
    return render(
        request,
        "casework/handover.html",
        {
            "handover": handover,
            "allowed": [t.action for t in selectors.handover_allowed(handover, user)],
        },
    )


@login_required
def transfer_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    form = forms.TransferForm(
        request.POST or None, kreise=org_selectors.other_kreise(kreis_id=client.kreis_id)
    )
    return form_view(
        request,
        form,
        lambda d: services.transfer_request(client=client, actor=user, **form.cleaned_data),
        success="Der Kreiswechsel ist beantragt.",
        to=client_url(client),
        title=f"Kreiswechsel: {client}",
        intro=(
            "Die Akte geht erst an den anderen Kreis, wenn dessen Koordination sie übernimmt. "
            "Dafür muss die Einwilligung zur Übermittlung vorliegen."
        ),
        back=client_url(client),
        submit="Kreiswechsel beantragen",
    )


@login_required
def transfer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    transfer = selectors.transfer_get(user=user, pk=pk)
    form = forms.PersonChoiceForm(
        request.POST or None,
        people=org_selectors.managers_in_kreis(kreis_id=transfer.to_kreis_id),
        label="zuständig im neuen Kreis",
        required=False,
        note=False,
    )
    if request.method == "POST":
        try:
            if request.POST.get("action") == "decline":
                services.transfer_decline(transfer=transfer, actor=user)
                messages.success(request, "Der Kreiswechsel ist abgelehnt.")
                return redirect("casework:my_day")
            if form.is_valid():
                services.transfer_accept(
                    transfer=transfer, responsible=form.cleaned_data["person"], actor=user
                )
                messages.success(request, "Die Akte ist übernommen.")
                return redirect(client_url(transfer.client))
        except ValidationError as exc:
            forms.show_errors(form, exc)
    else:
        selectors.client_read_logged(user=user, client=transfer.client)
    return render(request, "casework/transfer.html", {"transfer": transfer, "form": form})
