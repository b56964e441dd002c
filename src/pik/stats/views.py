"""The statistics pages (for now the coordinator's Kreis statistics, at its casework URL)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pik.stats import selectors


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    stats = selectors.kreis_statistics(user=request.user)  # 404 unless Kreis coordinator
    return render(request, "stats/statistics.html", {"stats": stats})
