"""Request middleware of the kernel: idle-timeout sessions and mandatory two-factor login."""

from __future__ import annotations

import time
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

SESSION_FLAG = "pik_mfa_checked"
SESSION_FLAG = "pik_mfa_checked"
EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz", "/readyz", "/i18n/")


class RequireMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and not request.session.get(SESSION_FLAG)
            and getattr(user, "requires_mfa", False)
        ):
            if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                request.session[SESSION_FLAG] = True  # checked once per session
                return self.get_response(request)
            messages.warning(
                request,
                "Ihre Rolle hat Zugriff auf personenbezogene Daten. Bitte richten Sie zuerst "
                "die Zwei-Faktor-Anmeldung (TOTP) ein.",
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


class SessionRefreshMiddleware:
    """Sliding expiry for signed-in sessions, written at most once per SESSION_REFRESH_SECONDS.

    Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) costs a database write per
    page; marking it modified once a minute keeps the idle timeout within a minute of
    SESSION_COOKIE_AGE and spares the other writes.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.every = int(getattr(settings, "SESSION_REFRESH_SECONDS", 60))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - int(session.get(SEEN_KEY, 0)) >= self.every:
                session[SEEN_KEY] = now  # modified → SessionMiddleware saves a fresh expiry
        return response


SEEN_KEY = "pik_seen"
