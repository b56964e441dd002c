import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Sum

from pik.orgs.models import Gemeinde, Kreis, Land, Regierungsbezirk
from pik.orgs.services import ReferenceDataError, reference_data_load

pytestmark = pytest.mark.django_db


def test_counts_match_the_official_lists() -> None:
    assert Land.objects.count() == 1
    assert Regierungsbezirk.objects.count() == 4
    assert Kreis.objects.count() == 44
    assert Kreis.objects.filter(kind=Kreis.Kind.STADTKREIS).count() == 9
    assert Kreis.objects.filter(kind=Kreis.Kind.LANDKREIS).count() == 35
    assert Gemeinde.objects.count() == 1101
    assert Gemeinde.objects.aggregate(p=Sum("population"))["p"] == 11_104_040


def test_counts_per_regierungsbezirk() -> None:
    rows = {
        r.name: (r.k, r.g)
        for r in Regierungsbezirk.objects.annotate(
            k=Count("kreise", distinct=True), g=Count("kreise__gemeinden")
        )
    }
    assert rows == {
        "Stuttgart": (13, 343),
        "Karlsruhe": (12, 210),
        "Freiburg": (10, 294),
        "Tübingen": (9, 254),
    }


def test_second_load_is_idempotent() -> None:
    result = reference_data_load()
    assert (result.kreise_created, result.gemeinden_created) == (0, 0)
    assert (result.kreise_updated, result.gemeinden_updated) == (0, 0)
    assert Gemeinde.objects.count() == 1101


def test_changed_population_is_updated_in_place() -> None:
    text = "ags,name,kreis_ags,population\n08115001,Aidlingen,08115,9999\n"
    result = reference_data_load(gemeinden_csv=text)
    assert (result.gemeinden_created, result.gemeinden_updated) == (0, 1)
    assert Gemeinde.objects.get(ags="08115001").population == 9999


@pytest.mark.parametrize(
    ("gemeinden", "message"),
    [
        ("ags,name,kreis_ags,population\n08999001,Nirgendwo,08999,10\n", "unbekannter Kreis"),
        (
            "ags,name,kreis_ags,population\n0811500X,Kaputt,08115,10\n",
            "ungültiger Gemeindeschlüssel",
        ),
        ("ags,name,kreis_ags,population\n08115001,Aidlingen,08115,viele\n", "keine Zahl"),
        ("ags;name;kreis_ags;population\n08115001;Aidlingen;08115;1\n", "Kopfzeile"),
        ("ags,name,kreis_ags,population\n08115001,Aidlingen,08115\n", "Anzahl von Spalten"),
    ],
)
def test_bad_rows_are_rejected_with_line_numbers_and_nothing_changes(
    gemeinden: str, message: str
) -> None:
    good_then_bad = gemeinden.replace(
        "ags,name,kreis_ags,population\n",
        "ags,name,kreis_ags,population\n08115002,Altdorf,08115,1\n",
    )
    with pytest.raises(ReferenceDataError, match=message) as info:
        reference_data_load(gemeinden_csv=good_then_bad)
    assert any("Zeile" in e or "Kopfzeile" in e for e in info.value.errors)
    assert Gemeinde.objects.get(ags="08115002").population == 4547  # good row not saved either


def test_command_reports_bad_file_in_german(tmp_path) -> None:
    bad = tmp_path / "kreise.csv"
    bad.write_text("ags,name,kind,regierungsbezirk\n08115,Böblingen,Bezirk,Stuttgart\n", "utf-8")
    with pytest.raises(CommandError, match="weder Stadtkreis noch Landkreis"):
        call_command("load_reference_data", kreise=bad)
    assert Kreis.objects.get(ags="08115").kind == Kreis.Kind.LANDKREIS


def test_command_reports_unreadable_file(tmp_path) -> None:
    bad = tmp_path / "gemeinden.csv"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("load_reference_data", gemeinden=bad)


def test_command_refuses_an_oversize_file_before_reading_it(tmp_path) -> None:
    big = tmp_path / "gemeinden.csv"
    with big.open("wb") as file:
        file.truncate(6 * 1024 * 1024)  # sparse: 6 MB that are never written or read
    with pytest.raises(CommandError, match="größer als 5 MB"):
        call_command("load_reference_data", gemeinden=big)
