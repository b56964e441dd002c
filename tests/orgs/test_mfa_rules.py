"""Second factor: a role that needs it cannot switch it off; a code typed twice is told apart from
a wrong one (issue 9, item 11)."""

from __future__ import annotations

import time
from unittest import mock

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from pik.core.roles import Role

PASSWORD = "Ein-sicheres-Passwort-1"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
CLOCK = "allauth.mfa.totp.internal.auth.time.time"
USED = "Dieser Code wurde bereits verwendet – bitte warten Sie auf den nächsten."


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


def _code(step: int) -> str:
    return format_hotp_value(hotp_value(SECRET, step))


def _code_step(user, code: str, at: float) -> str:  # type: ignore[no-untyped-def]
    """Password, then ``code`` at time ``at``; the page's text after the code step."""
    browser = Client()
    with mock.patch(CLOCK, return_value=at):
        browser.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
        response = browser.post("/accounts/2fa/authenticate/", {"code": code})
    return response.content.decode() if response.status_code == 200 else ""


def _reauthenticated(client, user) -> None:  # type: ignore[no-untyped-def]
    """Signed in, and the password typed again just now (allauth asks for it before changes)."""
    client.force_login(user)
    request = HttpRequest()
    request.session = client.session
    record_authentication(request, user, "password", email=user.email, reauthenticated=True)
    request.session.save()


@pytest.fixture
def manager(member):  # type: ignore[no-untyped-def]
    user = member(Role.INTEGRATION_MANAGER, mfa=False)
    TOTP.activate(user, SECRET)
    return user


def test_a_code_typed_twice_is_refused_as_used_not_as_wrong(manager) -> None:  # type: ignore[no-untyped-def]
    now = time.time()
    code = _code(int(now) // 30)
    assert _code_step(manager, code, now) == ""  # signed in, redirected
    page = _code_step(manager, code, now + 5)
    assert USED in page
    assert "Falscher Code" not in page


def test_a_wrong_code_is_refused_as_wrong(manager) -> None:  # type: ignore[no-untyped-def]
    now = time.time()
    wrong = f"{(int(_code(int(now) // 30)) + 1) % 1_000_000:06d}"
    page = _code_step(manager, wrong, now)
    assert "Falscher Code." in page
    assert USED not in page


def test_a_role_that_needs_the_second_factor_cannot_deactivate_it(client, manager) -> None:  # type: ignore[no-untyped-def]
    assert manager.requires_mfa
    _reauthenticated(client, manager)
    url = reverse("mfa_deactivate_totp")
    page = client.get(url).content.decode()
    assert "Ihre Rolle verlangt die Anmeldung mit einem zweiten Faktor" in page
    response = client.post(url)
    assert response.status_code == 200
    assert Authenticator.objects.filter(user=manager, type=Authenticator.Type.TOTP).exists()
    index = client.get(reverse("mfa_index")).content.decode()
    assert url not in index  # no button that leads to the refusal


def test_recovery_codes_can_still_be_regenerated(client, manager) -> None:  # type: ignore[no-untyped-def]
    _reauthenticated(client, manager)
    response = client.post(reverse("mfa_generate_recovery_codes"))
    assert response.status_code == 302
    assert Authenticator.objects.filter(
        user=manager, type=Authenticator.Type.RECOVERY_CODES
    ).exists()


def test_a_role_without_the_duty_may_deactivate(client, member) -> None:  # type: ignore[no-untyped-def]
    user = member(Role.MINISTRY)
    assert not user.requires_mfa
    _reauthenticated(client, user)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
