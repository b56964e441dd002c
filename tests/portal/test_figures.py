"""Open figures: equal to the ledger's, small counts hidden, CSV and JSON under the licence."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from pik.funding import ledger, services
from pik.funding.models import Application, Budget, LedgerEntry, Position, Programme
from pik.orgs.models import Gemeinde
from pik.portal.selectors import figures

pytestmark = pytest.mark.django_db

# Gemeinde → funded positions: Böblingen 6, Esslingen 2 (fewer than five people), Stuttgart 7.
PLACES = {"08115003": 6, "08116019": 2, "08111000": 7}


def _application(ags: str, positions: int, committed: str, paid: str) -> Application:
    im = Programme.objects.get(code="im")
    applicant = services.applicant_create(
        programme=im, kind="gemeinde", members=[Gemeinde.objects.get(ags=ags)], actor=None
    )
    application = Application.objects.create(
        programme=im,
        applicant=applicant,
        year=2020,
        rule_version=im.rule_versions.order_by("effective_from").first(),
        status=Application.Status.APPROVED,
    )
    for n in range(positions):
        Position.objects.create(
            application=application,
            person_name=f"Person {n}",
            qualification="university",
            share=Decimal("0.50"),
            start_date=dt.date(2020, 1, 1),
            months=12,
            amount=Decimal("1000.00"),
        )
    budget = Budget.objects.get(programme=im, year=2020)
    ledger.commit(budget=budget, amount=Decimal(committed), application=application, actor=None)
    LedgerEntry.objects.create(
        budget=budget, kind=LedgerEntry.Kind.PAYMENT, amount=Decimal(paid), application=application
    )
    return application


@pytest.fixture
def booked(world) -> None:
    data = "ags,personen\n" + "".join(f"{ags},300\n" for ags in PLACES)
    services.contingents_import(
        year=2020,
        programme=Programme.objects.get(code="im"),
        data=data.encode(),
        filename="k.csv",
        actor=None,
    )
    amounts = {"08115003": ("300000.00", "120000.55"), "08116019": ("90000.00", "30000.00")}
    for ags, positions in PLACES.items():
        committed, paid = amounts.get(ags, ("410000.10", "0.05"))
        _application(ags, positions, committed, paid)
    # a release: bound money given back is no longer committed
    first = Application.objects.order_by("pk").first()
    LedgerEntry.objects.create(
        budget=Budget.objects.get(programme__code="im", year=2020),
        kind=LedgerEntry.Kind.RELEASE,
        amount=Decimal("10000.00"),
        application=first,
    )


def test_the_open_figures_equal_the_ledger(booked) -> None:
    budget = Budget.objects.get(programme__code="im", year=2020)
    balances = ledger.balances(budget)
    [group] = figures.open_figures()
    assert (group.programme_code, group.year) == ("im", 2020)
    assert group.committed == balances.committed == Decimal("790000.10")
    assert group.paid == balances.paid
    assert sum(r.committed for r in group.rows) == balances.committed
    assert sum(r.paid for r in group.rows) == balances.paid
    assert sum(r.positions.value for r in group.rows) == Position.objects.count()


def test_no_figure_about_fewer_than_five_persons_is_published(booked, client) -> None:
    [group] = figures.open_figures()
    by_kreis = {r.kreis_ags: r for r in group.rows}
    esslingen = by_kreis["08116"]
    assert esslingen.positions.primary and str(esslingen.positions) == "< 5"
    assert esslingen.money_hidden
    # and it cannot be worked out from the total: a second count is hidden as well
    assert sum(1 for r in group.rows if r.positions.hidden) >= 2 or group.totals_hidden
    body = client.get(reverse("portal:figures_csv")).content.decode()
    assert "90000.00" not in body and "30000.00" not in body
    assert "Person" not in body  # no names
    page = client.get(reverse("portal:figures")).content.decode()
    assert "90.000,00" not in page and "&lt; 5" in page
    assert "<svg" in page and "gebunden und ausgezahlt je Jahr" in page  # the chart


def test_csv_and_json_name_the_licence(booked, client) -> None:
    csv = client.get(reverse("portal:figures_csv"))
    assert csv["Content-Type"].startswith("text/csv")
    assert "dl-de/by-2-0" in csv["Link"]
    lines = csv.content.decode().splitlines()
    assert lines[0] == ",".join(figures.HEADER)
    document = json.loads(client.get(reverse("portal:figures_json")).content)
    assert document["lizenz"]["id"] == "dl-de/by-2-0"
    shown = [row for row in document["daten"] if row["kreisschluessel"] == "08111"]
    assert (shown and shown[0]["stellen"] == "7") or shown[0]["stellen"] == "x"
