"""Official names for letters and titles, derived from the statistical reference data."""

from __future__ import annotations

import pytest

from pik.orgs import names
from pik.orgs.models import Gemeinde, Kreis


@pytest.mark.parametrize(
    ("statistical", "official"),
    [
        ("Böblingen, Stadt", "Stadt Böblingen"),
        ("Tübingen, Universitätsstadt", "Universitätsstadt Tübingen"),
        ("Stuttgart, Landeshauptstadt", "Landeshauptstadt Stuttgart"),
        ("Sindelfingen, Große Kreisstadt", "Große Kreisstadt Sindelfingen"),
        ("Aidlingen", "Gemeinde Aidlingen"),
    ],
)
def test_statistical_names_become_official(statistical: str, official: str) -> None:
    assert names.gemeinde_official_name(statistical) == official


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ags", "official", "title"),
    [
        ("08111000", "Landeshauptstadt Stuttgart", "Landeshauptstadt Stuttgart"),
        ("08115003", "Stadt Böblingen", "Stadt Böblingen"),
        ("08416041", "Universitätsstadt Tübingen", "Universitätsstadt Tübingen"),
        ("08311000", "Stadt Freiburg im Breisgau", "Stadt Freiburg im Breisgau"),
        ("08222000", "Stadt Mannheim", "Stadt Mannheim"),
        ("08115001", "Gemeinde Aidlingen", "Aidlingen"),
    ],
)
def test_gemeinden_from_the_reference_data(ags: str, official: str, title: str) -> None:
    gemeinde = Gemeinde.objects.get(ags=ags)
    assert gemeinde.official_name == official
    assert str(gemeinde) == title


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ags", "authority"),
    [
        ("08115", "Landratsamt Böblingen"),
        ("08416", "Landratsamt Tübingen"),
        ("08226", "Landratsamt Rhein-Neckar-Kreis"),
        ("08111", "Landeshauptstadt Stuttgart"),
        ("08311", "Stadt Freiburg im Breisgau"),
        ("08222", "Stadt Mannheim"),
    ],
)
def test_kreise_are_written_to_their_authority(ags: str, authority: str) -> None:
    assert Kreis.objects.get(ags=ags).official_name == authority


@pytest.mark.django_db
def test_no_official_name_keeps_a_statistical_comma() -> None:
    for gemeinde in Gemeinde.objects.select_related("kreis"):
        assert "," not in gemeinde.official_name, gemeinde.name
    for kreis in Kreis.objects.all():
        assert "," not in kreis.official_name and "(" not in kreis.official_name, kreis.name
