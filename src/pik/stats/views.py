"""The statistics pages: the coordinator's Kreis statistics (at its casework URL) and the key
figures for a period and a scope."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from pik.orgs.selectors import key_figure_scopes
from pik.stats import selectors
from pik.stats.dashboards import dashboard
from pik.stats.forms import KeyFigureForm, ScopeForm
from pik.stats.keyfigures import Scope, key_figures

if TYPE_CHECKING:
    from pik.orgs.models import User


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    stats = selectors.kreis_statistics(user=request.user)  # 404 unless Kreis coordinator
    return render(request, "stats/statistics.html", {"stats": stats})


@login_required
def key_figures_page(request: HttpRequest) -> HttpResponse:
    """Key figures for a scope and period the user chooses (404 for a user with no scope)."""
    user = cast("User", request.user)  # login_required
    scopes = key_figure_scopes(user=user)
    if not scopes:
        raise Http404
    data = request.GET if "scope" in request.GET else KeyFigureForm.defaults(scopes)
    form = KeyFigureForm(data, scopes=scopes)
    figures = None
    if form.is_valid():
        figures = key_figures(
            user=user,
            scope=form.cleaned_data["scope_value"],
            period=form.cleaned_data["period"],
        )
    return render(request, "stats/key_figures.html", {"form": form, "figures": figures})


@login_required
def dashboard_page(request: HttpRequest) -> HttpResponse:
    """Key figures over the last five years for a scope the user may see."""
    user = cast("User", request.user)  # login_required
    scopes = key_figure_scopes(user=user)
    if not scopes:
        raise Http404
    first = f"{scopes[0][0]}:{scopes[0][1]}"
    form = ScopeForm(
        request.GET if "scope" in request.GET else None, scopes=scopes, initial={"scope": first}
    )
    chosen = form.cleaned_data["scope"] if form.is_valid() else first
    kind, _sep, key = chosen.partition(":")
    last = timezone.localdate().year
    board = dashboard(user=user, scope=Scope(kind, key), first=last - 4, last=last)
    return render(
        request,
        "stats/dashboard.html",
        {"board": board, "form": form},
    )
