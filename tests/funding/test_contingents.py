"""Contingents: persons per Gemeinde read in (CSV, XLSX), amounts computed, a budget split."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from pik.funding import services
from pik.funding.models import (
    Budget,
    Contingent,
)
from tests.funding import factories


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_import_computes_contingents(im, world) -> None:
    data = xlsx([["AGS", "Personen"], ["08115003", 166], ["08116004", 668]])
    result = services.contingents_import(
        year=2020, programme=im, data=data, filename="x.csv", actor=None
    )
    assert result == services.ImportResult(2, [])
    amounts = dict(Contingent.objects.values_list("gemeinde__ags", "amount"))
    assert amounts == {"08115003": Decimal("132149.28"), "08116004": Decimal("531781.44")}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"ags,personen\n08115003,10\n99999999,5\n", "unbekannter Gemeindeschlüssel"),
        (b"ags,personen\n08115003,10\n08115001,0\n", "keine Personenzahl größer 0"),
        (b"ags,personen\n08115003,10\n08115001,-3\n", "keine Personenzahl größer 0"),
        (b"ags,personen\n08115003,10\n08115003,12\n", "doppelt"),
        (b"gemeinde,anzahl\n08115003,10\n", "erste Zeile"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "weder eine Excel-Datei"),
        (b"PK\x03\x04 not really a workbook", "Excel-Datei kann nicht gelesen"),
    ],
)
def test_bad_uploads_save_nothing_and_name_the_rows(im, world, content, message) -> None:
    result = services.contingents_import(
        year=2020, programme=im, data=content, filename="p.csv", actor=None
    )
    assert result.saved == 0
    assert any(message in e for e in result.errors), result.errors
    assert not Contingent.objects.exists()


def test_reimport_updates_the_same_contingents(im, world) -> None:
    first = b"ags,personen\n08115003,166\n"
    services.contingents_import(year=2020, programme=im, data=first, filename="p.csv", actor=None)
    before = Contingent.objects.get()
    again = b"ags,personen\n08115003,200\n08116004,668\n"
    result = services.contingents_import(
        year=2020, programme=im, data=again, filename="p.csv", actor=None
    )
    assert result == services.ImportResult(2, [])
    after = Contingent.objects.get(gemeinde__ags="08115003")
    assert (after.pk, after.created_at) == (before.pk, before.created_at)
    assert (after.persons, after.amount) == (200, Decimal("159216.00"))
    assert Contingent.objects.count() == 2


def test_semicolon_csv_with_thousands_separator(im, world) -> None:
    data = b"AGS;Personen\n08115003;1.200\n"
    assert (
        services.contingents_import(
            year=2020, programme=im, data=data, filename="p.csv", actor=None
        ).saved
        == 1
    )
    assert Contingent.objects.get().persons == 1200


def test_budget_split_over_all_contingents_is_exact(im, contingents) -> None:
    budget = Budget.objects.get(programme=im, year=2020)
    count = services.contingents_split_budget(programme=im, budget=budget, actor=None)
    shares = list(Contingent.objects.values_list("budget_share", flat=True))
    assert count == len(shares) == 6
    assert sum(shares) == budget.total


def test_contingents_record_the_rule_version_used(contingents, im) -> None:
    contingent = Contingent.objects.get(gemeinde__ags="08115003")
    assert contingent.rule_version.name == "Änderung der VwV vom 11. November 2020"
    assert contingent.amount == Decimal("238824.00")


# --- The rule version of a contingent is the one of its funding year -----------------------------


def _import(im, year: int, persons: int, ags: str = "08115003"):  # type: ignore[no-untyped-def]
    data = f"ags,personen\n{ags},{persons}\n".encode()
    return services.contingents_import(
        programme=im, year=year, data=data, filename="p.csv", actor=None
    )


def test_contingents_are_labelled_with_the_rule_version_of_their_funding_year(im, world) -> None:  # type: ignore[no-untyped-def]
    """2017 figures under the VwV of 2017, not under the newest version with a reference date."""
    assert _import(im, 2017, 166).saved == 1
    assert _import(im, 2020, 300).saved == 1
    rows = {c.year: c for c in Contingent.objects.filter(gemeinde__ags="08115003")}
    assert set(rows) == {2017, 2020}
    assert rows[2017].rule_version.name == "VwV Integrationsmanagement 2017"
    assert rows[2020].rule_version.name == "Änderung der VwV vom 11. November 2020"
    assert (rows[2017].persons, rows[2017].amount) == (166, Decimal("132149.28"))
    assert rows[2020].persons == 300


def test_an_application_is_capped_by_the_contingent_of_its_year(im, world, actors) -> None:  # type: ignore[no-untyped-def]
    """Its own year's figures; a year without figures of its own takes the latest earlier ones."""
    from pik.funding.models import Applicant

    _import(im, 2017, 166)
    _import(im, 2020, 300)
    applicant = Applicant.objects.get(
        pk=services.applicant_create(
            programme=im, kind="gemeinde", members=[world.gemeinde_a], actor=None
        ).pk
    )
    caps = {}
    for year in (2017, 2018, 2020):
        application = services.application_create(
            programme=im, applicant=applicant, year=year, actor=actors["gemeinde_a"]
        )
        caps[year] = application.contingent
    rate = Decimal("796.08")
    assert caps == {2017: 166 * rate, 2018: 166 * rate, 2020: 300 * rate}


@pytest.mark.parametrize("year", [2016, 1999])
def test_a_year_before_the_programme_is_refused(im, world, year: int) -> None:  # type: ignore[no-untyped-def]
    result = _import(im, year, 166)
    assert result.saved == 0
    assert result.errors == [f"Bitte ein Förderjahr ab 2017 angeben (angegeben: „{year}“)."]
    assert not Contingent.objects.exists()


def test_a_budget_is_split_over_the_contingents_of_its_year_only(im, world) -> None:  # type: ignore[no-untyped-def]
    _import(im, 2017, 166)
    _import(im, 2020, 300)
    _import(im, 2020, 100, ags="08116019")
    budget = Budget.objects.get(programme=im, year=2020)
    assert services.contingents_split_budget(programme=im, budget=budget, actor=None) == 2
    assert Contingent.objects.get(year=2017).budget_share is None
    shares = Contingent.objects.filter(year=2020).values_list("budget_share", flat=True)
    assert sum(shares) == budget.total


def test_the_upload_page_asks_for_the_year(client, im, world, member) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pik.core.roles import Role

    client.force_login(member(Role.RPS_CASE_WORKER))
    url = "/foerderung/kontingente/im/"
    upload = SimpleUploadedFile("p.csv", b"ags,personen\n08115003,166\n")
    page = client.post(url, {"file": upload}).content.decode()
    assert "Förderjahr" in page and not Contingent.objects.exists()
    upload = SimpleUploadedFile("p.csv", b"ags,personen\n08115003,166\n")
    response = client.post(url, {"year": "2017", "file": upload})
    assert response.status_code == 302 and response["Location"].endswith("?jahr=2017")
    assert Contingent.objects.get().year == 2017
    page = client.get(response["Location"]).content.decode()
    assert "Förderjahr 2017" in page and "VwV Integrationsmanagement 2017" in page


def test_a_budget_of_another_programme_is_not_split(im, world) -> None:  # type: ignore[no-untyped-def]
    digital = factories.programme("digital")
    factories.contingents(im)
    budget = Budget.objects.filter(programme=digital).first()
    assert budget is not None
    with pytest.raises(ValidationError, match="nicht zu diesem Förderprogramm"):
        services.contingents_split_budget(programme=im, budget=budget, actor=None)


def test_a_misplaced_point_in_persons_is_refused_not_read_as_thousands(im, world) -> None:  # type: ignore[no-untyped-def]
    result = services.contingents_import(
        programme=im,
        year=2020,
        data=b"ags,personen\n08115003,12.5\n08116019,1.234\n",
        filename="p.csv",
        actor=None,
    )
    assert not result.saved
    assert any("„12.5“ ist keine Personenzahl" in e for e in result.errors), result.errors
