"""Contact person per Kreis: found by Gemeinde or Kreis name, from the case workers' Kreise."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pik.core.roles import Role
from pik.portal.selectors import contacts

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Wertheim", "Wertheim (Main-Tauber-Kreis)"),
        ("Kressbronn", "Kreßbronn am Bodensee (Bodenseekreis)"),
        ("kreßbronn", "Kreßbronn am Bodensee (Bodenseekreis)"),
        ("Boeblingen", "Böblingen (Landkreis Böblingen)"),
        ("Boblingen", "Böblingen (Landkreis Böblingen)"),
        ("villingen schwenningen", "Villingen-Schwenningen (Schwarzwald-Baar-Kreis)"),
        ("Freiburg", "Freiburg im Breisgau (Stadtkreis)"),
        ("Kreßbronn am Bodensee (Bodenseekreis)", "Kreßbronn am Bodensee (Bodenseekreis)"),
    ],
)
def test_names_match_without_regard_to_umlauts_and_sharp_s(typed: str, found: str) -> None:
    assert contacts.search(query=typed)[0].place == found


def test_every_gemeinde_and_kreis_can_be_found() -> None:
    from pik.orgs import selectors as orgs

    assert len(orgs.public_gemeinden()) + 9 == 1101  # the 9 cities are their Stadtkreis
    assert len(contacts.contact_table()) == 44


def test_the_answer_is_the_case_worker_the_procedures_use(world, member) -> None:
    worker = member(Role.RPS_CASE_WORKER, "a")  # responsible for Kreis A (Böblingen)
    [match] = [m for m in contacts.search(query="Aidlingen") if m.place.startswith("Aidlingen")]
    assert match.contact.case_workers == (worker.get_full_name(),)
    assert match.contact.regierungsbezirk == "Stuttgart"
    other = contacts.search(query="Esslingen am Neckar")[0]
    assert worker.get_full_name() not in other.contact.case_workers


def test_search_page_without_javascript_and_the_autocomplete(client, world, member) -> None:
    worker = member(Role.RPS_CASE_WORKER, "a")
    text = client.get(reverse("portal:contacts"), {"ort": "Boblingen"}).content.decode()
    assert worker.get_full_name() in text
    assert "Am Eichamt 2, 97877 Wertheim" in text and "integrationsmanagement@rps.bwl.de" in text
    assert "Referat 15.2" in text
    places = client.get(reverse("portal:contact_places"), {"q": "Kressbr"}).json()["places"]
    assert places[0] == "Kreßbronn am Bodensee (Bodenseekreis)"
    assert (
        "Keine Gemeinde"
        in client.get(reverse("portal:contacts"), {"ort": "Atlantis"}).content.decode()
    )


def test_table_and_pdf_are_always_current(client, world, member) -> None:
    table = client.get(reverse("portal:contact_table")).content.decode()
    assert table.count("<tr>") == 45
    worker = member(Role.RPS_CASE_WORKER, "b")
    assert worker.get_full_name() in client.get(reverse("portal:contact_table")).content.decode()
    pdf = client.get(reverse("portal:contact_pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
