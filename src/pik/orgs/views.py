"""Thin HTTP layer for organisations: parse, call a selector, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from pik.core.sorting import Sorting
from pik.orgs import selectors


@login_required
def start(request: HttpRequest) -> HttpResponse:
    page = selectors.start_page(user=request.user)  # type: ignore[arg-type]
    return render(request, "orgs/start.html", {"page": page})


@login_required
def kreis_list(request: HttpRequest) -> HttpResponse:
    sorting = Sorting.from_request(
        request.GET, selectors.KREIS_SORT_COLUMNS, selectors.KREIS_SORT_DEFAULT
    )
    kreise = selectors.kreis_list(user=request.user, order=sorting.order_by())  # type: ignore[arg-type]
    return render(request, "orgs/kreis_list.html", {"kreise": kreise, "sorting": sorting})


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


def admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """Replaces Django's admin login, which checks the password alone, without rate limits.

    Every login goes through allauth (password, second factor, failed-login limits); the admin
    sends its visitors there and gets them back through ``next``. The admin form never sees a
    password, so a POST here checks none.
    """
    admin_index = reverse("admin:index")
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = admin_index
    if not request.user.is_authenticated:
        return redirect_to_login(next_url, login_url=settings.LOGIN_URL)
    if not (request.user.is_active and request.user.is_staff):
        raise PermissionDenied  # a redirect back to the admin would loop
    return redirect(next_url)
