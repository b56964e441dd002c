"""Statewide figures: sums from the ledger per programme year, Bezirk and Kreis; sorting,
exports, the annual report, aggregates only, a fixed number of queries."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Sum
from django.urls import reverse
from openpyxl import load_workbook

from pik.core.roles import Role
from pik.funding import selectors
from pik.funding.models import LedgerEntry
from tests.funding import factories
from tests.funding.test_deadlines import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_kreise(im, draft, contingents, world, actors) -> dict[str, Any]:
    """Böblingen (Kreis A: 1.0 + 0.5 VZÄ, two persons) and Esslingen (Kreis B: 1.0 VZÄ), both
    approved in 2020, and 2020's budget split over the contingents."""
    from pik.funding import services
    from pik.funding.models import Budget

    budget = Budget.objects.get(programme=im, year=2020)
    services.contingents_split_budget(programme=im, budget=budget, actor=None)
    a = approved(draft, actors["gemeinde_a"], actors["case_worker_a"], actors["head"])
    applicant = factories.applicant(im, [world.gemeinde_b])
    positions = [("Mara Berg", "university", "1.00", factories.dt.date(2020, 7, 1))]
    b = factories.draft(im, applicant, actors["gemeinde_b"], positions=positions)
    b = approved(b, actors["gemeinde_b"], actors["case_worker_b"], actors["head"])
    return {"a": a, "b": b}


def test_sums_per_year_bezirk_and_kreis(two_kreise, actors, world) -> None:
    a, b = two_kreise["a"], two_kreise["b"]
    figures = selectors.statewide_figures(user=actors["head"], programme="im", year="2020")
    assert (figures.programme.code, figures.year) == ("im", 2020)
    [year] = [
        r
        for r in figures.tables["jahre"].rows
        if r.year == 2020 and r.programme == figures.programme.name
    ]

    # commitments are booked per budget year (ADR 0028): the 2020 row shows the 2020 shares,
    # and the shares of all years add up to the approved amounts
    def share(application, year=None):  # type: ignore[no-untyped-def]
        entries = LedgerEntry.objects.filter(application=application, kind="commitment")
        if year is not None:
            entries = entries.filter(budget__year=year)
        return entries.aggregate(s=Sum("amount"))["s"] or Decimal("0.00")

    assert share(a) == a.approved_amount and share(b) == b.approved_amount
    assert year.committed == share(a, 2020) + share(b, 2020) > 0
    assert year.budget == Decimal("70000000.00")
    assert year.free == year.budget - year.committed
    assert (year.paid, year.repaid) == (Decimal("0.00"), Decimal("0.00"))
    assert year.fte == Decimal("2.50") and year.persons == 3
    kreise = {r.kreis: r for r in figures.tables["kreise"].rows}
    row_a, row_b = kreise[world.kreis_a.name], kreise[world.kreis_b.name]
    assert row_a.committed == share(a, 2020) and row_b.committed == share(b, 2020)
    assert row_a.fte == Decimal("1.50") and row_a.persons_per_position == Decimal("1.33")
    assert row_a.budget > 0 and row_a.free == row_a.budget - row_a.committed
    [stuttgart] = figures.tables["bezirke"].rows  # both Kreise lie in RB Stuttgart
    assert stuttgart.committed == year.committed and stuttgart.fte == Decimal("2.50")


def test_sort_by_any_column(two_kreise, actors, world) -> None:
    def order(sort: str) -> list[str]:
        figures = selectors.statewide_figures(
            user=actors["head"], programme="im", year="2020", sort={"kreise": sort}
        )
        return [r.kreis for r in figures.tables["kreise"].rows if r.fte]

    assert order("-fte") == [world.kreis_a.name, world.kreis_b.name]
    assert order("fte") == [world.kreis_b.name, world.kreis_a.name]
    assert order("kreis") == sorted(order("kreis"))
    assert order("erfunden") == order("")  # an unknown column keeps the given order


def test_page_aggregates_only_with_charts_in_few_queries(
    client, two_kreise, member, django_assert_max_num_queries
) -> None:
    client.force_login(member(Role.MINISTRY))
    with django_assert_max_num_queries(15):
        response = client.get(reverse("funding:figures"), {"sort_kreise": "-committed"})
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count("<svg") == 2 and 'aria-sort="descending"' in text
    for name in ("Sara Nouri", "Jan Keller", "Mara Berg", str(two_kreise["a"].applicant)):
        assert name not in text  # aggregates only: no person, no applicant


def test_exports_of_every_table_and_the_report(client, two_kreise, member, world) -> None:
    client.force_login(member(Role.RPS_HEAD))
    chosen = {"programm": "im", "jahr": 2020}
    for table in ("jahre", "bezirke", "kreise"):
        csv = client.get(reverse("funding:figures_export", args=[table, "csv"]), chosen)
        assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
        assert csv.content.decode("utf-8-sig").splitlines()[0].split(";")[-2] == (
            "geförderte Stellen (VZÄ)"
        )
        xlsx = client.get(reverse("funding:figures_export", args=[table, "xlsx"]), chosen)
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        assert sheet.max_row >= 2
    kreise = client.get(reverse("funding:figures_export", args=["kreise", "csv"]), {"jahr": 2020})
    line = next(
        r for r in kreise.content.decode("utf-8-sig").splitlines() if world.kreis_a.name in r
    )
    assert line.endswith(";1,50;1,33")
    assert client.get(reverse("funding:figures_export", args=["kreise", "pdf"])).status_code == 404
    assert client.get(reverse("funding:figures_export", args=["leute", "csv"])).status_code == 404
    report = client.get(reverse("funding:figures_report"), {"programm": "im", "jahr": 2020})
    assert report.status_code == 200 and report.content.startswith(b"%PDF")


@pytest.mark.parametrize("role", [Role.GEMEINDE_ADMIN, Role.KREIS_COORDINATOR])
def test_applicants_do_not_see_statewide_figures(client, member, role, im) -> None:
    client.force_login(member(role))
    assert client.get(reverse("funding:figures")).status_code == 403
