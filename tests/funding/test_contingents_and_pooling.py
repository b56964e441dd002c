import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from pik.funding import selectors, services
from pik.funding.models import Applicant, Budget, Contingent
from pik.orgs.models import Gemeinde, Kreis


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


def test_gemeinde_below_minimum_cannot_apply_alone(im, contingents) -> None:
    with pytest.raises(ValidationError, match="Mindestkontingent"):
        services.applicant_create(
            programme=im, kind="gemeinde", members=[contingents["08115001"]], actor=None
        )


def test_pooling_across_kreis_borders_sums_the_contingents(im, contingents) -> None:
    members = [contingents["08115001"], contingents["08115002"], contingents["08117001"]]
    applicant = services.applicant_create(
        programme=im, kind="pooling", members=members, lead=members[0], actor=None
    )
    assert applicant.kreis.ags == "08115" and applicant.gemeinde == members[0]
    assert selectors.applicant_contingent(applicant=applicant) == Decimal(120) * Decimal("796.08")
    with pytest.raises(ValidationError, match="schon zu einem Antragsteller"):
        services.applicant_create(
            programme=im, kind="gemeinde", members=[contingents["08117001"]], actor=None
        )


def test_pooling_below_minimum_is_refused(im, contingents) -> None:
    members = [contingents["08115001"], contingents["08115002"]]  # 50 persons = 39,804 EUR
    with pytest.raises(ValidationError, match="nicht das Mindestkontingent"):
        services.applicant_create(
            programme=im, kind="pooling", members=members, lead=members[0], actor=None
        )
    assert not Applicant.objects.exists()


def test_handover_to_the_kreis_only_for_its_own_gemeinden(im, contingents) -> None:
    kreis = Kreis.objects.get(ags="08115")
    applicant = services.applicant_create(
        programme=im,
        kind="kreis",
        kreis=kreis,
        members=[contingents["08115001"], contingents["08115002"]],
        actor=None,
    )
    assert applicant.gemeinde is None and selectors.applicant_contingent(applicant=applicant) > 0
    with pytest.raises(ValidationError, match="nicht im Kreis"):
        services.applicant_create(
            programme=im,
            kind="kreis",
            kreis=kreis,
            members=[Gemeinde.objects.get(ags="08116004")],
            actor=None,
        )
