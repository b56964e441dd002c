"""The MFA and password-reset pages: the site's layout and KERN look, formal "Sie" (issue 9,
items 10 and 11)."""

from __future__ import annotations

import re

import pytest
from allauth.account.internal.flows.login import record_authentication
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from pik.core.roles import Role

#: Informal address in German: none of it may appear on these pages.
INFORMAL = re.compile(r"\b(du|dein\w*|dich|dir|hast|bist|kannst|musst|gib|habe)\b", re.IGNORECASE)


def _text(response) -> str:  # type: ignore[no-untyped-def]
    html = response.content.decode()
    body = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"<[^>]+>", " ", body)


def _reauthenticated(client, user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(user)
    request = HttpRequest()
    request.session = client.session
    record_authentication(request, user, "password", email=user.email, reauthenticated=True)
    request.session.save()


@pytest.mark.parametrize(
    "name",
    ["mfa_index", "mfa_deactivate_totp", "mfa_generate_recovery_codes", "mfa_view_recovery_codes"],
)
def test_mfa_pages_are_in_the_site_layout_and_formal(client, member, name) -> None:  # type: ignore[no-untyped-def]
    user = member(Role.MINISTRY)  # may deactivate: every page shows its form
    _reauthenticated(client, user)
    client.post(reverse("mfa_generate_recovery_codes"))
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="pik-header"' in html and "kern-heading-large" in html
    assert "kern-btn" in html
    if name == "mfa_index":
        assert html.count('class="kern-card"') == 2  # app and recovery codes, as cards
    assert not INFORMAL.search(_text(response)), INFORMAL.search(_text(response))


def test_totp_set_up_page_is_in_the_site_layout(client, member) -> None:  # type: ignore[no-untyped-def]
    user = member(Role.MINISTRY, mfa=False)
    client.force_login(user)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="pik-header"' in html and "Authenticator-App einrichten" in html
    assert "kern-form-input__input" in html
    assert not INFORMAL.search(_text(response))


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/password/reset/key/1-set-password/",  # an invalid key: the "link invalid" page
    ],
)
def test_password_reset_pages_are_formal(url) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(url, follow=True)
    assert response.status_code == 200
    text = _text(response)
    assert "Sie" in text or "Ihr" in text
    assert not INFORMAL.search(text), INFORMAL.search(text)
    assert 'class="pik-header"' in response.content.decode()


@pytest.mark.parametrize(
    "msgid",
    [
        "You must type the same password each time.",
        "Please type your current password.",
        "Be patient, you are sending too many requests.",
        "You have signed out.",
    ],
)
def test_allauth_messages_address_the_user_formally(msgid: str) -> None:
    with translation.override("de"):
        german = translation.gettext(msgid)
    assert german != msgid
    assert not INFORMAL.search(german), german
