"""Enforce two-factor login for every user who can see personal data."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
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
