"""A session opens pages only if its own login used the second factor (security issue, item 1).

Django's admin login and ``client.login`` check the password alone; such a session of a user whose
role requires two-factor login must get no page with personal data.
"""

from __future__ import annotations

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from pik.casework import services as casework_services
from pik.casework.models import Consent
from pik.core.roles import Role
from pik.orgs import services as org_services
from tests.casework.factories import give_consent, make_client, staff

PASSWORD = "Ein-sicheres-Passwort-1"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()  # rate-limit counters live in the cache


@pytest.fixture
def staff_manager(world):  # type: ignore[no-untyped-def]
    """An integration manager who is also staff (may open /admin/), with a known TOTP secret."""
    user = staff(Role.INTEGRATION_MANAGER, world.kreis_a)  # already has a TOTP authenticator
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.authenticator_set.all().delete()
    TOTP.activate(user, SECRET)
    return user


@pytest.fixture
def record(staff_manager, world):  # type: ignore[no-untyped-def]
    client = make_client(staff_manager, world.kreis_a)
    give_consent(client, Consent.Purpose.HEALTH, staff_manager)
    client.refresh_from_db()
    return casework_services.client_health_notes_set(
        client=client, notes="Diabetes Typ 2", expected_version=client.version, actor=staff_manager
    )


def _pages(record) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        "/admin/",
        reverse("casework:client_detail", args=[record.pk]),
        reverse("casework:health_notes", args=[record.pk]),
        reverse("casework:export_json", args=[record.pk]),
        reverse("orgs:start"),
    ]


def test_admin_login_with_the_password_alone_opens_nothing(staff_manager, record) -> None:  # type: ignore[no-untyped-def]
    browser = Client()
    response = browser.post(
        "/admin/login/?next=/admin/", {"username": staff_manager.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in browser.session
    for url in _pages(record):
        page = browser.get(url, follow=True)
        assert page.redirect_chain[-1][0].startswith(reverse("account_login")), url
        assert "Diabetes" not in page.content.decode()


def test_admin_login_page_sends_to_the_allauth_login_with_next(db) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/admin/login/?next=/admin/orgs/user/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/admin/orgs/user/"


def test_wrong_admin_passwords_are_rate_limited(staff_manager) -> None:  # type: ignore[no-untyped-def]
    browser = Client()
    for _ in range(5):
        admin = browser.post(
            "/admin/login/?next=/admin/", {"username": staff_manager.email, "password": "falsch"}
        )
        assert admin.status_code == 302  # the admin form checks no password itself …
        login = admin["Location"]
        assert login.startswith(reverse("account_login"))
        # … the login it sends to does, with allauth's rate limits
        browser.post(login, {"login": staff_manager.email, "password": "falsch"})
    blocked = browser.post(login, {"login": staff_manager.email, "password": PASSWORD})
    assert "zu viele" in blocked.content.decode().lower()
    assert "_auth_user_id" not in browser.session


def test_password_only_session_of_an_mfa_user_is_refused_everywhere(staff_manager, record) -> None:  # type: ignore[no-untyped-def]
    browser = Client()
    assert browser.login(email=staff_manager.email, password=PASSWORD)  # password alone
    for url in [
        *_pages(record),
        reverse("casework:my_day"),
        reverse("mfa_deactivate_totp"),  # else: remove the TOTP, set up one's own
        reverse("account_reauthenticate"),
        reverse("account_change_password"),
    ]:
        browser.login(email=staff_manager.email, password=PASSWORD)
        page = browser.get(url)
        assert page.status_code == 302, url
        assert page["Location"].startswith(reverse("account_login")), url
        assert "_auth_user_id" not in browser.session, url  # the session was ended


def test_password_only_session_may_still_reach_login_and_logout(staff_manager) -> None:  # type: ignore[no-untyped-def]
    browser = Client()
    assert browser.get(reverse("account_login")).status_code == 200
    browser.login(email=staff_manager.email, password=PASSWORD)
    assert browser.post(reverse("account_logout")).status_code == 302
    assert "_auth_user_id" not in browser.session


def test_full_allauth_login_with_totp_opens_the_admin_and_the_client(staff_manager, record) -> None:  # type: ignore[no-untyped-def]
    browser = Client()
    response = browser.post(
        reverse("account_login") + "?next=/admin/",
        {"login": staff_manager.email, "password": PASSWORD},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    code = format_hotp_value(hotp_value(SECRET, int(time.time()) // 30))
    done = browser.post(reverse("mfa_authenticate"), {"code": code})
    assert done["Location"] == "/admin/"
    for url in _pages(record):
        assert browser.get(url).status_code == 200, url
    assert "Diabetes" in browser.get(_pages(record)[2]).content.decode()


def test_manager_without_totp_may_only_set_it_up(world, record) -> None:  # type: ignore[no-untyped-def]
    user = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    user.authenticator_set.all().delete()
    browser = Client()
    browser.login(email=user.email, password=PASSWORD)
    for url in [*_pages(record), reverse("mfa_index"), reverse("account_change_password")]:
        page = browser.get(url)
        assert page.status_code == 302, url
        assert page["Location"] == reverse("mfa_activate_totp"), url
    assert browser.get(reverse("mfa_activate_totp")).status_code == 200


@pytest.mark.django_db(transaction=True)  # allauth stores the authenticator on commit
def test_setting_up_totp_counts_as_the_second_factor_of_this_session() -> None:
    from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY

    # staff needs two-factor login too; no Kreis needed (a transactional test has no reference data)
    user = org_services.user_create(email="admin@test.example", password=PASSWORD, actor=None)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    browser = Client()
    browser.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert browser.get(reverse("mfa_activate_totp")).status_code == 200
    secret = browser.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    done = browser.post(reverse("mfa_activate_totp"), {"code": code})
    assert done.status_code == 302
    assert browser.get("/admin/").status_code == 200
    # the code just used to set up TOTP does not log in a second time
    browser.post(reverse("account_logout"))
    browser.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    again = browser.post(reverse("mfa_authenticate"), {"code": code})
    assert again.status_code == 200 and "_auth_user_id" not in browser.session


def test_ministry_without_mfa_needs_no_second_factor(member) -> None:  # type: ignore[no-untyped-def]
    user = member(Role.MINISTRY, mfa=False)
    browser = Client()
    browser.login(email=user.email, password=PASSWORD)
    assert browser.get(reverse("orgs:start")).status_code == 200
