"""The statistics pages: the coordinator's Kreis statistics (at its casework URL), the key
figures for a period and a scope, and the button on a proof of use that takes its key figures
from case work (under the funding prefix, back to the proof's page)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pik.orgs.selectors import key_figure_scopes
from pik.stats import export, proofs, selectors
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
    context = {"form": form, "figures": figures, "export_query": _export_query(form)}
    return render(request, "stats/key_figures.html", context)


def _export_query(form: KeyFigureForm) -> str:
    """The page's choice for the export links (the same scope and period)."""
    if not form.is_valid():
        return ""
    data: dict[str, Any] = form.cleaned_data
    return urlencode(
        {"scope": data["scope"], "start": data["start"].isoformat(), "end": data["end"].isoformat()}
    )


@login_required
def key_figures_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The key figures of a scope and period in the statewide template's layout (XLSX, CSV,
    PDF); a scope the user may not see is 404, a bad period the page with its German message."""
    user = cast("User", request.user)  # login_required
    if fmt not in export.FORMATS:
        raise Http404
    scopes = key_figure_scopes(user=user)
    if not scopes:
        raise Http404
    data = request.GET if "scope" in request.GET else KeyFigureForm.defaults(scopes)
    form = KeyFigureForm(data, scopes=scopes)
    if not form.is_valid():
        if "scope" in form.errors:
            raise Http404  # not among the user's scopes: as for a foreign record
        context = {"form": form, "figures": None, "export_query": ""}
        return render(request, "stats/key_figures.html", context, status=400)
    result = export.key_figure_export(
        user=user, scope=form.cleaned_data["scope_value"], period=form.cleaned_data["period"]
    )
    response = HttpResponse(export.RENDER[fmt](result), content_type=export.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{export.filename(result, fmt)}"'
    return response


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


@login_required
@require_POST
def proof_key_figures_take(request: HttpRequest, pk: int) -> HttpResponse:
    """Take the key figures of a proof of use from case work (404 for a proof the user may not
    see); the recipient then checks and confirms them on the proof's page."""
    try:
        proofs.proof_key_figures_take(user=request.user, pk=pk)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "Die Kennzahlen sind aus der Fallarbeit übernommen. Bitte prüfen Sie sie und "
                "bestätigen Sie sie vor dem Einreichen."
            ),
        )
    return redirect("funding:proof_detail", pk=pk)
