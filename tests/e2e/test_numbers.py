"""The ministry types a budget the German way in the browser: 58.000 is 58.000,00 €."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from pik.funding.models import Budget, Programme
from pik.orgs.demo import DEMO_DOMAIN
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ministry_types_58_000_and_sees_it_refusing_58_00(live_server, page) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    programme = Programme.objects.get(code="im")
    budget, _ = Budget.objects.update_or_create(
        programme=programme, year=2031, defaults={"total": Decimal("1.00")}
    )
    log_in(page, live_server.url, f"ministerium@{DEMO_DOMAIN}")
    edit = live_server.url + reverse("funding:budget_edit", args=[budget.pk])

    page.goto(edit)
    page.get_by_label("Haushaltsansatz (EUR)").fill("58.00")
    page.get_by_role("button", name="Speichern").click()
    hint = "Bitte geben Sie den Betrag im Format 58.000,00 ein."
    page.locator(".kern-error").get_by_text(hint).wait_for()  # at the field
    expect(page.locator(".pik-error-summary").get_by_text(hint)).to_be_visible()  # and on top
    budget.refresh_from_db()
    assert budget.total == Decimal("1.00")

    page.get_by_label("Haushaltsansatz (EUR)").fill("58.000")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Der Haushaltsansatz wurde geändert.").wait_for()
    row = page.get_by_role("row").filter(has_text="2031")
    assert "58.000,00\xa0€" in row.inner_text()
    budget.refresh_from_db()
    assert budget.total == Decimal("58000.00")
