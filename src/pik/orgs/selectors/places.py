"""Gemeinden chosen by name, as people type them: the suggestions of an autocomplete (only
Gemeinden of the Kreise the user may see), a filter's typed name, the members of a pooling.
Matching through ``pik.orgs.names`` (``query_keys``, ``match_rank``)."""

from __future__ import annotations

from dataclasses import dataclass

from pik.core.scoping import visible
from pik.orgs import names
from pik.orgs.models import Gemeinde, Kreis, User


@dataclass(frozen=True)
class GemeindeName:
    """A Gemeinde as a list offers it: its name on pages ("Stadt Böblingen"), with its Kreis
    where the name alone is not unique ("Altdorf (Böblingen)")."""

    pk: int
    label: str


def _gemeinden_of_visible_kreise(user: User) -> list[tuple[int, str, str, str]]:
    kreise = visible(Kreis.objects.all(), user).values("pk")
    rows = Gemeinde.objects.filter(kreis_id__in=kreise).values_list(
        "pk", "ags", "name", "kreis__name"
    )
    return [(pk, ags, name, kreis) for pk, ags, name, kreis in rows]


def _labels(rows: list[tuple[int, str, str, str]]) -> dict[int, str]:
    titles = {pk: names.gemeinde_title(name) for pk, _ags, name, _kreis in rows}
    seen: dict[str, int] = {}
    for title in titles.values():
        seen[title] = seen.get(title, 0) + 1
    return {
        pk: f"{titles[pk]} ({names.place_name(kreis)})" if seen[titles[pk]] > 1 else titles[pk]
        for pk, _ags, _name, kreis in rows
    }


def gemeinde_names(*, user: User, query: str, limit: int = 20) -> list[GemeindeName]:
    """Gemeinden of the Kreise the user may see whose name matches ``query`` (tolerant:
    "boeblingen", "Stadt Böblingen"), best first; none for fewer than two letters."""
    keys = names.query_keys(query)
    if len(keys[0]) < 2:
        return []
    rows = _gemeinden_of_visible_kreise(user)
    labels = _labels(rows)
    found = []
    for pk, _ags, name, _kreis in rows:
        rank = names.match_rank(keys, name)
        if rank is not None:
            found.append((rank, names.search_keys(labels[pk])[0], pk))
    found.sort()
    return [GemeindeName(pk, labels[pk]) for _rank, _key, pk in found[:limit]]


def gemeinde_resolve(*, user: User, text: str) -> list[int]:
    """The Gemeinden (ids) a typed or chosen name means, among those the user may see: its
    key (AGS), a label from ``gemeinde_names`` or a name that matches exactly (every Gemeinde
    of that name, if the Kreis is not given). Empty: none."""
    return _resolve(_gemeinden_of_visible_kreise(user), text)


def gemeinden_by_names(*, text: str) -> list[Gemeinde]:
    """The Gemeinden a list names, in its order (public reference data; who may act for them
    is the service's question): separated by ";" or ",", each by its key (AGS) or its name
    ("Stadt Böblingen", "boeblingen", "Altdorf (Böblingen)"). ``ValueError`` in German naming
    what is unknown or ambiguous."""
    rows = [
        (pk, ags, name, kreis)
        for pk, ags, name, kreis in Gemeinde.objects.values_list("pk", "ags", "name", "kreis__name")
    ]
    labels = _labels(rows)
    parts = [p.strip() for p in text.split(";") if p.strip()]
    entries: list[str] = []
    for part in parts:  # "a, b" is two entries unless the whole is one name ("Böblingen, Stadt")
        entries += (
            [part] if _resolve(rows, part) else [p.strip() for p in part.split(",") if p.strip()]
        )
    chosen: list[int] = []
    unknown, ambiguous = [], []
    for entry in entries:
        found = _resolve(rows, entry)
        if not found:
            unknown.append(entry)
        elif len(found) > 1:
            ambiguous.append(f"„{entry}“ ({', '.join(sorted(labels[pk] for pk in found))})")
        else:
            chosen.append(found[0])
    problems = []
    if unknown:
        problems.append("Unbekannte Gemeinden: " + ", ".join(f"„{u}“" for u in unknown))
    if ambiguous:
        problems.append(
            "Mehrere Gemeinden dieses Namens – bitte mit Kreis angeben: " + "; ".join(ambiguous)
        )
    if problems:
        raise ValueError(". ".join(problems) + ".")
    by_pk = Gemeinde.objects.select_related("kreis").in_bulk(chosen)
    return [by_pk[pk] for pk in chosen]


def _resolve(rows: list[tuple[int, str, str, str]], text: str) -> list[int]:
    text = text.strip()
    if not text:
        return []
    by_ags = [pk for pk, ags, _name, _kreis in rows if ags == text]
    if by_ags:
        return by_ags
    labels = _labels(rows)
    chosen = [pk for pk, label in labels.items() if label.casefold() == text.casefold()]
    if chosen:
        return chosen
    place, kreis = names.without_kreis(text)
    keys, kreis_keys = names.query_keys(place), names.query_keys(kreis) if kreis else None
    return [
        pk
        for pk, _ags, name, kreis_name in rows
        if names.match_rank(keys, name) == 0
        and (kreis_keys is None or names.match_rank(kreis_keys, kreis_name) == 0)
    ]
