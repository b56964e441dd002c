"""Who may use which part of the funding procedures (named predicates over roles)."""

from __future__ import annotations

from typing import Any

from pik.core.roles import Role
from pik.core.scoping import grants_for

FUNDING_CASE_ROLES = frozenset(
    {Role.RPS_HEAD, Role.RPS_CASE_WORKER, Role.AUDITOR, Role.KREIS_COORDINATOR, Role.GEMEINDE_ADMIN}
)
BUDGET_READERS = frozenset({Role.MINISTRY, Role.RPS_HEAD, Role.RPS_CASE_WORKER, Role.AUDITOR})
RPS = frozenset({Role.RPS_HEAD, Role.RPS_CASE_WORKER})
APPLICANT_ROLES = frozenset({Role.KREIS_COORDINATOR, Role.GEMEINDE_ADMIN})


def _has(user: Any, roles: frozenset[Role]) -> bool:
    return bool(grants_for(user).roles & roles)


def can_see_applications(user: Any) -> bool:
    return _has(user, FUNDING_CASE_ROLES)


def can_see_budgets(user: Any) -> bool:
    return _has(user, BUDGET_READERS)


def can_edit_budgets(user: Any) -> bool:
    return _has(user, frozenset({Role.MINISTRY}))


def is_rps(user: Any) -> bool:
    return _has(user, RPS)


def can_apply(user: Any) -> bool:
    return _has(user, APPLICANT_ROLES)
