"""The start page: next deadlines from the programme data, the ways in, the search."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from pik.funding import services as funding_services
from pik.funding.models import Programme
from pik.portal.selectors.start import next_day_month, start_page

pytestmark = pytest.mark.django_db


def test_next_day_month_reads_the_rule_data() -> None:
    assert next_day_month("31. Januar", dt.date(2026, 11, 29)) == dt.date(2027, 1, 31)
    assert next_day_month("31. Januar", dt.date(2027, 1, 31)) == dt.date(2027, 1, 31)
    assert next_day_month("Ende des Jahres", dt.date(2026, 1, 1)) is None
    assert next_day_month("31. Februar", dt.date(2026, 1, 1)) is None


def test_deadlines_come_from_the_programme_data() -> None:
    funding_services.rule_version_create(
        programme=Programme.objects.get(code="im"),
        actor=None,
        name="VwV 2027",
        legal_basis="VwV",
        effective_from=dt.date(2027, 1, 1),
    )
    deadlines = start_page(today=dt.date(2026, 11, 29))["deadlines"]
    assert [(d.on, d.what) for d in deadlines] == [
        (dt.date(2027, 1, 1), "Neue Fassung der Förderrichtlinie gilt: VwV 2027"),
        (dt.date(2027, 1, 31), "Kennzahlen für das Vorjahr einreichen"),
    ]


def test_start_page_shows_deadlines_and_the_ways_in(client: Client) -> None:
    html = client.get("/").content.decode()
    assert "Nächste Termine und Fristen" in html and "Kennzahlen für das Vorjahr" in html
    assert 'href="/faq/"' in html and 'action="/suche/"' in html
    assert 'href="/accounts/login/"' in html
    assert "mailto:integrationsmanagement@rps.bwl.de" in html
