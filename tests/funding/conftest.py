"""Funding fixtures: programmes from the reference data, contingents, actors, applications.

Thin wrappers over ``tests.funding.factories`` (the one way funding test data are built).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pik.core.roles import Role
from pik.funding.models import Applicant, Application, Programme
from pik.orgs.models import Gemeinde, User
from tests.funding import factories


@pytest.fixture
def im(db: None) -> Programme:
    return factories.programme("im")


@pytest.fixture
def digital(db: None) -> Programme:
    return factories.programme("digital")


@pytest.fixture
def contingents(im: Programme, world: Any) -> dict[str, Gemeinde]:
    return factories.contingents(im)


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
    return factories.applicant(im, [contingents["08115003"]])


@pytest.fixture
def draft(im: Programme, applicant_a: Applicant, actors: dict[str, User]) -> Application:
    """A 2020 draft of Gemeinde Böblingen with two positions (1.0 university, 0.5 intermediate)."""
    return factories.draft(im, applicant_a, actors["gemeinde_a"])
