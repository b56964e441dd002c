"""Pages of the network: record a referral on a client record (a casework page in look and
place: /fallarbeit/klienten/<pk>/weitergabe/)."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pik.casework import selectors as casework
from pik.casework.views.base import caseworker, client_url, form_view
from pik.core.pdf import render_pdf
from pik.core.sorting import Sorting
from pik.core.tables import workbook_bytes
from pik.network import forms, rules, selectors, services
from pik.network.forms import ActorFilterForm, ActorForm, ActorImportForm
from pik.network.services.directory import COLUMNS
from pik.orgs.selectors import gemeinde_resolve, kreis_gemeinden


@login_required
def referral_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = casework.client_get(user=user, pk=pk, log_read=request.method == "GET")
    form = forms.ReferralForm(
        request.POST or None,
        initial={"shared_on": timezone.localdate()},
        partners=selectors.referral_partners(user=user, client=client),
        steps=selectors.referral_steps(client=client),
    )

    def record(data: dict[str, Any]) -> Any:
        partner = selectors.actor_get(user=user, pk=data["partner"]) if data["partner"] else None
        step = selectors.plan_step(client=client, pk=data["step"]) if data["step"] else None
        return services.referral_record(
            client=client,
            actor=user,
            partner=partner,
            step=step,
            network_actor=data["network_actor"],
            purpose=data["purpose"],
            shared_on=data["shared_on"],
        )

    return form_view(
        request,
        form,
        record,
        success=_(
            "Die Vermittlung ist eingetragen; eine Rückmeldung wird in zwei Wochen erwartet."
        ),
        to=client_url(client),
        title=_("Vermittlung an einen Netzwerkpartner: %(client)s") % {"client": client},
        intro=_(
            "Vermittelt und weitergegeben werden darf nur an Netzwerkpartner, für die eine "
            "gültige Einwilligung vorliegt."
        ),
        back=client_url(client),
    )


@login_required
def referral_progress(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    referral = selectors.referral_get(user=user, pk=pk)
    if request.method == "GET":  # the page is about the client's record
        casework.client_read_logged(user=user, client=referral.client)
    form = forms.ReferralProgressForm(request.POST or None)
    return form_view(
        request,
        form,
        lambda d: services.referral_progress(referral=referral, actor=user, **d),
        success=_("Der Stand der Vermittlung ist gespeichert."),
        to=client_url(referral.client),
        title=_("Vermittlung an %(partner)s (%(state)s)")
        % {"partner": referral.network_actor, "state": referral.get_status_display()},
        back=client_url(referral.client),
    )


@login_required
def referral_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The referral letter to the partner (PDF), for the record's workers."""
    user = caseworker(request)
    referral = selectors.referral_get(user=user, pk=pk)
    casework.client_read_logged(user=user, client=referral.client)  # the letter names the person
    response = HttpResponse(
        render_pdf("network/pdf/referral.html", {"referral": referral}),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="vermittlung-{referral.pk}.pdf"'
    return response


# --- The directory of network partners (the Kreis of the signed-in caseworker) ----------------


def _gemeinden(kreis: Any) -> list[tuple[str, str]]:
    return [(g.ags, str(g)) for g in kreis_gemeinden(kreis=kreis)]


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    user = caseworker(request)
    kreis = selectors.directory_kreis(user=user)
    gemeinden = _gemeinden(kreis)
    form = ActorFilterForm(request.GET or None, gemeinden=gemeinden)
    sorting = Sorting.from_request(
        request.GET, selectors.ACTOR_SORT_COLUMNS, selectors.ACTOR_SORT_DEFAULT
    )
    wanted: dict[str, Any] = {"order": sorting.order_by()}
    if form.is_valid():
        data = form.cleaned_data
        wanted |= {"text": data["text"], "topic": data["topic"], "language": data["language"]}
        if data["gemeinde"].strip():  # by name ("Stadt Böblingen", "boeblingen") or its key
            chosen = gemeinde_resolve(user=user, text=data["gemeinde"])
            wanted["gemeinde"] = [g.pk for g in kreis_gemeinden(kreis=kreis) if g.pk in chosen]
            if not wanted["gemeinde"]:
                form.add_error(
                    "gemeinde", _("Keine Gemeinde dieses Namens im %(kreis)s.") % {"kreis": kreis}
                )
    coordinator = rules.may_maintain_directory(user, kreis.pk)
    context = {
        "kreis": kreis,
        "form": form,
        "sorting": sorting,
        "partners": selectors.actor_list(user=user, kreis=kreis, **wanted),
        "suggested": selectors.actor_list(user=user, kreis=kreis, suggested=True),
        "gaps": selectors.directory_gaps(user=user, kreis=kreis),
        "outcomes": selectors.partner_outcomes(user=user, kreis=kreis),
        "coordinator": coordinator,  # which buttons to show; the selectors decide what is read
    }
    return render(request, "network/directory.html", context)


@login_required
def actor_add(request: HttpRequest) -> HttpResponse:
    user = caseworker(request)
    kreis = selectors.directory_kreis(user=user)
    coordinator = rules.may_maintain_directory(user, kreis.pk)
    form = ActorForm(request.POST or None, gemeinden=_gemeinden(kreis))
    return form_view(
        request,
        form,
        lambda d: services.actor_save(kreis=kreis, data=d, actor=user),
        success=_("Der Netzwerkpartner steht im Verzeichnis.")
        if coordinator
        else _("Ihr Vorschlag ist bei der Koordination des Kreises."),
        to=reverse("casework:directory"),
        title=_("Netzwerkpartner eintragen") if coordinator else _("Netzwerkpartner vorschlagen"),
        back=reverse("casework:directory"),
    )


@login_required
def actor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    partner = selectors.actor_get(user=user, pk=pk)
    if not rules.may_maintain_directory(user, partner.kreis_id):
        return render(request, "network/actor_detail.html", {"partner": partner})
    initial = {f: getattr(partner, f) for f in ActorForm.base_fields if hasattr(partner, f)}
    initial["gemeinde"] = partner.gemeinde.ags
    form = ActorForm(request.POST or None, initial=initial, gemeinden=_gemeinden(partner.kreis))
    return form_view(
        request,
        form,
        lambda d: services.actor_save(
            kreis=partner.kreis,
            data=d,
            actor=user,
            partner=partner,
            expected_version=d.get("version"),
        ),
        success=_("Gespeichert."),
        to=reverse("casework:directory"),
        title=str(partner),
        back=reverse("casework:directory"),
    )


@login_required
def actor_accept(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    partner = selectors.actor_get(user=user, pk=pk)
    return form_view(
        request,
        django_forms.Form(request.POST or None),
        lambda _d: services.actor_accept(partner=partner, actor=user),
        success=_("Der Vorschlag steht jetzt im Verzeichnis."),
        to=reverse("casework:directory"),
        title=_("Vorschlag aufnehmen: %(name)s") % {"name": partner},
        submit=_("Ins Verzeichnis aufnehmen"),
        back=reverse("casework:directory"),
    )


@login_required
def actors_import(request: HttpRequest) -> HttpResponse:
    user = caseworker(request)
    kreis = selectors.directory_kreis(user=user)
    form = ActorImportForm(request.POST or None, request.FILES or None)
    return form_view(
        request,
        form,
        lambda d: services.actors_import(
            kreis=kreis, source=d["file"].read(), name=d["file"].name, actor=user
        ),
        success=_("Die Netzwerkpartner aus der Datei sind übernommen."),
        to=reverse("casework:directory"),
        title=_("Netzwerkpartner aus einer Datei übernehmen"),
        multipart=True,
        back=reverse("casework:directory"),
    )


@login_required
def actors_export(request: HttpRequest) -> HttpResponse:
    user = caseworker(request)
    kreis = selectors.directory_kreis(user=user)
    rows = selectors.actor_rows(user=user, kreis=kreis)
    response = HttpResponse(
        workbook_bytes("Netzwerkpartner", list(COLUMNS), rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="netzwerkpartner.xlsx"'
    return response
