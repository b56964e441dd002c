"""Pages of the integration plan: its fields, goals, steps, and the bilingual print."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from pik.casework import forms, languages, selectors, services
from pik.casework.documents import plan_pdf
from pik.casework.views.base import caseworker, form_page, form_view, submit


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    plan = selectors.client_plan(client=client)
    form = forms.PlanForm(request.POST or None, initial=forms.PlanForm.initial_for(plan))
    done = submit(
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
                for goal in selectors.plan_goals(plan=plan)
            ],
            "languages": languages.LANGUAGES,
        },
    )


@login_required
def goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    form = forms.GoalForm(request.POST or None)
    back = reverse("casework:plan_edit", args=[client.pk])
    return form_view(
        request,
        form,
        lambda d: services.goal_add(client=client, actor=user, **form.cleaned_data),
        success="Das Ziel ist eingetragen.",
        to=back,
        title=f"Ziel eintragen: {client}",
        back=back,
    )


@login_required
def goal_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    goal = selectors.goal_get(user=user, pk=pk)
    if request.method == "GET":
        selectors.client_read_logged(user=user, client=goal.plan.client)
    form = forms.GoalStatusForm(request.POST or None, initial={"status": goal.status})
    back = reverse("casework:plan_edit", args=[goal.plan.client_id])
    return form_view(
        request,
        form,
        lambda d: services.goal_set_status(
            goal=goal, status=form.cleaned_data["status"], actor=user
        ),
        success="",
        to=back,
        title=f"Ziel: {goal}",
        back=back,
    )


@login_required
def step_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    goal = selectors.goal_get(user=user, pk=pk)
    if request.method == "GET":
        selectors.client_read_logged(user=user, client=goal.plan.client)
    form = forms.StepForm(request.POST or None)
    back = reverse("casework:plan_edit", args=[goal.plan.client_id])
    return form_view(
        request,
        form,
        lambda d: services.step_add(goal=goal, actor=user, **form.cleaned_data),
        success="",
        to=back,
        title=f"Schritt zu: {goal}",
        back=back,
    )


@login_required
def step_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    step = selectors.step_get(user=user, pk=pk)
    back = reverse("casework:plan_edit", args=[step.goal.plan.client_id])
    if request.method == "POST":
        try:
            services.step_set_done(step=step, done=step.done_on is None, actor=user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(back)
    selectors.client_read_logged(user=user, client=step.goal.plan.client)
    return form_page(
        request,
        title=f"Schritt: {step}",
        intro="Als erledigt markieren?" if step.done_on is None else "Wieder als offen markieren?",
        back=back,
        submit="Ja",
    )


@login_required
def plan_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = selectors.client_get(user=user, pk=pk)
    plan = selectors.client_plan(client=client)
    if plan is None:
        raise Http404
    language = request.GET.get("sprache", "en")
    if not languages.is_offered(language):
        raise Http404
    response = HttpResponse(
        plan_pdf(client=client, plan=plan, language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="integrationsplan-{client.pk}.pdf"'
    return response
