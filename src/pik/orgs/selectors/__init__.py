"""Every read of organisation data a user triggers, scoped to that user."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from pik.core.roles import Role
from pik.core.scoping import get_visible_or_404, grants_for, visible
from pik.orgs import names
from pik.orgs.models import Gemeinde, Kreis, Membership, Provider, Regierungsbezirk, User

# Gemeinden chosen by name live in their own room; callers find them here as before.
from pik.orgs.selectors.places import GemeindeName as GemeindeName
from pik.orgs.selectors.places import gemeinde_names as gemeinde_names
from pik.orgs.selectors.places import gemeinde_resolve as gemeinde_resolve
from pik.orgs.selectors.places import gemeinden_by_names as gemeinden_by_names

#: The Kreis list's sortable columns (``pik.core.sorting``): key → fields.
KREIS_SORT_COLUMNS = {
    "schluessel": ("ags",),
    "kreis": ("name",),
    "bezirk": ("regierungsbezirk__name",),
    "gemeinden": ("gemeinden_count",),
    "einwohner": ("population",),
}
KREIS_SORT_DEFAULT = "schluessel"


def kreis_list(*, user: User, order: Sequence[str] = ("ags",)) -> QuerySet[Kreis]:
    """The Kreise the user may see with their Gemeinden and population; ``order`` from
    ``KREIS_SORT_COLUMNS``."""
    return (
        visible(Kreis.objects.all(), user)
        .select_related("regierungsbezirk")
        .annotate(gemeinden_count=Count("gemeinden"), population=Sum("gemeinden__population"))
        .order_by(*order)
    )


def kreis_get(*, user: User, ags: str) -> Kreis:
    """The Kreis if the user may see its internal page; 404 otherwise."""
    return get_visible_or_404(Kreis.objects.select_related("regierungsbezirk"), user, ags=ags)


def kreis_members(*, user: User, kreis: Kreis) -> QuerySet[Membership]:
    return (
        visible(Membership.objects.filter(kreis=kreis, is_active=True), user)
        .select_related("user", "gemeinde", "provider")
        .order_by("role", "user__last_name", "user__first_name")
    )


def kreis_gemeinden(*, kreis: Kreis) -> QuerySet[Gemeinde]:
    return Gemeinde.objects.filter(kreis=kreis).order_by("name")


def regierungsbezirk_overview() -> QuerySet[Regierungsbezirk]:
    """Aggregates only: Kreise, Gemeinden and population per Regierungsbezirk."""
    return Regierungsbezirk.objects.annotate(
        kreise_count=Count("kreise", distinct=True),
        gemeinden_count=Count("kreise__gemeinden"),
        population=Sum("kreise__gemeinden__population"),
    ).order_by("ags")


def user_memberships(*, user: User) -> QuerySet[Membership]:
    return (
        user.memberships.filter(is_active=True)
        .select_related("kreis", "gemeinde", "provider")
        .prefetch_related("responsible_kreise")
    )


@dataclass
class StartPage:
    """What the start page shows, per role the user holds."""

    roles: list[str]
    memberships: list[Membership]
    sections: dict[str, Any] = field(default_factory=dict)


def start_page(*, user: User) -> StartPage:
    memberships = list(user_memberships(user=user))
    roles = sorted({m.role for m in memberships}, key=list(Role.values).index)
    page = StartPage(roles=roles, memberships=memberships)
    grants = grants_for(user)
    if Role.MINISTRY in roles:
        page.sections["bezirke"] = list(regierungsbezirk_overview())
    if Role.RPS_HEAD in roles or Role.AUDITOR in roles:
        page.sections["case_workers"] = list(
            Membership.objects.filter(role=Role.RPS_CASE_WORKER, is_active=True)
            .select_related("user")
            .annotate(kreise_count=Count("responsible_kreise"))
            .order_by("user__last_name")
        )
    if Role.RPS_CASE_WORKER in roles:
        page.sections["responsible_kreise"] = list(
            kreis_list(user=user).filter(pk__in=sorted(grants.funding_kreise))
        )
    own_kreise = sorted({m.kreis_id for m in memberships if m.kreis_id})
    if own_kreise:
        page.sections["own_kreise"] = list(kreis_list(user=user).filter(pk__in=own_kreise))
    if Role.KREIS_COORDINATOR in roles or Role.INTEGRATION_MANAGER in roles:
        page.sections["colleagues"] = list(
            visible(Membership.objects.filter(kreis_id__in=own_kreise, is_active=True), user)
            .filter(role__in=[Role.INTEGRATION_MANAGER, Role.KREIS_COORDINATOR])
            .exclude(user=user)
            .select_related("user", "kreis", "gemeinde", "provider")
            .order_by("kreis__ags", "user__last_name")
        )
    return page


def managers_in_kreis(*, kreis_id: int, exclude_ids: Iterable[int | None] = ()) -> QuerySet[User]:
    """The active integration managers of a Kreis, whoever employs them (Kreis, Gemeinde,
    Träger): the people the digital-tool condition and every handover are about."""
    return (
        User.objects.filter(
            memberships__role=Role.INTEGRATION_MANAGER,
            memberships__kreis_id=kreis_id,
            memberships__is_active=True,
            is_active=True,
        )
        .exclude(pk__in=[pk for pk in exclude_ids if pk])
        .distinct()
        .order_by("last_name", "first_name")
    )


def manager_employers(*, kreis_id: int) -> dict[int, str]:
    """Who employs each active integration manager of a Kreis (the Kreis, a Gemeinde, a
    Träger), by user id: a handover page names the employer next to the person."""
    rows = Membership.objects.filter(
        role=Role.INTEGRATION_MANAGER, kreis_id=kreis_id, is_active=True
    ).select_related("gemeinde", "provider", "kreis")
    return {m.user_id: m.employer_label for m in rows}


def other_kreise(*, kreis_id: int) -> QuerySet[Kreis]:
    """Every Kreis but this one, by name (where a client record may move to)."""
    return Kreis.objects.exclude(pk=kreis_id).order_by("name")


def is_manager_in_kreis(*, user_id: int, kreis_id: int) -> bool:
    return managers_in_kreis(kreis_id=kreis_id).filter(pk=user_id).exists()


def providers_in_kreis(*, kreis_id: int) -> QuerySet[Provider]:
    return Provider.objects.filter(kreis_id=kreis_id).order_by("name")


# --- RPS case workers and their Kreise (for the funding workbench) ----------------------------


def case_worker_kreise() -> list[tuple[int, str, int | None]]:
    """Every active RPS case worker as (user id, name, responsible Kreis id or None), one row per
    Kreis they are responsible for (one query)."""
    rows = Membership.objects.filter(role=Role.RPS_CASE_WORKER, is_active=True).values_list(
        "user_id", "user__first_name", "user__last_name", "responsible_kreise"
    )
    return [
        (user_id, f"{first} {last}".strip(), kreis_id) for user_id, first, last, kreis_id in rows
    ]


def kreise_of_case_worker(*, user_id: int) -> list[int]:
    """The Kreise an RPS case worker's memberships make them responsible for."""
    return sorted(
        set(
            Kreis.objects.filter(
                responsible_memberships__user_id=user_id,
                responsible_memberships__role=Role.RPS_CASE_WORKER,
            ).values_list("pk", flat=True)
        )
    )


# --- Public reference data (the portal's contact search) -------------------------------------


def public_kreise() -> QuerySet[Kreis]:
    """All 44 Kreise with their Regierungsbezirk (public reference data)."""
    return Kreis.objects.select_related("regierungsbezirk").order_by("name")


def public_gemeinden() -> list[tuple[str, str, int]]:
    """Every Gemeinde of a Landkreis as (AGS, place name, Kreis id), by name (public reference
    data, one query); the city of a Stadtkreis is the Kreis itself."""
    rows = Gemeinde.objects.exclude(ags__endswith="000").order_by("name")
    return [
        (ags, names.place_name(name), kreis)
        for ags, name, kreis in rows.values_list("ags", "name", "kreis_id")
    ]


# --- Scopes of the key figures (which organisation, which people) ------------------------------


@dataclass(frozen=True)
class ScopePlace:
    """Where a key-figure scope lies: its name, its Kreis (None above the Kreis level) and, for a
    manager or an employer, the integration managers it covers."""

    label: str
    kreis_id: int | None
    regierungsbezirk_id: int | None = None
    manager_ids: tuple[int, ...] | None = None
    gemeinde_id: int | None = None
    provider_id: int | None = None


def _managers() -> QuerySet[Membership]:
    return Membership.objects.filter(role=Role.INTEGRATION_MANAGER, is_active=True)


def _manager_ids(memberships: QuerySet[Membership]) -> tuple[int, ...]:
    return tuple(memberships.values_list("user_id", flat=True))


def _kreis_place(key: str) -> ScopePlace | None:
    kreis = Kreis.objects.filter(ags=key).first()
    return None if kreis is None else ScopePlace(str(kreis), kreis.pk, kreis.regierungsbezirk_id)


def _rb_place(key: str) -> ScopePlace | None:
    rb = Regierungsbezirk.objects.filter(ags=key).first()
    return None if rb is None else ScopePlace(str(rb), None, rb.pk)


def _gemeinde_place(key: str) -> ScopePlace | None:
    gemeinde = Gemeinde.objects.filter(ags=key).select_related("kreis").first()
    if gemeinde is None:
        return None
    return ScopePlace(
        str(gemeinde),
        gemeinde.kreis_id,
        gemeinde.kreis.regierungsbezirk_id,
        gemeinde_id=gemeinde.pk,
    )


def _manager_place(key: str) -> ScopePlace | None:
    row = (
        _managers().filter(user_id=int(key)).select_related("user", "kreis").first()
        if key.isdigit()
        else None
    )
    if row is None or row.kreis is None:
        return None
    name = f"{row.user.first_name} {row.user.last_name}".strip()
    return ScopePlace(name, row.kreis_id, row.kreis.regierungsbezirk_id, manager_ids=(row.user_id,))


def _employer_place(key: str) -> ScopePlace | None:
    """``provider-<id>``, ``gemeinde-<ags>`` or ``kreis-<ags>``: the managers it employs."""
    employer, _, ident = key.partition("-")
    if employer == "provider" and ident.isdigit():
        provider = Provider.objects.filter(pk=int(ident)).select_related("kreis").first()
        if provider is None:
            return None
        return ScopePlace(
            f"Träger: {provider}",
            provider.kreis_id,
            provider.kreis.regierungsbezirk_id,
            manager_ids=_manager_ids(_managers().filter(provider=provider)),
            provider_id=provider.pk,
        )
    place = {"gemeinde": _gemeinde_place, "kreis": _kreis_place}.get(employer, lambda _: None)(
        ident
    )
    if place is None or place.kreis_id is None:
        return None
    if place.gemeinde_id is not None:
        managers = _managers().filter(gemeinde_id=place.gemeinde_id)
        label = f"Gemeinde: {place.label}"
    else:
        managers = _managers().filter(kreis_id=place.kreis_id, gemeinde=None, provider=None)
        label = f"Kreis: {place.label}"
    return ScopePlace(
        label,
        place.kreis_id,
        place.regierungsbezirk_id,
        manager_ids=_manager_ids(managers),
        gemeinde_id=place.gemeinde_id,
    )


_PLACES = {
    "kreis": _kreis_place,
    "regierungsbezirk": _rb_place,
    "gemeinde": _gemeinde_place,
    "manager": _manager_place,
    "employer": _employer_place,
}


def scope_place(kind: str, key: str) -> ScopePlace | None:
    """The place of a key-figure scope: ``kreis``/``gemeinde``/``regierungsbezirk`` by AGS,
    ``manager`` by user id, ``employer`` as ``provider-<id>``, ``gemeinde-<ags>`` or
    ``kreis-<ags>`` (the integration managers that Träger, Gemeinde or Kreis employs). None when
    there is none."""
    find = _PLACES.get(kind)
    return None if find is None else find(key)


@dataclass(frozen=True)
class Employer:
    """An applicant that employs integration managers (a Träger, a Gemeinde or the Kreis), with
    the key, Kreis and managers its key-figure scope ``employer:<key>`` has."""

    key: str
    label: str
    kreis_id: int
    kreis_label: str
    manager_ids: tuple[int, ...]


def employer_keys(
    *, kreis_ids: Iterable[int] | None = None, regierungsbezirk_ids: Iterable[int] | None = None
) -> list[Employer]:
    """Who employs the active integration managers of the given Kreise (or Regierungsbezirke;
    None: the whole state), by Kreis and name, in one query: the rows of the key-figure export,
    each with the same Kreis and managers as ``scope_place("employer", key)`` gives."""
    rows = _managers().select_related("kreis", "gemeinde__kreis", "provider__kreis")
    found: dict[str, dict[str, Any]] = {}
    for m in rows:
        key = m.employer_key
        if not key:
            continue
        kreis, label = m.employer_kreis, m.employer_label
        entry = found.setdefault(key, {"kreis": kreis, "label": label, "managers": set()})
        entry["managers"].add(m.user_id)
    kreise = None if kreis_ids is None else set(kreis_ids)
    bezirke = None if regierungsbezirk_ids is None else set(regierungsbezirk_ids)
    employers = [
        Employer(
            key=key,
            label=entry["label"],
            kreis_id=entry["kreis"].pk,
            kreis_label=str(entry["kreis"]),
            manager_ids=tuple(sorted(entry["managers"])),
        )
        for key, entry in found.items()
        if (kreise is None or entry["kreis"].pk in kreise)
        and (bezirke is None or entry["kreis"].regierungsbezirk_id in bezirke)
    ]
    return sorted(employers, key=lambda e: (e.kreis_label, e.label, e.key))


def key_figure_scopes(*, user: User) -> list[tuple[str, str, str]]:
    """The scopes a user may ask key figures for, as (kind, key, label), widest first: the state,
    the Regierungsbezirke and Kreise for the statewide roles; the Kreis, its Gemeinden, its
    employers and its managers for the Kreis coordinator; the own employer for a Gemeinde's or
    Träger's administration; the own caseload for an integration manager."""
    grants = grants_for(user)
    scopes: list[tuple[str, str, str]] = []
    if grants.roles & {Role.MINISTRY, Role.RPS_HEAD, Role.RPS_CASE_WORKER, Role.AUDITOR}:
        scopes.append(("state", "", "Baden-Württemberg"))
        scopes += [("regierungsbezirk", rb.ags, str(rb)) for rb in Regierungsbezirk.objects.all()]
        scopes += [("kreis", k.ags, str(k)) for k in Kreis.objects.order_by("name")]
    for kreis in Kreis.objects.filter(pk__in=grants.casework_kreise).order_by("name"):
        scopes.append(("kreis", kreis.ags, str(kreis)))
        employers = _managers().filter(kreis=kreis).select_related("gemeinde", "provider")
        for m in sorted(employers, key=lambda m: m.employer_label):
            scopes.append(("employer", m.employer_key or f"kreis-{kreis.ags}", m.employer_label))
        for manager in managers_in_kreis(kreis_id=kreis.pk):
            scopes.append(("manager", str(manager.pk), f"{manager.first_name} {manager.last_name}"))
        for gemeinde in Gemeinde.objects.filter(kreis=kreis).order_by("name"):
            scopes.append(("gemeinde", gemeinde.ags, _("Wohnort: %(name)s") % {"name": gemeinde}))
    for gemeinde in Gemeinde.objects.filter(pk__in=grants.funding_gemeinden).order_by("name"):
        scopes.append(("employer", f"gemeinde-{gemeinde.ags}", f"Gemeinde: {gemeinde}"))
    for provider in Provider.objects.filter(pk__in=grants.funding_providers).order_by("name"):
        scopes.append(("employer", f"provider-{provider.pk}", f"Träger: {provider}"))
    if grants.caseload_kreise:
        scopes.append(("manager", str(user.pk), _("Meine Beratungen")))
    seen: set[tuple[str, str]] = set()
    return [s for s in scopes if (s[0], s[1]) not in seen and not seen.add((s[0], s[1]))]  # type: ignore[func-returns-value]


def kreis_by_pk(*, pk: int) -> Kreis:
    """A Kreis by its key (public reference data; the caller decided the user may work there)."""
    return Kreis.objects.get(pk=pk)


def users_with_roles(*, roles: Iterable[str]) -> QuerySet[User]:
    """Active users holding one of ``roles`` in an active membership (reminder recipients)."""
    return (
        User.objects.filter(
            memberships__role__in=list(roles), memberships__is_active=True, is_active=True
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def kreis_index() -> dict[int, tuple[str, str, str]]:
    """Every Kreis by id as (AGS, name, Regierungsbezirk name), one query (statewide figures)."""
    rows = Kreis.objects.values_list("pk", "ags", "name", "regierungsbezirk__name")
    return {pk: (ags, name, bezirk) for pk, ags, name, bezirk in rows}
