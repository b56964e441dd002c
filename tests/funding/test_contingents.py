"""Contingents: persons per Gemeinde read in (CSV, XLSX), amounts computed, a budget split."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from pik.funding import services
from pik.funding.models import (
    Budget,
    Contingent,
)


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
    result = services.contingents_import(programme=im, data=data, filename="x.csv", actor=None)
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
    result = services.contingents_import(programme=im, data=content, filename="p.csv", actor=None)
    assert result.saved == 0
    assert any(message in e for e in result.errors), result.errors
    assert not Contingent.objects.exists()


def test_reimport_updates_the_same_contingents(im, world) -> None:
    first = b"ags,personen\n08115003,166\n"
    services.contingents_import(programme=im, data=first, filename="p.csv", actor=None)
    before = Contingent.objects.get()
    again = b"ags,personen\n08115003,200\n08116004,668\n"
    result = services.contingents_import(programme=im, data=again, filename="p.csv", actor=None)
    assert result == services.ImportResult(2, [])
    after = Contingent.objects.get(gemeinde__ags="08115003")
    assert (after.pk, after.created_at) == (before.pk, before.created_at)
    assert (after.persons, after.amount) == (200, Decimal("159216.00"))
    assert Contingent.objects.count() == 2


def test_semicolon_csv_with_thousands_separator(im, world) -> None:
    data = b"AGS;Personen\n08115003;1.200\n"
    assert (
        services.contingents_import(programme=im, data=data, filename="p.csv", actor=None).saved
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
