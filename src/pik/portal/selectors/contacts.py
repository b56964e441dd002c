"""The contact person per Kreis: who at the RPS is responsible for a Gemeinde or Kreis.

Read from the same assignment the funding procedures use (the RPS case workers' responsible
Kreise, through orgs' selectors), so the public answer is always the current one. Names are
matched by ``pik.orgs.names`` (``search_keys``, ``match_rank``) without regard to case, umlauts,
"ß" and punctuation: "Kressbronn" finds "Kreßbronn a. Bodensee", "Boeblingen" and "Boblingen"
find "Böblingen".
"""

from __future__ import annotations

from dataclasses import dataclass

from pik.orgs import names
from pik.orgs import selectors as orgs

UNIT = "Regierungspräsidium Stuttgart, Referat 15.2, Dienststelle Wertheim"
ADDRESS = "Am Eichamt 2, 97877 Wertheim"
MAILBOX = "integrationsmanagement@rps.bwl.de"
MAX_MATCHES = 20


@dataclass(frozen=True)
class Contact:
    """The answer for one Kreis: its Regierungsbezirk and the responsible case workers."""

    kreis_name: str
    kreis_ags: str
    regierungsbezirk: str
    case_workers: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    place: str  # as the visitor reads it: "Kreßbronn a. Bodensee (Bodenseekreis)"
    is_kreis: bool
    contact: Contact


def contacts() -> dict[int, Contact]:
    """Every Kreis with its responsible RPS case workers, by Kreis id (two queries)."""
    workers: dict[int, list[str]] = {}
    for _user_id, name, kreis_id in orgs.case_worker_kreise():
        if kreis_id is not None:
            workers.setdefault(kreis_id, []).append(name)
    return {
        k.pk: Contact(
            kreis_name=str(k),
            kreis_ags=k.ags,
            regierungsbezirk=k.regierungsbezirk.name,
            case_workers=tuple(sorted(workers.get(k.pk, []))),
        )
        for k in orgs.public_kreise()
    }


def contact_table() -> list[Contact]:
    """All 44 Kreise by name, for the table and the PDF list."""
    return sorted(contacts().values(), key=lambda c: names.search_keys(c.kreis_name)[0])


def _places() -> list[tuple[str, bool, int]]:
    kreise = [(str(k), True, k.pk) for k in orgs.public_kreise()]
    gemeinden = [(name, False, kreis_id) for _ags, name, kreis_id in orgs.public_gemeinden()]
    return kreise + gemeinden


def place_names(*, query: str, limit: int = 10) -> list[str]:
    """Names for the autocomplete, best matches first."""
    return [m.place for m in search(query=query, limit=limit)]


def search(*, query: str, limit: int = MAX_MATCHES) -> list[Match]:
    """Gemeinden and Kreise whose name matches ``query``, best first, with their contact."""
    keys = names.query_keys(query)  # also a chosen "Ort (Kreis)" or "Stadt Ort"
    if len(keys[0]) < 2:
        return []
    table = contacts()
    found = []
    for name, is_kreis, kreis_id in _places():
        rank = names.match_rank(keys, name)
        if rank is not None:
            contact = table[kreis_id]
            place = name if is_kreis else f"{name} ({contact.kreis_name})"
            found.append(
                (rank, not is_kreis, names.search_keys(name)[0], Match(place, is_kreis, contact))
            )
    found.sort(key=lambda item: item[:3])
    return [item[3] for item in found[:limit]]
