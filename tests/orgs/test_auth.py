"""Login by e-mail, mandatory TOTP for roles with personal data, rate limits, closed sign-up."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.conf import settings
from django.core.cache import cache

from pik.core.roles import PERSONAL_DATA_ROLES, Role

PASSWORD = "Ein-sicheres-Passwort-1"


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()  # rate-limit counters and used TOTP codes live in the cache


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_every_role_but_the_ministry_needs_mfa() -> None:
    assert set(Role) - PERSONAL_DATA_ROLES == {Role.MINISTRY}


def test_manager_without_totp_is_sent_to_set_it_up(client, member) -> None:
    user = member(Role.INTEGRATION_MANAGER, mfa=False)
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    response = client.get("/start/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    assert client.get("/kreise/08115/").status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Zwei-Faktor-Anmeldung" in page.content.decode()
    assert 'name="code"' in page.content.decode()


def test_ministry_without_totp_may_work(client, member) -> None:
    client.force_login(member(Role.MINISTRY, mfa=False))
    assert client.get("/start/").status_code == 200


def test_login_asks_for_the_totp_code_and_then_shows_the_start_page(client, member) -> None:
    user = member(Role.KREIS_COORDINATOR, mfa=False)
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    TOTP.activate(user, secret)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/start/").status_code == 302  # not signed in before the code
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    done = client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert done.status_code == 302
    page = client.get("/start/")
    assert page.status_code == 200
    assert "Koordination Integrationsmanagement" in page.content.decode()


def test_recovery_codes_are_available_after_setup(client, member) -> None:
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    user = member(Role.INTEGRATION_MANAGER)
    codes = RecoveryCodes.activate(user)
    assert len(codes.get_unused_codes()) == settings.MFA_RECOVERY_CODE_COUNT
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()


def test_inactive_user_cannot_log_in(client, member) -> None:
    user = member(Role.MINISTRY, mfa=False)
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}, follow=True
    )
    assert "_auth_user_id" not in client.session
    assert "inaktiv" in response.content.decode().lower()


def test_wrong_password_has_a_german_message(client, member) -> None:
    user = member(Role.MINISTRY, mfa=False)
    response = client.post("/accounts/login/", {"login": user.email, "password": "falsch"})
    assert response.status_code == 200
    assert "E-Mail-Adresse und/oder das Passwort sind leider falsch" in response.content.decode()


def test_failed_logins_are_rate_limited(client, member) -> None:
    user = member(Role.MINISTRY, mfa=False)
    for _ in range(5):
        client.post("/accounts/login/", {"login": user.email, "password": "falsch"})
    blocked = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert blocked.status_code in (200, 429)
    assert "zu viele" in blocked.content.decode().lower()


def test_signup_is_closed(client, db) -> None:
    response = client.get("/accounts/signup/")
    assert "geschlossen" in response.content.decode().lower()


def test_sessions_expire() -> None:
    assert settings.SESSION_COOKIE_AGE <= 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_session_expiry_slides_but_is_written_at_most_once_a_minute(client, member) -> None:
    from unittest import mock

    from django.contrib.sessions.models import Session

    client.force_login(member(Role.MINISTRY, mfa=False))
    key = client.session.session_key

    def expiry():  # type: ignore[no-untyped-def]
        return Session.objects.get(session_key=key).expire_date

    client.get("/start/")
    first = expiry()
    with mock.patch("pik.core.middleware.time.time", return_value=time.time() + 30):
        client.get("/start/")
    assert expiry() == first  # within the minute: no write
    with mock.patch("pik.core.middleware.time.time", return_value=time.time() + 90):
        client.get("/start/")
    assert expiry() > first  # later: the idle timeout starts again


def test_idle_session_ends(client, member) -> None:
    import datetime as dt

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(member(Role.MINISTRY, mfa=False))
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get("/start/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_short_passwords_are_rejected() -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("kurz1")


def test_a_code_from_the_previous_step_is_accepted_once(client, member) -> None:
    from unittest import mock

    user = member(Role.KREIS_COORDINATOR, mfa=False)
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    TOTP.activate(user, secret)
    now = time.time()
    previous = format_hotp_value(hotp_value(secret, int(now) // 30 - 1))
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    with mock.patch("allauth.mfa.totp.internal.auth.time.time", return_value=now):
        assert client.post("/accounts/2fa/authenticate/", {"code": previous}).status_code == 302
    client.logout()
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    with mock.patch("allauth.mfa.totp.internal.auth.time.time", return_value=now):
        again = client.post("/accounts/2fa/authenticate/", {"code": previous})
    assert again.status_code == 200 and "_auth_user_id" not in client.session  # used once
