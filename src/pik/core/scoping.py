"""One way to scope reads to a user: the only way selectors hand objects to views.

A scoped model declares ``scope = ScopePaths(...)``: what kind of data it is and the ORM paths
from it to its Kreis, Gemeinde, Träger and responsible user. ``visible(queryset, user)`` turns
the user's memberships into one filter; ``get_visible_or_404`` raises 404 (never 403) for an
object the user may not see, so existence does not leak.

Kinds and who sees them:
- PUBLIC: every signed-in user (reference data: Kreise, Gemeinden, Träger directory).
- ORG: internal organisation data of a Kreis (staff, units). Statewide roles see all Kreise;
  everybody else the Kreise of their memberships.
- FUNDING: funding procedure data. RPS head and auditor: the state; RPS case worker: the Kreise
  they are responsible for; Kreis coordinator: the Kreis; Gemeinde admin: the Gemeinde;
  Träger admin: the Träger. The ministry sees aggregates only, never single records.
- CASEWORK: client records. Integration manager: own caseload (and records shared with them)
  within their Kreis; Kreis coordinator: the whole Kreis. Nobody else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.http import Http404

from pik.core.roles import Role


class DataKind(StrEnum):
    PUBLIC = "public"
    ORG = "org"
    FUNDING = "funding"
    CASEWORK = "casework"


@dataclass(frozen=True)
class ScopePaths:
    kind: DataKind
    kreis: str | None = None
    gemeinde: str | None = None
    provider: str | None = None
    owner: str | None = None
    shared_with: str | None = None


class MembershipRow(Protocol):
    """One active membership as a mapping: role, kreis_id, gemeinde_id, provider_id and
    responsible_kreise (one row per responsible Kreis, or None)."""

    def __getitem__(self, key: str) -> Any: ...


@dataclass(frozen=True)
class Grants:
    """What one user may see, derived once from the active memberships."""

    user_id: int | None
    roles: frozenset[str] = frozenset()
    statewide_org: bool = False
    statewide_funding: bool = False
    org_kreise: frozenset[int] = frozenset()
    funding_kreise: frozenset[int] = frozenset()
    funding_gemeinden: frozenset[int] = frozenset()
    funding_providers: frozenset[int] = frozenset()
    casework_kreise: frozenset[int] = frozenset()
    caseload_kreise: frozenset[int] = frozenset()
    rps_kreise: frozenset[int] = frozenset()  # Kreise an RPS case worker is responsible for
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def from_memberships(cls, user_id: int, memberships: Iterable[MembershipRow]) -> Grants:
        roles: set[str] = set()
        org_k: set[int] = set()
        fund_k: set[int] = set()
        fund_g: set[int] = set()
        fund_p: set[int] = set()
        case_k: set[int] = set()
        load_k: set[int] = set()
        rps_k: set[int] = set()
        statewide_org = statewide_funding = False
        for m in memberships:
            role, kreis_id = m["role"], m["kreis_id"]
            roles.add(role)
            if role in (Role.MINISTRY, Role.RPS_HEAD, Role.AUDITOR, Role.RPS_CASE_WORKER):
                statewide_org = True
            if role in (Role.RPS_HEAD, Role.AUDITOR):
                statewide_funding = True
            if role == Role.RPS_CASE_WORKER and m["responsible_kreise"] is not None:
                rps_k.add(m["responsible_kreise"])
                fund_k.add(m["responsible_kreise"])
            if kreis_id is not None:
                org_k.add(kreis_id)
            if role == Role.KREIS_COORDINATOR and kreis_id is not None:
                fund_k.add(kreis_id)
                case_k.add(kreis_id)
            if role == Role.GEMEINDE_ADMIN and m["gemeinde_id"] is not None:
                fund_g.add(m["gemeinde_id"])
            if role == Role.PROVIDER_ADMIN and m["provider_id"] is not None:
                fund_p.add(m["provider_id"])
            if role == Role.INTEGRATION_MANAGER and kreis_id is not None:
                load_k.add(kreis_id)
        return cls(
            user_id=user_id,
            roles=frozenset(roles),
            statewide_org=statewide_org,
            statewide_funding=statewide_funding,
            org_kreise=frozenset(org_k),
            funding_kreise=frozenset(fund_k),
            funding_gemeinden=frozenset(fund_g),
            funding_providers=frozenset(fund_p),
            casework_kreise=frozenset(case_k),
            caseload_kreise=frozenset(load_k),
            rps_kreise=frozenset(rps_k),
        )


NOTHING = Q(pk__in=[])


def grants_for(user: Any) -> Grants:
    """The user's grants, computed once per user object (i.e. once per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Grants(user_id=None)
    cached = getattr(user, "_pik_grants", None)
    if cached is None:
        # One query: a row per membership and responsible Kreis (LEFT JOIN on the M2M).
        rows = user.memberships.filter(is_active=True).values(
            "role", "kreis_id", "gemeinde_id", "provider_id", "responsible_kreise"
        )
        cached = Grants.from_memberships(user.pk, rows)
        user._pik_grants = cached
    return cached


def _in(path: str | None, ids: frozenset[int]) -> Q:
    if not path or not ids:
        return NOTHING
    return Q(**{f"{path}__in": sorted(ids)})


def scope_q(paths: ScopePaths, grants: Grants) -> Q | None:
    """The filter for one model and one user; ``None`` means everything is visible."""
    if grants.user_id is None:
        return NOTHING
    if paths.kind == DataKind.PUBLIC:
        return None
    if paths.kind == DataKind.ORG:
        return None if grants.statewide_org else _in(paths.kreis, grants.org_kreise)
    if paths.kind == DataKind.FUNDING:
        if grants.statewide_funding:
            return None
        return (
            _in(paths.kreis, grants.funding_kreise)
            | _in(paths.gemeinde, grants.funding_gemeinden)
            | _in(paths.provider, grants.funding_providers)
        )
    # CASEWORK
    q = _in(paths.kreis, grants.casework_kreise)
    if grants.caseload_kreise and paths.kreis:
        in_kreis = _in(paths.kreis, grants.caseload_kreise)
        if paths.owner:
            q |= in_kreis & Q(**{paths.owner: grants.user_id})
        if paths.shared_with:
            q |= in_kreis & Q(**{paths.shared_with: grants.user_id})
    return q


M = TypeVar("M", bound=models.Model)


def visible(queryset: models.QuerySet[M], user: Any) -> models.QuerySet[M]:
    """Only the rows of ``queryset`` that ``user`` may see."""
    paths: ScopePaths | None = getattr(queryset.model, "scope", None)
    if paths is None:
        raise TypeError(f"{queryset.model.__name__} declares no scope = ScopePaths(...)")
    q = scope_q(paths, grants_for(user))
    if q is None:
        return queryset
    filtered = queryset.filter(q)
    return filtered.distinct() if paths.shared_with else filtered


def get_visible_or_404(queryset: models.QuerySet[M], user: Any, **lookup: Any) -> M:
    """One object the user may see, or 404 (also when it exists but belongs to others)."""
    try:
        return visible(queryset, user).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def kreis_of(obj: models.Model) -> int | None:
    """The Kreis an object belongs to, by its model's ``scope`` path (None where it has none).

    Follows the path attribute by attribute (``applicant__kreis_id`` → ``obj.applicant.kreis_id``),
    so an object loaded with its relations costs no query.
    """
    scope = getattr(type(obj), "scope", None)
    path = getattr(scope, "kreis", None)
    if not path:
        return None
    value: Any = obj
    for part in path.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return int(value)
