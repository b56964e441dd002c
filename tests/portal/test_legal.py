"""Imprint, privacy and accessibility statement: public, German first, English in the English
UI, linked from the footer of every page."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

LEGAL = {
    "portal:impressum": ("Impressum", "Legal notice"),
    "portal:datenschutz": ("Datenschutzerklärung", "Privacy statement"),
    "portal:barrierefreiheit": ("Erklärung zur Barrierefreiheit", "Accessibility statement"),
}


@pytest.mark.parametrize("name", LEGAL)
def test_legal_page_is_public_german_with_the_unit(client: Client, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert f'<h1 class="kern-heading-x-large">{LEGAL[name][0]}</h1>' in html
    assert "Referat 15.2, Dienststelle Wertheim" in html and "Am Eichamt 2" in html
    assert "97877 Wertheim" in html and "integrationsmanagement@rps.bwl.de" in html
    assert 'role="contentinfo"' in html and 'id="main"' in html


@pytest.mark.parametrize("name", LEGAL)
def test_legal_page_in_english(client: Client, name: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse(name)).content.decode()
    assert '<html lang="en">' in html
    assert f'<h1 class="kern-heading-x-large">{LEGAL[name][1]}' in html
    assert f">{LEGAL[name][0]}</h1>" not in html
    assert ">Impressum<" not in html and ">Legal notice<" in html  # the footer, too


def test_privacy_statement_names_purposes_bases_retention_rights_and_authority(
    client: Client,
) -> None:
    html = client.get(reverse("portal:datenschutz")).content.decode()
    for fact in (
        "Förderverfahren",
        "Fallarbeit",
        "Art. 6 Abs. 1 Buchst. e DSGVO",
        "Art. 9 Abs. 2 Buchst. a DSGVO",
        "ausdrücklicher Einwilligung",
        "Speicherdauer",
        "Art. 15 DSGVO",
        "Art. 21",
        "Der Landesbeauftragte für den Datenschutz und die Informationsfreiheit Baden-Württemberg",
    ):
        assert fact in html, fact


def test_accessibility_statement_has_basis_status_feedback_and_enforcement(
    client: Client,
) -> None:
    html = client.get(reverse("portal:barrierefreiheit")).content.decode()
    for fact in (
        "BITV 2.0",
        "(EU) 2016/2102",
        "teilweise vereinbar",
        "Barrieren melden",
        "mailto:integrationsmanagement@rps.bwl.de",
        "Durchsetzungsverfahren",
        "Beauftragten der Landesregierung für die Belange von Menschen mit Behinderungen",
    ):
        assert fact in html, fact


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/impressum/"])
def test_footer_links_the_legal_pages_everywhere(client: Client, path: str) -> None:
    html = client.get(path).content.decode()
    footer = html.split('role="contentinfo"', 1)[1]
    for name in LEGAL:
        assert f'href="{reverse(name)}"' in footer


def test_footer_links_on_a_page_behind_login(client: Client, member) -> None:
    from pik.core.roles import Role

    client.force_login(member(Role.RPS_CASE_WORKER))
    html = client.get(reverse("orgs:start")).content.decode()
    footer = html.split('role="contentinfo"', 1)[1]
    assert 'href="/impressum/"' in footer and 'href="/datenschutz/"' in footer
