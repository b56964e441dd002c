"""The deadline calendar (mine and per Kreis), the secret calendar link and its iCalendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pik.funding import ical, rules, selectors, services
from pik.funding.views._http import show_errors, user_of
from pik.orgs import selectors as org_selectors


@login_required
def deadlines_mine(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if not rules.can_see_deadlines(user):
        raise PermissionDenied(rules.DEADLINES_RESERVED)  # the page exists for every role
    today = timezone.localdate()
    kreise = [
        k for k in org_selectors.kreis_list(user=user) if rules.may_see_kreis_deadlines(user, k.pk)
    ]
    return render(
        request,
        "funding/deadlines.html",
        {
            "deadlines": selectors.deadlines_for_user(user=user, today=today),
            "today": today,
            "kreise": kreise,
            "feed_active": selectors.calendar_feed_active(user=user),
            "mine": True,
        },
    )


@login_required
def deadlines_kreis(request: HttpRequest, ags: str) -> HttpResponse:
    user = user_of(request)
    kreis = org_selectors.kreis_get(user=user, ags=ags)
    if not rules.may_see_kreis_deadlines(user, kreis.pk):
        raise Http404
    today = timezone.localdate()
    return render(
        request,
        "funding/deadlines.html",
        {
            "deadlines": selectors.deadlines_for_kreis(user=user, kreis_id=kreis.pk, today=today),
            "today": today,
            "kreis": kreis,
        },
    )


@login_required
@require_POST
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """Make a new secret calendar link (the old one stops working) or revoke it."""
    user = user_of(request)
    if not rules.can_see_deadlines(user):
        raise Http404
    try:
        if request.POST.get("action") == "revoke":
            services.calendar_feed_revoke(user=user, actor=user)
            messages.success(request, _("Der Kalender-Link wurde widerrufen."))
        else:
            token = services.calendar_feed_create(user=user, actor=user)
            url = request.build_absolute_uri(reverse("funding:calendar_ics", args=[token]))
            messages.success(
                request,
                _(
                    "Ihr neuer Kalender-Link (nur jetzt sichtbar; ein älterer gilt nicht mehr): "
                    "%(url)s"
                )
                % {"url": url},
            )
    except ValidationError as exc:
        show_errors(request, exc)
    return redirect("funding:deadlines_mine")


def calendar_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The feed behind the secret link (no sign-in: calendar programs fetch it); 404 once
    revoked."""
    user = selectors.calendar_feed_user(token=token)
    deadlines = selectors.deadlines_for_user(user=user, today=timezone.localdate())
    response = HttpResponse(
        ical.deadlines_ics(deadlines), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="pik-fristen.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
