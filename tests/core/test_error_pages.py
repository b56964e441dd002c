"""pik's own error pages (German and English, with a way back), debug off, static files and the
favicon served without DEBUG, and 403 with the reason where a page's existence is no secret."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import path, reverse

from pik import urls as pik_urls
from pik.core import views
from pik.core.roles import Role


def _boom(request):  # pragma: no cover - raises by design
    raise RuntimeError("kaputt")


urlpatterns = [path("boom", _boom), *pik_urls.urlpatterns]
handler500 = pik_urls.handler500


def test_404_is_our_page_in_german_with_a_way_back(client, db) -> None:
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Seite nicht gefunden" in page
    assert f'href="{reverse("portal:home")}"' in page and "Zum Portal" in page
    assert "Traceback" not in page and "URLconf" not in page


def test_404_in_english(client, db) -> None:
    client.cookies["django_language"] = "en"
    page = client.get("/gibt-es-nicht/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Page not found" in page and "Seite nicht gefunden" not in page


def test_403_names_the_reason_where_the_page_is_no_secret(client, member) -> None:
    client.force_login(member(Role.GEMEINDE_ADMIN))
    response = client.get(reverse("funding:budget_overview"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Keine Berechtigung" in page
    assert (
        "Diese Seite ist dem Ministerium, dem Regierungspräsidium und der Prüfung vorbehalten."
        in page
    )
    assert f'href="{reverse("orgs:start")}"' in page


def test_500_page_needs_no_database_and_no_context_processors() -> None:
    """No ``db`` fixture: any query would raise, and the fallback text lacks the error code."""
    response = views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Ein Fehler ist aufgetreten" in page and "Fehlercode 500" in page


@override_settings(ROOT_URLCONF=__name__)
def test_an_exception_in_a_view_shows_our_500_page(db) -> None:
    response = Client(raise_request_exception=False).get("/boom")
    assert response.status_code == 500
    assert "Fehlercode 500" in response.content.decode()
    assert "kaputt" not in response.content.decode()


def _debug(env: dict[str, str]) -> str:
    code = "import pik.settings.base as s; print(s.DEBUG)"
    run = subprocess.run(  # noqa: S603 (a fixed script, run with this interpreter)
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return run.stdout.strip()


def test_debug_is_off_unless_a_developer_opts_in() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PIK_DEBUG"}
    assert (_debug(env), _debug({**env, "PIK_DEBUG": "1"})) == ("False", "True")


def test_static_files_are_served_with_debug_off(client, settings) -> None:
    assert settings.DEBUG is False
    response = client.get("/static/pik/pik.css")
    assert response.status_code == 200
    assert client.get("/static/kern/kern.min.css").status_code == 200


@pytest.mark.django_db
def test_favicon_is_linked_and_served(client) -> None:
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon["Content-Type"] == "image/svg+xml"
    assert b"<svg" in icon.content
    assert client.get("/static/pik/favicon.svg").status_code == 200
    assert 'rel="icon" href="/static/pik/favicon.svg"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_form_without_valid_csrf_token_gets_a_page_not_a_technical_text() -> None:
    response = Client(enforce_csrf_checks=True).post(reverse("account_login"), {"login": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Formular abgelaufen" in page and "Bitte laden Sie die Seite neu" in page
    assert "CSRF verification failed" not in page
