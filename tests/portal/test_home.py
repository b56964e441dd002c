import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.urls import resolve
from django.urls.exceptions import Resolver404

from pik.funding import services
from pik.funding.models import Budget, Programme

pytestmark = pytest.mark.django_db


def test_home_is_german_by_default_with_landmarks_and_skip_link(client: Client) -> None:
    html = client.get("/").content.decode()
    assert '<html lang="de">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert 'role="banner"' in html and 'role="contentinfo"' in html and "<nav" in html
    assert "Pakt für Integration mit den Kommunen (PIK)" in html
    assert "kern/kern.min.css" in html and "kern-themes/bw.css" in html


def test_english_can_be_chosen(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Pact for Integration with the Municipalities (PIK)" in html
    assert "Skip to content" in html


def test_kern_assets_are_served_from_the_npm_package(client: Client) -> None:
    from django.contrib.staticfiles import finders

    assert finders.find("kern/kern.min.css"), "npm ci has not installed @kern-ux/native"
    assert finders.find("kern-themes/bw.css")


def _row(html: str, year: int) -> str:
    """The table rows of ``year`` (one per programme that has a budget that year)."""
    return " ".join(re.findall(rf"<tr><th scope=\"row\">{year}</th>.*?</tr>", html))


def test_home_explains_the_pact_and_the_programmes_with_budgets_from_the_data(
    client: Client,
) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "27. April 2017" in html and "Landkreistag, Städtetag und Gemeindetag" in html
    assert '<h2 id="pik-programmes"' in html
    for year in (2017, 2018, 2025, 2026):
        assert "58.000.000,00\xa0€" in _row(html, year), year
    for year in (2019, 2020, 2021):
        assert "70.000.000,00\xa0€" in _row(html, year), year
    assert "2.200.000,00\xa0€" in _row(html, 2021)  # the digital programme's money
    assert "2.200.000,00\xa0€ für Anschaffung und Nutzung digitaler Werkzeuge" in html
    assert "allen im Kreis tätigen Integrationsmanagerinnen und -managern Zugang" in html
    assert 'href="/programme/im/"' in html and 'href="/programme/digital/"' in html
    assert 'href="/accounts/login/"' in html
    assert "mailto:integrationsmanagement@rps.bwl.de" in html


def test_home_follows_the_budget_data(client: Client) -> None:
    im = Programme.objects.get(code="im")
    Budget.objects.filter(programme=im, year=2026).update(total=Decimal("61234567.89"))
    Budget.objects.create(programme=im, year=2031, total=Decimal("12345.00"))
    html = client.get("/").content.decode()
    assert "61.234.567,89\xa0€" in _row(html, 2026)
    assert "12.345,00\xa0€" in _row(html, 2031)


def test_home_links_only_to_pages_that_exist(client: Client) -> None:
    html = client.get("/").content.decode()
    for href in set(re.findall(r'href="(/[^"#]*)"', html)):
        if href.startswith("/static/"):
            continue
        try:
            resolve(href)
        except Resolver404:
            pytest.fail(f"Verweis auf eine Seite, die es nicht gibt: {href}")
        assert client.get(href).status_code == 200, href


def test_home_in_english(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "What is the Pact for Integration?" in html and "The funding programmes" in html
    assert "€58,000,000.00" in html and "€2,200,000.00" in html
    assert "Digital solutions in integration management" in html
    assert "Sign in and apply online" in html
    assert "Die Förderprogramme" not in html and "Landesmittel" not in html


def test_public_programmes_selector_returns_budgets_and_the_rule_in_force() -> None:
    import datetime as dt

    from pik.funding.selectors import public_programmes

    by_code = {p.programme.code: p for p in public_programmes(today=dt.date(2020, 6, 1))}
    assert [b.year for b in by_code["im"].budgets][:3] == [2017, 2018, 2019]
    assert by_code["im"].rule is not None
    assert by_code["im"].rule.effective_from == dt.date(2020, 1, 1)
    assert by_code["digital"].budget_total == Decimal("2200000.00")
    early = {p.programme.code: p for p in public_programmes(today=dt.date(2018, 1, 1))}
    assert early["im"].rule is not None
    assert early["im"].rule.effective_from == dt.date(2017, 4, 27)
    services.rule_version_create(
        programme=by_code["im"].programme,
        actor=None,
        name="Neue VwV",
        legal_basis="VwV",
        effective_from=dt.date(2023, 6, 6),
    )
    later = {p.programme.code: p for p in public_programmes(today=dt.date(2024, 1, 1))}
    assert later["im"].rule is not None and later["im"].rule.name == "Neue VwV"
