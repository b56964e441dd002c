"""The ministry's and the RPS's budget pages: overview with balances, the yearly total."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pik.funding import rules, selectors, services
from pik.funding.forms import BudgetForm
from pik.funding.views._http import show_errors, user_of


@login_required
def budget_overview(request: HttpRequest) -> HttpResponse:
    rows = selectors.budget_overview(user=user_of(request))
    return render(
        request,
        "funding/budget_overview.html",
        {"rows": rows, "can_edit": rules.can_edit_budgets(request.user)},
    )


@login_required
def budget_edit(request: HttpRequest, pk: int) -> HttpResponse:
    budget = selectors.budget_get(user=user_of(request), pk=pk)
    form = BudgetForm(request.POST or None, initial={"total": budget.total})
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_set_total(
                budget=budget, total=form.cleaned_data["total"], actor=user_of(request)
            )
        except ValidationError as exc:
            show_errors(request, exc)
        else:
            messages.success(request, "Der Haushaltsansatz wurde geändert.")
            return redirect("funding:budget_overview")
    return render(request, "funding/budget_edit.html", {"budget": budget, "form": form})
