"""Pages of the integration plan: its fields, goals, steps, and the bilingual print."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from pik.casework import forms, languages, selectors, services
from pik.casework.documents import plan_pdf
from pik.casework.views.base import caseworker, form_page, form_view


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's fields and a new goal in one form: adding a goal saves what was typed into
    the plan's fields with it, and an error in either keeps both as typed (nothing is saved)."""
    user = caseworker(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    plan = selectors.client_plan(client=client)
    form = forms.PlanForm(request.POST or None, initial=forms.PlanForm.initial_for(plan))
    goal_form = forms.GoalForm(request.POST or None, prefix="goal")
    adds_goal = request.method == "POST" and (
        "add_goal" in request.POST or bool(request.POST.get("goal-description", "").strip())
    )
    if not adds_goal:
        goal_form = forms.GoalForm(prefix="goal")  # untouched: not validated, nothing shown
    if request.method == "POST" and form.is_valid() and (not adds_goal or goal_form.is_valid()):
        try:
            with transaction.atomic():
                if form.has_changed() or not adds_goal:
                    services.plan_save(
                        client=client,
                        data=form.plan_data(),
                        expected_version=form.cleaned_data["version"],
                        actor=user,
                    )
                if adds_goal:
                    services.goal_add(client=client, actor=user, **goal_form.cleaned_data)
        except ValidationError as exc:
            target = goal_form if adds_goal and _goal_error(exc) else form
            forms.show_errors(target, exc)
        else:
            done = (
                "Das Ziel ist eingetragen."
                if adds_goal
                else "Der Integrationsplan ist gespeichert."
            )
            messages.success(request, done)
            return redirect(reverse("casework:plan_edit", args=[client.pk]))
    return render(
        request,
        "casework/plan.html",
        {
            "client": client,
            "plan": plan,
            "form": form,
            "goal_form": goal_form,
            "goal_rows": [
                # distinct ids per form, so every label points at its own field
                (goal, forms.StepForm(auto_id=f"id_step{goal.pk}_%s"))
                for goal in selectors.plan_goals(plan=plan)
            ],
            "languages": languages.LANGUAGES,
        },
    )


def _goal_error(exc: ValidationError) -> bool:
    """The service refused the goal (its fields), not the plan's fields."""
    names = set(getattr(exc, "error_dict", {}))
    return bool(names) and names <= set(forms.GoalForm.base_fields)


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
