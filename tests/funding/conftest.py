"""Funding fixtures: programmes from the reference data, contingents, actors, applications."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps

from pik.core.roles import Role
from pik.funding import services
from pik.funding.models import Applicant, Application, Programme
from pik.funding.reference import ensure_reference_data
from pik.orgs.models import Gemeinde, User

# Kreis A (Böblingen): Böblingen 08115003 (50,705 inhabitants); small: Aidlingen, Altdorf.
PERSONS = {
    "08115003": 300,
    "08115001": 30,
    "08115002": 20,  # Kreis A
    "08116019": 400,
    "08116004": 25,  # Kreis B (Esslingen a. N., Altbach)
    "08117001": 70,  # Kreis Göppingen (for pooling across Kreis borders)
}


@pytest.fixture
def im(db: None) -> Programme:
    ensure_reference_data(apps)
    return Programme.objects.get(code="im")


@pytest.fixture
def digital(db: None) -> Programme:
    ensure_reference_data(apps)
    return Programme.objects.get(code="digital")


@pytest.fixture
def contingents(im: Programme, world: Any) -> dict[str, Gemeinde]:
    csv = "ags,personen\n" + "\n".join(f"{a},{p}" for a, p in PERSONS.items())
    result = services.contingents_import(
        programme=im, data=csv.encode(), filename="t.csv", actor=None
    )
    assert result.errors == []
    return {g.ags: g for g in Gemeinde.objects.filter(ags__in=PERSONS)}


@pytest.fixture
def actors(member: Callable[..., User]) -> dict[str, User]:
    return {
        "gemeinde_a": member(Role.GEMEINDE_ADMIN, "a"),
        "gemeinde_b": member(Role.GEMEINDE_ADMIN, "b"),
        "coordinator_a": member(Role.KREIS_COORDINATOR, "a"),
        "case_worker_a": member(Role.RPS_CASE_WORKER, "a"),
        "case_worker_a2": member(Role.RPS_CASE_WORKER, "a"),
        "case_worker_b": member(Role.RPS_CASE_WORKER, "b"),
        "head": member(Role.RPS_HEAD),
    }


@pytest.fixture
def applicant_a(im: Programme, contingents: dict[str, Gemeinde]) -> Applicant:
    return services.applicant_create(
        programme=im, kind="gemeinde", members=[contingents["08115003"]], actor=None
    )


@pytest.fixture
def draft(im: Programme, applicant_a: Applicant, actors: dict[str, User]) -> Application:
    """A 2020 draft of Gemeinde Böblingen with two positions (1.0 university, 0.5 intermediate)."""
    application = services.application_create(
        programme=im, applicant=applicant_a, year=2020, actor=actors["gemeinde_a"]
    )
    for name, qualification, share, start in (
        ("Sara Nouri", "university", "1.00", dt.date(2020, 3, 1)),
        ("Jan Keller", "intermediate", "0.50", dt.date(2020, 7, 1)),
    ):
        services.position_add(
            application=application,
            person_name=name,
            qualification=qualification,
            share=Decimal(share),
            start_date=start,
            months=24,
            actor=actors["gemeinde_a"],
        )
    application.refresh_from_db()
    return application


def step(application: Application, action: str, actor: User, **kw: Any) -> Application:
    application.refresh_from_db()
    services.application_transition(application=application, action=action, actor=actor, **kw)
    application.refresh_from_db()
    return application


def to_proposed(application: Application, actors: dict[str, User]) -> Application:
    step(application, "submit", actors["gemeinde_a"])
    step(application, "start_review", actors["case_worker_a"])
    return step(application, "propose_approval", actors["case_worker_a"])
