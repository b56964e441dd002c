"""The key figures of the statewide template for many groups at once (one row per applicant).

The same rules as ``keyfigures.key_figures`` (who counts, when a contact, plan or goal counts),
for the template's few numbers only: people new, ongoing and ended, households, contacts by
channel, plans created and reviewed, goals reached. Every query is grouped by the client fields
the groups narrow by (Kreis, Gemeinde, responsible manager), so the cost does not grow with the
number of groups; Python adds the grouped rows up per group. A row belongs to every group whose
filters it passes, as it would when that group is asked for alone (a manager employed by two
applicants counts for both). Households are counted as distinct households per group, not summed.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Generic, TypeVar

from django.db.models import Count, Exists, OuterRef, Q

from pik.casework.models import Contact, Goal, Plan, PlanVersion
from pik.casework.selectors.keyfigures import Period, Records, _moments, counted_clients

K = TypeVar("K", bound=Hashable)

#: The client fields a group may narrow by, in ``Records``' terms.
_FIELDS = (("kreis_ids", "kreis_id"), ("gemeinde_ids", "gemeinde_id"))
_RESPONSIBLE = ("responsible_ids", "responsible_id")


@dataclass
class TemplateFigures:
    """Raw counts of one group (never shown without ``pik.stats`` suppressing them)."""

    persons: dict[str, int] = field(default_factory=lambda: {"new": 0, "ongoing": 0, "ended": 0})
    households: int = 0
    contacts: dict[str, int] = field(default_factory=dict)  # per ``Contact.Kind`` value
    plans: dict[str, int] = field(default_factory=lambda: {"created": 0, "reviewed": 0})
    goals_reached: int = 0

    @property
    def persons_total(self) -> int:
        return sum(self.persons.values())


@dataclass(frozen=True)
class Groups(Generic[K]):
    """Groups of records, each a narrowing of one counted set (``Records`` per group: its
    ``regierungsbezirk_ids`` must be None, narrow the counted set instead)."""

    groups: Mapping[K, Records]

    @cached_property
    def by(self) -> tuple[str, ...]:
        """The client fields the queries are grouped by: those some group narrows by (at least
        the Kreis, so that a query never groups by nothing)."""
        names = [*_FIELDS, _RESPONSIBLE]
        return tuple(
            column
            for attr, column in names
            if column == "kreis_id"
            or any(getattr(r, attr) is not None for r in self.groups.values())
        )

    @cached_property
    def _sets(self) -> list[tuple[K, tuple[frozenset[Any] | None, ...]]]:
        attrs = {column: attr for attr, column in [*_FIELDS, _RESPONSIBLE]}
        result = []
        for key, records in self.groups.items():
            if records.regierungsbezirk_ids is not None:
                raise ValueError("Gruppen grenzen nach Kreis, Gemeinde oder Person ein.")
            values = tuple(getattr(records, attrs[column]) for column in self.by)
            result.append((key, tuple(None if v is None else frozenset(v) for v in values)))
        return result

    def of(self, values: tuple[Any, ...]) -> list[K]:
        """The groups a grouped row (its values of ``by``) belongs to."""
        cache: dict[tuple[Any, ...], list[K]] = self.__dict__.setdefault("_cache", {})
        found = cache.get(values)
        if found is None:
            found = [
                key
                for key, sets in self._sets
                if all(s is None or v in s for s, v in zip(sets, values, strict=True))
            ]
            cache[values] = found
        return found

    def add(self, rows: Iterable[dict[str, Any]], prefix: str = "") -> Iterable[tuple[K, Any]]:
        """Each grouped row with each group it belongs to."""
        names = [prefix + column for column in self.by]
        for row in rows:
            for key in self.of(tuple(row[name] for name in names)):
                yield key, row


def template_figures(
    records: Records, period: Period, groups: Groups[K]
) -> dict[K, TemplateFigures]:
    """The template's counts per group, in five grouped queries whatever the number of groups:
    people by status, households, contacts by channel, plans, goals reached (``records`` is the
    counted set; each group narrows it)."""
    clients = counted_clients(records, period)
    by = groups.by
    result = {key: TemplateFigures() for key in groups.groups}
    status = {
        "ended": Q(counselling_end__lte=period.end),
        "new": Q(counselling_start__gte=period.start) & ~Q(counselling_end__lte=period.end),
    }
    status["ongoing"] = ~status["ended"] & ~status["new"]
    people = (
        clients.order_by()
        .values(*by)
        .annotate(**{name: Count("pk", filter=q) for name, q in status.items()})
    )
    for key, row in groups.add(people):
        for name in status:
            result[key].persons[name] += row[name]
    households: dict[K, set[int]] = {key: set() for key in groups.groups}
    for key, row in groups.add(
        clients.filter(household__isnull=False).order_by().values(*by, "household_id").distinct()
    ):
        households[key].add(row["household_id"])
    for key, members in households.items():
        result[key].households = len(members)
    # a person without a household record is a household of their own (ADR 0036)
    alone = clients.filter(household__isnull=True).order_by().values(*by).annotate(n=Count("pk"))
    for key, row in groups.add(alone):
        result[key].households += row["n"]
    ids = clients.values("pk")
    contacts = (
        Contact.objects.filter(
            client_id__in=ids, occurred_on__gte=period.start, occurred_on__lte=period.end
        )
        .order_by()
        .values(*(f"client__{c}" for c in by), "kind")
        .annotate(n=Count("pk"))
    )
    for key, row in groups.add(contacts, "client__"):
        channels = result[key].contacts
        channels[row["kind"]] = channels.get(row["kind"], 0) + row["n"]
    start, end = _moments(period)
    reviewed = PlanVersion.objects.filter(
        plan_id=OuterRef("pk"), number__gt=1, created_at__gte=start, created_at__lt=end
    )
    plans = (
        Plan.objects.filter(client_id__in=ids)
        .order_by()
        .values(*(f"client__{c}" for c in by))
        .annotate(
            created=Count("pk", filter=Q(created_at__gte=start, created_at__lt=end)),
            reviewed=Count("pk", filter=Exists(reviewed)),
        )
    )
    for key, row in groups.add(plans, "client__"):
        result[key].plans["created"] += row["created"]
        result[key].plans["reviewed"] += row["reviewed"]
    goals = (
        Goal.objects.filter(
            plan__client_id__in=ids,
            status=Goal.Status.ACHIEVED,
            status_changed_on__gte=period.start,
            status_changed_on__lte=period.end,
        )
        .order_by()
        .values(*(f"plan__client__{c}" for c in by))
        .annotate(n=Count("pk"))
    )
    for key, row in groups.add(goals, "plan__client__"):
        result[key].goals_reached += row["n"]
    return result
