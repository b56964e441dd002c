"""The programme pages are generated from the programme data: change the data, the page changes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from pik.funding import services
from pik.funding.models import Budget, Programme

pytestmark = pytest.mark.django_db


def test_im_page_shows_budgets_and_the_rules_in_force_in_plain_german(client: Client) -> None:
    response = client.get("/programme/im/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="kern-heading-x-large">Förderung von Integrationsmanagerinnen' in html
    assert '<th scope="row">2019</th><td class="num">70.000.000,00\xa0€' in html
    assert '<th scope="row">2026</th><td class="num">58.000.000,00\xa0€' in html
    assert "„Änderung der VwV vom 11. November 2020“, gültig ab 01.01.2020" in html
    assert "VwV Integrationsmanagement" in html
    assert "am Stichtag 15.09.2017 mal 796,08\xa0€ je Person" in html
    assert "mindestens 51.000,00\xa0€ beträgt" in html
    assert "51.000,00\xa0€ bei mittlerem Abschluss" in html
    assert "64.000,00\xa0€ bei Hochschulabschluss" in html
    assert "mindestens 0,25 einer Vollzeitstelle" in html
    assert "In der Regel 24 Monate, insgesamt höchstens 60 Monate." in html
    assert "Erste Rate: 60 % der Zuwendung" in html
    assert "Fällig 3 Monate nach Ende des Bewilligungszeitraums." in html
    assert "Jährlich bis zum 31. Januar." in html
    assert 'href="/accounts/login/"' in html and "Anmelden und online beantragen" in html


def test_digital_page_names_the_money_and_the_access_condition(client: Client) -> None:
    html = client.get("/programme/digital/").content.decode()
    assert '<th scope="row">2021</th><td class="num">2.200.000,00\xa0€' in html
    assert "Bedingung: Sie geben allen im Kreis tätigen Integrationsmanagerinnen" in html
    assert "Förderaufruf Digitale Lösungen 2021" in html
    assert "Mindestkontingent" not in html and "je Person" not in html


def test_a_new_rule_version_and_budget_change_the_page(client: Client) -> None:
    im = Programme.objects.get(code="im")
    today = timezone.localdate()
    services.rule_version_create(
        programme=im,
        actor=None,
        name="VwV Integrationsmanagement (Test)",
        legal_basis="Testfassung",
        effective_from=today - dt.timedelta(days=1),
        min_contingent=Decimal("40000.00"),
        min_position_share=Decimal("0.50"),
        rate_per_person=Decimal("812.50"),
        reference_date=dt.date(2024, 9, 15),
        max_total_months=36,
        proof_of_use_months=1,
    )
    services.rule_version_create(  # not yet in force: not shown
        programme=im,
        actor=None,
        name="Künftige Fassung",
        legal_basis="Zukunft",
        effective_from=today + dt.timedelta(days=30),
    )
    Budget.objects.create(programme=im, year=2031, total=Decimal("7654321.00"))
    html = client.get("/programme/im/").content.decode()
    assert "„VwV Integrationsmanagement (Test)“" in html
    assert "Künftige Fassung" not in html and "Änderung der VwV vom 11. November 2020" not in html
    assert "mindestens 40.000,00\xa0€ beträgt" in html
    assert "mindestens 0,50 einer Vollzeitstelle" in html
    assert "am Stichtag 15.09.2024 mal 812,50\xa0€ je Person" in html
    assert "höchstens 36 Monate" in html
    assert "Fällig 1 Monat nach Ende" in html
    assert '<th scope="row">2031</th><td class="num">7.654.321,00\xa0€' in html


def test_unknown_programme_is_404(client: Client) -> None:
    assert client.get("/programme/gibt-es-nicht/").status_code == 404


def test_programme_page_in_english(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/programme/im/").content.decode()
    assert '<html lang="en">' in html
    assert "Funding of integration managers" in html and "The funding rules in force" in html
    assert "€70,000,000.00" in html and "times €796.08 per person" in html
    assert "Due 3 months after the end of the funding period." in html
    assert "How to apply" in html and "Die geltenden Förderregeln" not in html
