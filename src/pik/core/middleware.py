"""Request middleware of the kernel: idle-timeout sessions and mandatory two-factor login."""

from __future__ import annotations

import time
from collections.abc import Callable

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Pages without personal data that any session may open.
EXEMPT_PREFIXES = ("/static/", "/healthz", "/readyz", "/i18n/")


def used_second_factor(request: HttpRequest) -> bool:
    """Whether this session's own login used the second factor.

    allauth records every authentication step of the session (password, mfa) together with the
    user it belongs to; Django's admin login, ``client.login`` and any other password-only way in
    leave no "mfa" record.
    """
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class RequireMfaMiddleware:
    """Roles with personal data work only in sessions whose login used the second factor.

    Checked on every request, never remembered as a session flag: a session that was once
    let through must not carry a later password-only login of the same user. A user without an
    authenticator may only set one up (setting it up proves the second factor, see
    pik.orgs.mfa); a user with one whose session lacks the second factor is logged out and sent
    to the login, which asks for password and code and counts failures.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            not user.is_authenticated
            or request.path.startswith(EXEMPT_PREFIXES)
            or used_second_factor(request)  # a session read: spares the role query
            or not getattr(user, "requires_mfa", False)
        ):
            return self.get_response(request)
        if not Authenticator.objects.filter(user=user).exists():
            if request.path in (reverse("mfa_activate_totp"), reverse("account_logout")):
                return self.get_response(request)
            messages.warning(
                request,
                _(
                    "Ihre Rolle hat Zugriff auf personenbezogene Daten. Bitte richten Sie zuerst "
                    "die Zwei-Faktor-Anmeldung (TOTP) ein."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        logout(request)
        messages.warning(
            request,
            _(
                "Ihre Rolle hat Zugriff auf personenbezogene Daten. Bitte melden Sie sich mit "
                "Passwort und Zwei-Faktor-Code an."
            ),
        )
        if request.path in (reverse("account_login"), reverse("account_logout")):
            return redirect(reverse("account_login"))
        return redirect_to_login(request.get_full_path())


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
