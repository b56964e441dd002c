"""A TOTP code signs in once (RFC 6238, 5.2), also after the cache forgot it (issue item 3).

The code window is three 30-second steps (MFA_TOTP_TOLERANCE = 1); the last accepted step is kept
per authenticator in the database and every step at or before it is refused.
"""

from __future__ import annotations

import threading
import time
from unittest import mock

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core.cache import cache
from django.db import close_old_connections, connection
from django.test import Client

from pik.core.roles import Role
from pik.orgs import mfa, services
from pik.orgs.models import TotpStep

PASSWORD = "Ein-sicheres-Passwort-1"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
# allauth reads the clock as time.time() of its module; patching it moves the whole process.
CLOCK = "allauth.mfa.totp.internal.auth.time.time"


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


@pytest.fixture
def user(member):  # type: ignore[no-untyped-def]
    user = member(Role.KREIS_COORDINATOR, mfa=False)
    TOTP.activate(user, SECRET)
    return user


def code_at(step: int) -> str:
    return format_hotp_value(hotp_value(SECRET, step))


def sign_in(user, code: str, at: float) -> bool:  # type: ignore[no-untyped-def]
    """Password, then ``code`` at time ``at``; whether the session is signed in afterwards."""
    browser = Client()
    with mock.patch(CLOCK, return_value=at):
        browser.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
        browser.post("/accounts/2fa/authenticate/", {"code": code})
    return "_auth_user_id" in browser.session


def test_the_same_code_is_refused_32_seconds_later(user) -> None:  # type: ignore[no-untyped-def]
    now = (int(time.time()) // 30) * 30 + 1.0  # early in a step
    code = code_at(int(now) // 30)
    assert sign_in(user, code, now)
    assert not sign_in(user, code, now + 32)  # still inside the ±1 step window


def test_the_same_code_is_refused_by_a_process_with_its_own_cache(user) -> None:  # type: ignore[no-untyped-def]
    now = time.time()
    code = code_at(int(now) // 30)
    assert sign_in(user, code, now)
    cache.clear()  # another gunicorn worker with a local-memory cache has seen nothing
    assert not sign_in(user, code, now + 1)


def test_a_code_of_an_earlier_step_than_the_last_accepted_is_refused(user) -> None:  # type: ignore[no-untyped-def]
    now = time.time()
    step = int(now) // 30
    assert sign_in(user, code_at(step), now)
    assert not sign_in(user, code_at(step - 1), now)  # inside the window, but older
    assert TotpStep.objects.get(authenticator__user=user).last_step == step


def test_the_next_step_is_accepted(user) -> None:  # type: ignore[no-untyped-def]
    now = time.time()
    step = int(now) // 30
    assert sign_in(user, code_at(step), now)
    assert sign_in(user, code_at(step + 1), now + 30)


def test_a_wrong_code_changes_nothing(user) -> None:  # type: ignore[no-untyped-def]
    now = time.time()
    wrong = f"{(int(code_at(int(now) // 30)) + 1) % 1_000_000:06d}"
    assert not sign_in(user, wrong, now)
    assert not TotpStep.objects.filter(authenticator__user=user).exists()
    assert sign_in(user, code_at(int(now) // 30), now)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_concurrent_use_of_one_code_is_accepted_once() -> None:
    """Four workers get the same code at the same moment: exactly one accepts it."""
    user = services.user_create(email="totp@test.example", actor=None)
    authenticator = TOTP.activate(user, SECRET).instance
    step = int(time.time()) // 30
    TotpStep.objects.create(authenticator=authenticator, last_step=step - 2)  # used before
    code = code_at(step)
    start = threading.Barrier(4)
    outcomes: list[bool] = []

    def use() -> None:
        try:
            start.wait()
            outcomes.append(mfa.code_accepted(Authenticator.objects.get(pk=authenticator.pk), code))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=use) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == [False, False, False, True]
