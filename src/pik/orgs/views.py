"""Thin HTTP layer for organisations: parse, call a selector, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pik.orgs import selectors


@login_required
def start(request: HttpRequest) -> HttpResponse:
    page = selectors.start_page(user=request.user)  # type: ignore[arg-type]
    return render(request, "orgs/start.html", {"page": page})


@login_required
def kreis_list(request: HttpRequest) -> HttpResponse:
    kreise = selectors.kreis_list(user=request.user)  # type: ignore[arg-type]
    return render(request, "orgs/kreis_list.html", {"kreise": kreise})


@login_required
def kreis_detail(request: HttpRequest, ags: str) -> HttpResponse:
    kreis = selectors.kreis_get(user=request.user, ags=ags)  # type: ignore[arg-type]
    return render(
        request,
        "orgs/kreis_detail.html",
        {
            "kreis": kreis,
            "members": selectors.kreis_members(user=request.user, kreis=kreis),  # type: ignore[arg-type]
            "gemeinden": selectors.kreis_gemeinden(kreis=kreis),
        },
    )
