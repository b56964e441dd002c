"""Official names of Gemeinden and Kreise, as a letter's recipient line and a page title use them.

The reference data (Destatis Gemeindeverzeichnis) writes names statistically: "Böblingen, Stadt",
"Stuttgart, Landeshauptstadt", "Freiburg im Breisgau, Stadtkreis". A letter says "Stadt Böblingen",
"Landeshauptstadt Stuttgart", "Stadt Freiburg im Breisgau"; it goes to the authority of a
Landkreis, "Landratsamt Böblingen", and to the city of a Stadtkreis. ADR 0027.
"""

from __future__ import annotations

# The designations the reference data appends after a comma, and how the official name reads.
# "Stadtkreis" is a statistical marker for the city of a Stadtkreis: its official name is "Stadt X".
_DESIGNATIONS = {
    "Stadt": "Stadt",
    "Große Kreisstadt": "Große Kreisstadt",
    "Universitätsstadt": "Universitätsstadt",
    "Landeshauptstadt": "Landeshauptstadt",
    "Stadtkreis": "Stadt",
}


def split_statistical(name: str) -> tuple[str, str]:
    """'Böblingen, Stadt' → ('Böblingen', 'Stadt'); 'Aidlingen' → ('Aidlingen', '')."""
    place, sep, designation = name.rpartition(", ")
    if sep and designation in _DESIGNATIONS:
        return place, _DESIGNATIONS[designation]
    return name, ""


def place_name(name: str) -> str:
    """The bare place name: 'Tübingen, Universitätsstadt' → 'Tübingen'."""
    return split_statistical(name)[0]


def gemeinde_official_name(name: str, *, city_of_stadtkreis: bool = False) -> str:
    """'Böblingen, Stadt' → 'Stadt Böblingen'; 'Aidlingen' → 'Gemeinde Aidlingen'.

    The city of a Stadtkreis without a designation in the data ('Mannheim') is 'Stadt Mannheim'.
    """
    place, designation = split_statistical(name)
    if not designation:
        designation = "Stadt" if city_of_stadtkreis else "Gemeinde"
    return f"{designation} {place}"


def gemeinde_title(name: str, *, city_of_stadtkreis: bool = False) -> str:
    """The name on pages and in lists: the official name without the plain 'Gemeinde'."""
    official = gemeinde_official_name(name, city_of_stadtkreis=city_of_stadtkreis)
    return official.removeprefix("Gemeinde ")


def kreis_authority_name(name: str, *, landkreis: bool, city_official_name: str = "") -> str:
    """Who receives a Kreis's letters: 'Landratsamt Böblingen', 'Landratsamt Ortenaukreis';
    for a Stadtkreis its city ('Landeshauptstadt Stuttgart'), named by its Gemeinde's entry."""
    place = place_name(name)
    if landkreis:
        return f"Landratsamt {place}"
    return city_official_name or f"Stadt {place}"
