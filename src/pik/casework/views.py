"""Thin HTTP layer of casework: parse, look up through a scoped selector, call a service, render.

Every object comes from a selector that takes the user (another Kreis's record is a 404). Action
pages answer GET with a confirmation form, so they work without JavaScript.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from pik.casework import forms, rules, selectors, services
from pik.casework.documents import consent_form_pdf, export_pdf, plan_pdf
from pik.orgs import selectors as org_selectors
from pik.orgs.selectors import kreis_gemeinden, kreis_list

PAGE_SIZE = 50


def _user(request: HttpRequest) -> Any:
    selectors.require_casework(request.user)
    return request.user


def _client_url(client: Any) -> str:
    return reverse("casework:client_detail", args=[client.pk])


def _submit(
    request: HttpRequest,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    *,
    success: str,
    to: str,
) -> HttpResponse | None:
    """On a valid POST run the service; its German errors go back into the form (nothing is
    saved), success redirects. ``None`` means: render the page (again)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        action(form.cleaned_data)
    except ValidationError as exc:
        forms.show_errors(form, exc)
        return None
    if success:
        messages.success(request, success)
    return redirect(to)


def _form_page(request: HttpRequest, **context: Any) -> HttpResponse:
    context.setdefault("submit", "Speichern")
    return render(request, "casework/form_page.html", context)


# --- Overview pages -------------------------------------------------------------------------


@login_required
def my_day(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    day = selectors.my_day(user=user)
    selectors.client_list_logged(user=user, clients=day.clients(), page="my_day")
    return render(request, "casework/my_day.html", {"day": day})


@login_required
def client_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    query = request.GET.get("q", "")[:100].replace("\x00", "")
    status = request.GET.get("status", "active")
    responsible = request.GET.get("zustaendig", "")
    qs = selectors.client_list(user=user, query=query, status=status, responsible=responsible)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("seite"))
    selectors.client_list_logged(user=user, clients=page.object_list, query=query)
    return render(
        request,
        "casework/client_list.html",
        {
            "page": page,
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
    user = _user(request)
    if not rules.is_coordinator(user):
        raise Http404
    transfers = list(selectors.transfers_incoming(user=user))
    selectors.client_list_logged(
        user=user, clients=[t.client for t in transfers], page="kreis_overview"
    )
    return render(
        request,
        "casework/kreis_overview.html",
        {"rows": selectors.caseload_by_manager(user=user), "transfers": transfers},
    )


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(request, "casework/statistics.html", {"stats": selectors.statistics(user=user)})


@login_required
def retention_due(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not rules.is_coordinator(user):
        raise Http404
    today = timezone.localdate()
    due = list(selectors.retention_due(user=user, on=today, within_days=60))
    selectors.client_list_logged(user=user, clients=due, page="retention_due")
    rows = [(c, selectors.anonymise_on(c)) for c in due]
    return render(
        request,
        "casework/retention.html",
        {"rows": rows, "today": today, "days": selectors.retention_days()},
    )


# --- Client record --------------------------------------------------------------------------


@login_required
def client_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    kreis_id = rules.casework_kreis_id(user)
    if kreis_id is None:
        raise Http404
    kreis = kreis_list(user=user).get(pk=kreis_id)
    coordinator = rules.is_coordinator_of(user, kreis_id)
    managers = org_selectors.managers_in_kreis(kreis_id=kreis.pk) if coordinator else None
    form = forms.ClientCreateForm(
        request.POST or None,
        gemeinden=kreis_gemeinden(kreis=kreis),
        households=selectors.households_for(user=user, kreis_id=kreis.pk),
        managers=managers,
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
                    responsible=d.get("responsible") if coordinator else None,
                    household_name=d.get("household_name", ""),
                    actor=user,
                )
            except ValidationError as exc:
                forms.show_errors(form, exc)
            else:
                messages.success(request, f"Die Akte für {client} ist angelegt.")
                return redirect(_client_url(client))
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
    user = _user(request)
    client = selectors.client_get(user=user, pk=pk, log_read=False)
    members = selectors.household_members(user=user, client=client)
    selectors.client_read_logged(user=user, client=client, also_shown=members)
    return render(
        request,
        "casework/client_detail.html",
        {
            "client": client,
            "contact_form": forms.ContactForm(),
            "contacts": selectors.client_contacts(client=client)[:20],
            "household_members": members,
            "consents": selectors.client_consents(client=client),
            "referrals": selectors.client_referrals(client=client)[:10],
            "purposes": selectors.consent_purposes_active(client=client),
            "plan": selectors.client_plan(client=client),
            "tasks": selectors.client_tasks(client=client),
            "handovers": selectors.client_handovers(client=client)[:5],
            "transfers": selectors.client_transfers(client=client)[:5],
            "access_log": selectors.client_access_log(client=client),
            "is_responsible": client.responsible_id == user.pk,
            "may_read_health": rules.may_read_health_notes(user, client),
            "coordinator": rules.is_coordinator_of(user, client.kreis_id),
            "anonymise_on": selectors.anonymise_on(client),
            "languages": forms.LANGUAGE_CHOICES,
        },
    )


@login_required
def client_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    form = forms.ClientEditForm(
        request.POST or None,
        initial=forms.ClientForm.initial_for(client),
        gemeinden=kreis_gemeinden(kreis=client.kreis),
        households=selectors.households_for(user=user, kreis_id=client.kreis_id),
    )
    done = _submit(
        request,
        form,
        lambda d: services.client_update(
            client=client,
            data=form.client_data(),
            expected_version=form.cleaned_data["version"],
            actor=user,
        ),
        success="Die Änderungen sind gespeichert.",
        to=_client_url(client),
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
    user = _user(request)
    client = selectors.client_get(user=user, pk=pk, log_read=False)
    notes = selectors.client_health_notes(user=user, client=client)  # 404 unless allowed
    form = forms.HealthNotesForm(
        request.POST or None, initial={"notes": notes, "version": client.version}
    )
    done = _submit(
        request,
        form,
        lambda d: services.client_health_notes_set(
            client=client,
            notes=form.cleaned_data["notes"],
            expected_version=form.cleaned_data["version"],
            actor=user,
        ),
        success="Die gesundheitlichen Hinweise sind gespeichert.",
        to=_client_url(client),
    )
    if done is not None:
        return done
    return _form_page(
        request,
        title=f"Gesundheitliche Hinweise: {client}",
        intro=(
            "Besonders geschützte Daten (Art. 9 DSGVO): nur für die zuständige Person und die "
            "Koordination sichtbar; ändern kann nur die zuständige Person; jeder Aufruf wird "
            "protokolliert."
        ),
        form=form,
        back=_client_url(client),
    )


@login_required
def client_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    form = forms.CloseForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    done = _submit(
        request,
        form,
        lambda d: services.client_close(
            client=client, ended_on=form.cleaned_data["ended_on"], actor=user
        ),
        success="Die Beratung ist beendet.",
        to=_client_url(client),
    )
    if done is not None:
        return done
    return _form_page(
        request,
        title=f"Beratung beenden: {client}",
        intro=(
            f"Nach dem Ende der Beratung läuft die Aufbewahrungsfrist "
            f"({selectors.retention_days()} Tage); danach wird die Akte anonymisiert."
        ),
        form=form,
        back=_client_url(client),
        submit="Beratung beenden",
    )


# --- Contacts and consent -------------------------------------------------------------------


@login_required
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    form = forms.ContactForm(request.POST or None)
    done = _submit(
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
        to=_client_url(client),
    )
    if done is not None:
        return done
    return _form_page(
        request, title=f"Kontakt erfassen: {client}", form=form, back=_client_url(client)
    )


@login_required
def consent_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    form = forms.ConsentForm(
        request.POST or None,
        request.FILES or None,
        initial={"given_on": timezone.localdate(), "purpose": request.GET.get("zweck", "")},
    )
    done = _submit(
        request,
        form,
        lambda d: services.consent_record(client=client, actor=user, **form.cleaned_data),
        success="Die Einwilligung ist eingetragen.",
        to=_client_url(client),
    )
    if done is not None:
        return done
    return _form_page(
        request,
        title=f"Einwilligung eintragen: {client}",
        intro=(
            "Schriftlich: bitte das unterschriebene Formular einscannen (PDF oder Bild). "
            "Mündlich: nur mit Zeugin oder Zeuge."
        ),
        form=form,
        multipart=True,
        back=_client_url(client),
    )


@login_required
def consent_scan(request: HttpRequest, pk: int) -> HttpResponse:
    """The scanned signed consent form (each opening is logged on the record)."""
    user = _user(request)
    consent = selectors.consent_scan_read(user=user, pk=pk)
    with consent.scan.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type=consent.scan_type)
    response["Content-Disposition"] = f'inline; filename="einwilligung-{consent.pk}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def referral_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    form = forms.ReferralForm(request.POST or None, initial={"shared_on": timezone.localdate()})
    done = _submit(
        request,
        form,
        lambda d: services.referral_record(client=client, actor=user, **d),
        success="Die Weitergabe ist eingetragen.",
        to=_client_url(client),
    )
    if done is not None:
        return done
    return _form_page(
        request,
        title=f"Weitergabe an Netzwerkpartner: {client}",
        intro=(
            "Weitergegeben werden darf nur an Netzwerkpartner, für die eine gültige "
            "Einwilligung vorliegt."
        ),
        form=form,
        back=_client_url(client),
    )


@login_required
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    consent = selectors.consent_get(user=user, pk=pk)
    if request.method == "GET":
        selectors.client_read_logged(user=user, client=consent.client)
    form = forms.WithdrawForm(request.POST or None, initial={"withdrawn_on": timezone.localdate()})
    done = _submit(
        request,
        form,
        lambda d: services.consent_withdraw(
            consent=consent, withdrawn_on=form.cleaned_data["withdrawn_on"], actor=user
        ),
        success="Der Widerruf ist eingetragen.",
        to=_client_url(consent.client),
    )
    if done is not None:
        return done
    return _form_page(
        request,
        title=f"Widerruf: {consent.get_purpose_display()}",
        intro=(
            "Der Widerruf beendet die Verarbeitung für diesen Zweck. Widerruf der Teilnahme "
            "beendet die Beratung; Widerruf zu Gesundheitsdaten löscht die Hinweise."
        ),
        form=form,
        back=_client_url(consent.client),
        submit="Widerruf eintragen",
        danger=True,
    )


# --- Integration plan -----------------------------------------------------------------------


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    plan = selectors.client_plan(client=client)
    initial: dict[str, Any] = {"version": plan.version if plan else 0}
    if plan is not None:
        initial |= {name: getattr(plan, name) for name in plan.TEXT_FIELDS}
        initial |= {
            "status": plan.status,
            "agreed_on": plan.agreed_on,
            "review_due": plan.review_due,
        }
    initial |= forms.PlanForm.situation_initial(plan)
    form = forms.PlanForm(request.POST or None, initial=initial)
    done = _submit(
        request,
        form,
        lambda d: services.plan_save(
            client=client,
            data=form.plan_data(),
            expected_version=form.cleaned_data["version"],
            actor=user,
        ),
        success="Der Integrationsplan ist gespeichert.",
        to=reverse("casework:plan_edit", args=[client.pk]),
    )
    if done is not None:
        return done
    return render(
        request,
        "casework/plan.html",
        {
            "client": client,
            "plan": plan,
            "form": form,
            # distinct ids per form, so every label points at its own field
            "goal_form": forms.GoalForm(auto_id="id_goal_%s"),
            "goal_rows": [
                (goal, forms.StepForm(auto_id=f"id_step{goal.pk}_%s"))
                for goal in (plan.goals.all() if plan else [])
            ],
            "languages": forms.LANGUAGE_CHOICES,
        },
    )


@login_required
def goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    form = forms.GoalForm(request.POST or None)
    back = reverse("casework:plan_edit", args=[client.pk])
    done = _submit(
        request,
        form,
        lambda d: services.goal_add(client=client, actor=user, **form.cleaned_data),
        success="Das Ziel ist eingetragen.",
        to=back,
    )
    if done is not None:
        return done
    return _form_page(request, title=f"Ziel eintragen: {client}", form=form, back=back)


@login_required
def goal_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    goal = selectors.goal_get(user=user, pk=pk)
    if request.method == "GET":
        selectors.client_read_logged(user=user, client=goal.plan.client)
    form = forms.GoalStatusForm(request.POST or None, initial={"status": goal.status})
    back = reverse("casework:plan_edit", args=[goal.plan.client_id])
    done = _submit(
        request,
        form,
        lambda d: services.goal_set_status(
            goal=goal, status=form.cleaned_data["status"], actor=user
        ),
        success="",
        to=back,
    )
    if done is not None:
        return done
    return _form_page(request, title=f"Ziel: {goal}", form=form, back=back)


@login_required
def step_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    goal = selectors.goal_get(user=user, pk=pk)
    if request.method == "GET":
        selectors.client_read_logged(user=user, client=goal.plan.client)
    form = forms.StepForm(request.POST or None)
    back = reverse("casework:plan_edit", args=[goal.plan.client_id])
    done = _submit(
        request,
        form,
        lambda d: services.step_add(goal=goal, actor=user, **form.cleaned_data),
        success="",
        to=back,
    )
    if done is not None:
        return done
    return _form_page(request, title=f"Schritt zu: {goal}", form=form, back=back)


@login_required
def step_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    step = selectors.step_get(user=user, pk=pk)
    back = reverse("casework:plan_edit", args=[step.goal.plan.client_id])
    if request.method == "POST":
        try:
            services.step_set_done(step=step, done=step.done_on is None, actor=user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(back)
    selectors.client_read_logged(user=user, client=step.goal.plan.client)
    return _form_page(
        request,
        title=f"Schritt: {step}",
        intro="Als erledigt markieren?" if step.done_on is None else "Wieder als offen markieren?",
        back=back,
        submit="Ja",
    )


# --- Tasks ----------------------------------------------------------------------------------


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = forms.TaskForm(request.POST or None, initial={"due_on": timezone.localdate()})
    done = _submit(
        request,
        form,
        lambda d: services.task_create(assigned_to=user, actor=user, **form.cleaned_data),
        success="Die Aufgabe ist angelegt.",
        to="casework:task_list",
    )
    if done is not None:
        return done
    tasks = list(selectors.task_list(user=user))
    selectors.client_list_logged(
        user=user, clients=[t.client for t in tasks if t.client], page="task_list"
    )
    return render(
        request,
        "casework/task_list.html",
        {"tasks": tasks, "form": form, "today": timezone.localdate()},
    )


@login_required
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    form = forms.TaskForm(request.POST or None, initial={"due_on": timezone.localdate()})
    done = _submit(
        request,
        form,
        lambda d: services.task_create(
            client=client,
            assigned_to=client.responsible or user,
            actor=user,
            **form.cleaned_data,
        ),
        success="Die Wiedervorlage ist angelegt.",
        to=_client_url(client),
    )
    if done is not None:
        return done
    return _form_page(
        request, title=f"Wiedervorlage: {client}", form=form, back=_client_url(client)
    )


@login_required
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    task = selectors.task_get(user=user, pk=pk)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("casework:task_list")
    if request.method == "POST":
        try:
            services.task_complete(task=task, actor=user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(back)
    if task.client is not None:
        selectors.client_read_logged(user=user, client=task.client)
    return _form_page(
        request, title=f"Aufgabe erledigt: {task}", back=back, submit="Als erledigt markieren"
    )


# --- Handover, assignment, transfer ---------------------------------------------------------


@login_required
def handover_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    people = org_selectors.managers_in_kreis(
        kreis_id=client.kreis_id, exclude_ids=(client.responsible_id, user.pk)
    )
    form = forms.PersonChoiceForm(request.POST or None, people=people, label="übergeben an")
    done = _submit(
        request,
        form,
        lambda d: services.handover_request(
            client=client,
            to_user=form.cleaned_data["person"],
            note=form.cleaned_data["note"],
            actor=user,
        ),
        success="Die Übergabe wartet auf Annahme.",
        to=_client_url(client),
    )
    if done is not None:
        return done
    employers = selectors.manager_employers(kreis_id=client.kreis_id)
    return _form_page(
        request,
        title=f"Übergabe: {client}",
        intro=(
            "Übergeben können Sie an jede Integrationsmanagerin und jeden Integrationsmanager im "
            "Kreis, auch bei einem anderen Arbeitgeber. Die Akte wechselt erst mit der Annahme."
        ),
        people=[(p, employers.get(p.pk, "")) for p in people],
        form=form,
        back=_client_url(client),
        submit="Übergabe anbieten",
    )


@login_required
def handover_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
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
                    return redirect(_client_url(handover.client))
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
def client_assign(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    if not rules.is_coordinator_of(user, client.kreis_id):
        raise Http404
    form = forms.PersonChoiceForm(
        request.POST or None,
        people=org_selectors.managers_in_kreis(kreis_id=client.kreis_id),
        label="zuständig",
        required=False,
        note=False,
        initial={"person": client.responsible_id},
    )
    done = _submit(
        request,
        form,
        lambda d: services.client_assign(
            client=client, responsible=form.cleaned_data["person"], actor=user
        ),
        success="Die Zuständigkeit ist geändert.",
        to=_client_url(client),
    )
    if done is not None:
        return done
    return _form_page(
        request, title=f"Zuständigkeit: {client}", form=form, back=_client_url(client)
    )


@login_required
def client_share(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    shared = selectors.client_shared_with(client=client)
    if request.method == "POST" and request.POST.get("remove"):
        person = (
            shared.filter(pk=request.POST["remove"]).first()
            if request.POST["remove"].isdigit()
            else None
        )
        if person is None:
            raise Http404
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
    done = _submit(
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


@login_required
def transfer_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    form = forms.TransferForm(
        request.POST or None, kreise=selectors.other_kreise(kreis_id=client.kreis_id)
    )
    done = _submit(
        request,
        form,
        lambda d: services.transfer_request(client=client, actor=user, **form.cleaned_data),
        success="Der Kreiswechsel ist beantragt.",
        to=_client_url(client),
    )
    if done is not None:
        return done
    return _form_page(
        request,
        title=f"Kreiswechsel: {client}",
        intro=(
            "Die Akte geht erst an den anderen Kreis, wenn dessen Koordination sie übernimmt. "
            "Dafür muss die Einwilligung zur Übermittlung vorliegen."
        ),
        form=form,
        back=_client_url(client),
        submit="Kreiswechsel beantragen",
    )


@login_required
def transfer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
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
                return redirect(_client_url(transfer.client))
        except ValidationError as exc:
            forms.show_errors(form, exc)
    else:
        selectors.client_read_logged(user=user, client=transfer.client)
    return render(request, "casework/transfer.html", {"transfer": transfer, "form": form})


# --- Data protection ------------------------------------------------------------------------


@login_required
def export_json(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
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
    user = _user(request)
    client = selectors.client_get(user=user, pk=pk, log_read=False)
    data = selectors.client_export(user=user, client=client)
    response = HttpResponse(export_pdf(client=client, data=data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="auskunft-{client.pk}.pdf"'
    return response


@login_required
def consent_form_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    client = selectors.client_get(user=user, pk=pk)
    language = request.GET.get("sprache", "en")
    if language not in services.LANGUAGES:
        raise Http404
    response = HttpResponse(
        consent_form_pdf(client=client, language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="einwilligung-{client.pk}-{language}.pdf"'
    return response


@login_required
def plan_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    client = selectors.client_get(user=user, pk=pk)
    plan = selectors.client_plan(client=client)
    if plan is None:
        raise Http404
    language = request.GET.get("sprache", "en")
    if language not in services.LANGUAGES:
        raise Http404
    response = HttpResponse(
        plan_pdf(client=client, plan=plan, language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="integrationsplan-{client.pk}.pdf"'
    return response


@login_required
def client_erase(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    if not rules.is_coordinator_of(user, client.kreis_id):
        raise Http404
    form = forms.EraseForm(request.POST or None)
    done = _submit(
        request,
        form,
        lambda d: services.client_erase(client=client, actor=user, **form.cleaned_data),
        success="Die Akte ist gelöscht. Die Löschung ist protokolliert.",
        to="casework:client_list",
    )
    if done is not None:
        return done
    return _form_page(
        request,
        title=f"Akte löschen (Antrag der Person): {client}",
        intro=(
            "Alle Daten der Person werden endgültig gelöscht: Stammdaten, Kontakte, "
            "Einwilligungen, Integrationsplan, Aufgaben. Erstellen Sie vorher die Auskunft, "
            "falls die Person sie erhalten soll. Das Protokoll vermerkt die Löschung mit Grund "
            "und Anmerkung dauerhaft, deshalb gehört kein Name in die Anmerkung."
        ),
        form=form,
        back=_client_url(client),
        submit="Endgültig löschen",
        danger=True,
    )
