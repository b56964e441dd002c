"""Official names of Gemeinden and Kreise, as a letter's recipient line and a page title use them.

The reference data (Destatis Gemeindeverzeichnis) writes names statistically: "Böblingen, Stadt",
"Stuttgart, Landeshauptstadt", "Freiburg im Breisgau, Stadtkreis". A letter says "Stadt Böblingen",
"Landeshauptstadt Stuttgart", "Stadt Freiburg im Breisgau"; it goes to the authority of a
Landkreis, "Landratsamt Böblingen", and to the city of a Stadtkreis. ADR 0027.
"""

from __future__ import annotations

import re

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


# --- Finding a place by name, as people type it ------------------------------------------------
# "boeblingen", "Boblingen", "Stadt Böblingen" and "Böblingen, Stadt" all find "Böblingen, Stadt";
# "Kressbronn" finds "Kreßbronn a. Bodensee". One matcher for every autocomplete and search of
# Gemeinden and Kreise (the portal's contact search, the funding filters, the statistics scopes).

_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue"}


def search_keys(text: str) -> tuple[str, str]:
    """Two keys: umlauts written out ("oe") and umlauts dropped ("o"); "ß" is "ss"; case,
    punctuation and repeated spaces do not count."""
    base = re.sub(r"[^\wäöü]+", " ", text.casefold()).strip()
    base = re.sub(r"\s+", " ", base)
    spelled = base
    for umlaut, written in _UMLAUTS.items():
        spelled = spelled.replace(umlaut, written)
    dropped = base.replace("ä", "a").replace("ö", "o").replace("ü", "u")
    return spelled, dropped


def name_forms(name: str) -> tuple[str, ...]:
    """The forms a place is looked for by: as stored ("Böblingen, Stadt"), the bare place
    ("Böblingen") and the official name ("Stadt Böblingen")."""
    place, designation = split_statistical(name)
    forms = [name, place]
    if designation:
        forms.append(f"{designation} {place}")
    return tuple(dict.fromkeys(forms))


def match_rank(query: tuple[str, str], name: str) -> int | None:
    """How well ``query`` (its ``search_keys``) matches ``name``: 0 exactly, 1 a word starts
    with it, 2 contained; ``None``: not at all. The best over the name's forms."""
    best = None
    for form in name_forms(name):
        for q, n in zip(query, search_keys(form), strict=True):
            if not q or q not in n:
                continue
            rank = 0 if n == q else 1 if n.startswith(q) or f" {q}" in n else 2
            best = rank if best is None else min(best, rank)
    return best


_PREFIXES = re.compile(
    r"^(?:stadt|gemeinde|große kreisstadt|grosse kreisstadt|landeshauptstadt|universitätsstadt"
    r"|landratsamt|landkreis|stadtkreis)\s+(?=\S)",
    re.IGNORECASE,
)


def query_keys(text: str) -> tuple[str, str]:
    """The ``search_keys`` of what someone typed: a chosen "Ort (Kreis)" is the place, and an
    official or statistical name ("Stadt Böblingen", "Landratsamt Böblingen", "Böblingen, Stadt")
    is looked for by its place."""
    place = split_statistical(without_kreis(text)[0].strip())[0]
    return search_keys(_PREFIXES.sub("", place) or place)


def without_kreis(text: str) -> tuple[str, str]:
    """A chosen "Ort (Kreis)" → ("Ort", "Kreis"); plain text → (text, "")."""
    found = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", text)
    if found:
        return found.group(1), found.group(2)
    return text, ""
