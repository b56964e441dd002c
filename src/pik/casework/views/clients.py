"""Pages of the client record: list, new record, the record page, personal data, health notes,
end of counselling, assignment, sharing; and the coordinator's overview of the Kreis.

Thin: parse, get the record through a scoped selector (404 for what the user may not see), call
the service (which checks its own rule), render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from pik.casework import forms, languages, rules, selectors, services
from pik.casework.views.base import (
    PAGE_SIZE,
    caseworker,
    client_url,
    form_page,
    form_view,
    submit,
)
from pik.core.durations import duration_de
from pik.core.sorting import Sorting
from pik.orgs import selectors as org_selectors
from pik.orgs.selectors import kreis_gemeinden, kreis_list


@login_required
def client_list(request: HttpRequest) -> HttpResponse:
    user = caseworker(request)
    query = request.GET.get("q", "")[:100].replace("\x00", "")
    status = request.GET.get("status", "active")
    responsible = request.GET.get("zustaendig", "")
    sorting = Sorting.from_request(
        request.GET, selectors.CLIENT_SORT_COLUMNS, selectors.CLIENT_SORT_DEFAULT
    )
    qs = selectors.client_list(
        user=user,
        query=query,
        status=status,
        responsible=responsible,
        order=sorting.order_by(),
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("seite"))
    selectors.client_list_logged(user=user, clients=page.object_list, query=query)
    return render(
        request,
        "casework/client_list.html",
        {
            "page": page,
            "sorting": sorting,
            "query": query,
            "status": status,
            "responsible": responsible,
            "statuses": selectors.CLIENT_STATUSES,
            "coordinator": rules.is_coordinator(user),
            "managers": org_selectors.managers_in_kreis(kreis_id=rules.casework_kreis_id(user) or 0)
            if rules.is_coordinator(user)
            else [],
        },
    )


@login_required
def kreis_overview(request: HttpRequest) -> HttpResponse:
    sorting = Sorting.from_request(
        request.GET, selectors.CASELOAD_SORT_COLUMNS, selectors.CASELOAD_SORT_DEFAULT
    )
    overview = selectors.kreis_overview(  # 404 unless coordinator
        user=caseworker(request), order=sorting.order_by(tiebreak="responsible_id")
    )
    return render(
        request,
        "casework/kreis_overview.html",
        {"rows": overview.rows, "transfers": overview.transfers, "sorting": sorting},
    )


@login_required
def client_create(request: HttpRequest) -> HttpResponse:
    user = caseworker(request)
    kreis_id = rules.casework_kreis_id(user)
    if kreis_id is None:
        raise Http404
    kreis = kreis_list(user=user).get(pk=kreis_id)
    # the coordination may give the new record to a manager: only it gets the choice
    assigns = rules.may_assign_in(user, kreis_id)
    managers = org_selectors.managers_in_kreis(kreis_id=kreis.pk) if assigns else None
    form = forms.ClientCreateForm(
        request.POST or None,
        gemeinden=kreis_gemeinden(kreis=kreis),
        households=selectors.households_for(user=user, kreis_id=kreis.pk),
        managers=managers,
        initial={"counselling_start": timezone.localdate()},  # counselling starts today
    )
    duplicates: list[selectors.PossibleDuplicate] = []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        birth_year = d.get("birth_year") or (d["birth_date"].year if d.get("birth_date") else None)
        duplicates = selectors.client_duplicates(
            user=user,
            kreis_id=kreis.pk,
            first_name=d["first_name"],
            last_name=d["last_name"],
            birth_year=birth_year,
        )
        selectors.client_list_logged(user=user, clients=duplicates, page="client_create")
        if duplicates and not d.get("confirm_duplicate"):
            form.add_error(
                None,
                "Möglicherweise ist die Person schon erfasst (siehe unten). Bitte prüfen Sie "
                "die Einträge und bestätigen Sie, dass es eine andere Person ist.",
            )
        else:
            try:
                client = services.client_create(
                    kreis=kreis,
                    data=form.client_data(),
                    consent_given_on=d["consent_given_on"],
                    consent_language=d["consent_language"],
                    responsible=d.get("responsible"),
                    household_name=d.get("household_name", ""),
                    actor=user,
                )
            except ValidationError as exc:
                forms.show_errors(form, exc)
            else:
                messages.success(request, f"Die Akte für {client} ist angelegt.")
                return redirect(client_url(client))
    if not duplicates:
        del form.fields["confirm_duplicate"]  # the check is asked only when a warning exists
    return render(
        request,
        "casework/client_form.html",
        {
            "form": form,
            "duplicates": duplicates,
            "kreis": kreis,
            "title": "Neue Klientin / neuer Klient",
        },
    )


@login_required
def client_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.client_page(user=caseworker(request), pk=pk)
    return render(
        request,
        "casework/client_detail.html",
        {**page.context(), "contact_form": forms.ContactForm(), "languages": languages.LANGUAGES},
    )


@login_required
def client_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    form = forms.ClientEditForm(
        request.POST or None,
        initial=forms.ClientForm.initial_for(client),
        gemeinden=kreis_gemeinden(kreis=client.kreis),
        households=selectors.households_for(user=user, kreis_id=client.kreis_id),
    )
    done = submit(
        request,
        form,
        lambda d: services.client_update(
            client=client,
            data=form.client_data(),
            expected_version=form.cleaned_data["version"],
            actor=user,
        ),
        success="Die Änderungen sind gespeichert.",
        to=client_url(client),
    )
    if done is not None:
        return done
    return render(
        request,
        "casework/client_form.html",
        {"form": form, "client": client, "title": f"Akte bearbeiten: {client}"},
    )


@login_required
def health_notes(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = selectors.client_get(user=user, pk=pk, log_read=False)
    notes = selectors.client_health_notes(user=user, client=client)  # 404 unless allowed
    form = forms.HealthNotesForm(
        request.POST or None, initial={"notes": notes, "version": client.version}
    )
    done = submit(
        request,
        form,
        lambda d: services.client_health_notes_set(
            client=client,
            notes=form.cleaned_data["notes"],
            expected_version=form.cleaned_data["version"],
            actor=user,
        ),
        success="Die gesundheitlichen Hinweise sind gespeichert.",
        to=client_url(client),
    )
    if done is not None:
        return done
    return form_page(
        request,
        title=f"Gesundheitliche Hinweise: {client}",
        intro=(
            "Besonders geschützte Daten (Art. 9 DSGVO): nur für die zuständige Person und die "
            "Koordination sichtbar; ändern kann nur die zuständige Person; jeder Aufruf wird "
            "protokolliert."
        ),
        form=form,
        back=client_url(client),
    )


@login_required
def client_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    form = forms.CloseForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    done = submit(
        request,
        form,
        lambda d: services.client_close(
            client=client,
            ended_on=form.cleaned_data["ended_on"],
            reason=form.cleaned_data["reason"],
            actor=user,
        ),
        success="Die Beratung ist beendet.",
        to=client_url(client),
    )
    if done is not None:
        return done
    return form_page(
        request,
        title=f"Beratung beenden: {client}",
        intro=(
            f"Nach dem Ende der Beratung läuft die Aufbewahrungsfrist "
            f"({duration_de(selectors.retention_days())}); danach wird die Akte anonymisiert."
        ),
        form=form,
        back=client_url(client),
        submit="Beratung beenden",
    )


@login_required
def client_assign(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    if not rules.may_assign(user, client):  # a page for the coordination only
        raise Http404
    form = forms.PersonChoiceForm(
        request.POST or None,
        people=org_selectors.managers_in_kreis(kreis_id=client.kreis_id),
        label="zuständig",
        required=False,
        note=False,
        initial={"person": client.responsible_id},
    )
    return form_view(
        request,
        form,
        lambda d: services.client_assign(
            client=client, responsible=form.cleaned_data["person"], actor=user
        ),
        success="Die Zuständigkeit ist geändert.",
        to=client_url(client),
        title=f"Zuständigkeit: {client}",
        back=client_url(client),
    )


@login_required
def client_share(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    shared = selectors.client_shared_with(client=client)
    if request.method == "POST" and request.POST.get("remove"):
        person = selectors.shared_person(client=client, pk=request.POST["remove"])  # or 404
        try:
            services.client_share(client=client, user=person, shared=False, actor=user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("casework:client_share", pk=client.pk)
    people = org_selectors.managers_in_kreis(
        kreis_id=client.kreis_id, exclude_ids=(client.responsible_id, user.pk)
    )
    form = forms.PersonChoiceForm(
        request.POST or None, people=people, label="teilen mit", note=False
    )
    done = submit(
        request,
        form,
        lambda d: services.client_share(client=client, user=d["person"], shared=True, actor=user),
        success="Die Akte ist geteilt.",
        to=reverse("casework:client_share", args=[client.pk]),
    )
    if done is not None:
        return done
    return render(
        request, "casework/share.html", {"client": client, "shared": shared, "form": form}
    )
