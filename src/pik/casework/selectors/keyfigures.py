"""Key figures (Kennzahlen) from case work: raw counts for a period and a set of records.

Who may ask for which scope is decided in ``pik.stats.keyfigures``; this module counts, and only
people with a valid consent to statistics (a withdrawn consent drops the person at once, as in
the Kreis statistics). Nothing here is shown as it is: stats suppresses small counts.

A person counts in a period when their counselling overlapped it: started on or before its last
day and not ended before its first. Of those, *new* started in the period, *ended* ended in it,
*ongoing* are the rest (counselled before and after). Contacts, plans and goals count when they
happened in the period. Each dimension is one aggregate query (topics: one per database
vendor, since they are a JSON list on the contact), so the whole set is a handful of queries
whatever the scope.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connection
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pik.casework.models import Client, Consent, Contact, Goal, Plan, PlanVersion

#: Age bands at the end of the period (lower bounds in years), as the statewide template asks.
AGE_BANDS = ((0, "0–17"), (18, "18–26"), (27, "27–44"), (45, "45–64"), (65, "65+"))
#: Counselling duration until the end of the period (or the end of counselling), in days.
DURATION_BANDS = (
    (0, gettext_lazy("unter 6 Monaten")),
    (183, gettext_lazy("6 bis 12 Monate")),
    (365, gettext_lazy("1 bis 2 Jahre")),
    (730, gettext_lazy("2 bis 3 Jahre")),
    (1095, gettext_lazy("über 3 Jahre")),
)
UNKNOWN = gettext_lazy("keine Angabe")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError(
                _("Das Ende des Zeitraums (%(end)s) liegt vor seinem Beginn (%(start)s).")
                % {"end": f"{self.end:%d.%m.%Y}", "start": f"{self.start:%d.%m.%Y}"}
            )

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def __str__(self) -> str:
        return f"{self.start:%d.%m.%Y} – {self.end:%d.%m.%Y}"


@dataclass(frozen=True)
class Records:
    """Which records a scope covers: each given filter narrows (None: no filter)."""

    kreis_ids: tuple[int, ...] | None = None
    gemeinde_ids: tuple[int, ...] | None = None
    responsible_ids: tuple[int, ...] | None = None
    regierungsbezirk_ids: tuple[int, ...] | None = None


@dataclass
class RawKeyFigures:
    """Counts as they are; never shown without ``pik.stats`` suppressing them."""

    period: Period
    persons: dict[str, int] = field(default_factory=dict)  # new, ongoing, ended
    households: int = 0
    sex: dict[str, int] = field(default_factory=dict)
    age: dict[str, int] = field(default_factory=dict)
    nationality: dict[str, int] = field(default_factory=dict)
    duration: dict[str, int] = field(default_factory=dict)
    contacts_by_channel: dict[str, int] = field(default_factory=dict)
    contacts_by_topic: dict[str, int] = field(default_factory=dict)
    plans: dict[str, int] = field(default_factory=dict)  # created, reviewed
    goals_set: dict[str, int] = field(default_factory=dict)  # per plan field
    goals_reached: dict[str, int] = field(default_factory=dict)

    @property
    def persons_total(self) -> int:
        return sum(self.persons.values())


def counted_clients(records: Records, period: Period) -> QuerySet[Client]:
    """The people a scope counts in a period: consent to statistics, counselling overlapping."""
    consenting = Consent.objects.filter(
        purpose=Consent.Purpose.STATISTICS, withdrawn_on__isnull=True
    ).values("client_id")
    clients = Client.objects.exclude(status=Client.Status.ANONYMISED).filter(
        Q(counselling_end__isnull=True) | Q(counselling_end__gte=period.start),
        counselling_start__lte=period.end,
        pk__in=consenting,
    )
    if records.kreis_ids is not None:
        clients = clients.filter(kreis_id__in=records.kreis_ids)
    if records.regierungsbezirk_ids is not None:
        clients = clients.filter(kreis__regierungsbezirk_id__in=records.regierungsbezirk_ids)
    if records.gemeinde_ids is not None:
        clients = clients.filter(gemeinde_id__in=records.gemeinde_ids)
    if records.responsible_ids is not None:
        clients = clients.filter(responsible_id__in=records.responsible_ids)
    return clients


def key_figures(records: Records, period: Period) -> RawKeyFigures:
    clients = counted_clients(records, period)
    result = RawKeyFigures(period=period)
    totals = clients.aggregate(
        all=Count("pk"),
        new=Count("pk", filter=Q(counselling_start__gte=period.start)),
        ended=Count("pk", filter=Q(counselling_end__lte=period.end)),
        households=Count("household", distinct=True),
    )
    # a person who started and ended in the period counts as ended (their last state)
    new_only = clients.filter(
        Q(counselling_end__isnull=True) | Q(counselling_end__gt=period.end),
        counselling_start__gte=period.start,
    ).count()
    result.persons = {
        "new": new_only,
        "ongoing": totals["all"] - new_only - totals["ended"],
        "ended": totals["ended"],
    }
    result.households = totals["households"]
    genders = dict(Client.Gender.choices)
    result.sex = _labelled(clients, "gender", lambda v: str(genders.get(v, UNKNOWN)))
    result.nationality = _labelled(
        clients, "nationality", lambda v: (v or "").strip() or str(UNKNOWN)
    )
    result.age = _banded(clients, "birth_year", lambda year: period.end.year - year, AGE_BANDS)
    result.duration = _durations(clients, period)
    ids = clients.values("pk")
    contacts = Contact.objects.filter(
        client_id__in=ids, occurred_on__gte=period.start, occurred_on__lte=period.end
    )
    kinds = dict(Contact.Kind.choices)
    result.contacts_by_channel = _labelled(contacts, "kind", lambda v: str(kinds.get(v, v)))
    result.contacts_by_topic = _topics(contacts)
    start, end = _moments(period)
    plans = Plan.objects.filter(client_id__in=ids)
    result.plans = {
        "created": plans.filter(created_at__gte=start, created_at__lt=end).count(),
        "reviewed": PlanVersion.objects.filter(
            plan__client_id__in=ids, number__gt=1, created_at__gte=start, created_at__lt=end
        )
        .values("plan_id")
        .distinct()
        .count(),
    }
    goals = Goal.objects.filter(plan__client_id__in=ids)
    fields = dict(Goal._meta.get_field("field").choices or [])
    label = lambda v: str(fields.get(v, v))  # noqa: E731
    result.goals_set = _labelled(
        goals.filter(created_at__gte=start, created_at__lt=end), "field", label
    )
    result.goals_reached = _labelled(
        goals.filter(
            status=Goal.Status.ACHIEVED,
            status_changed_on__gte=period.start,
            status_changed_on__lte=period.end,
        ),
        "field",
        label,
    )
    return result


def _moments(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """The period as aware datetimes [first day 00:00, day after the last 00:00)."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start, end


def _labelled(queryset: QuerySet[Any], column: str, label: Any) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for row in queryset.order_by().values(column).annotate(n=Count("pk")):
        counts[label(row[column])] += row["n"]
    return dict(counts)


def _banded(
    queryset: QuerySet[Any], column: str, measure: Any, bands: tuple[tuple[int, Any], ...]
) -> dict[str, int]:
    counts: Counter[str] = Counter({str(name): 0 for _low, name in bands})
    for row in queryset.order_by().values(column).annotate(n=Count("pk")):
        if row[column] is None:
            counts[str(UNKNOWN)] += row["n"]
            continue
        counts[_band(measure(row[column]), bands)] += row["n"]
    return dict(counts)


def _band(value: int, bands: tuple[tuple[int, Any], ...]) -> str:
    name = bands[0][1]
    for low, band in bands:
        if value >= low:
            name = band
    return str(name)


def _durations(clients: QuerySet[Client], period: Period) -> dict[str, int]:
    """Days of counselling until the period's end (or the counselling's end, if earlier), in
    one aggregate: a person is in a band from its lower bound when both the period's end and
    (if ended) the counselling's end lie at least that many days after the start."""
    span = ExpressionWrapper(
        F("counselling_end") - F("counselling_start"), output_field=DurationField()
    )
    at_least = {}
    for i, (low, _name) in enumerate(DURATION_BANDS):
        at_least[f"band{i}"] = Count(
            "pk",
            filter=Q(counselling_start__lte=period.end - dt.timedelta(days=low))
            & (Q(counselling_end__isnull=True) | Q(span__gte=dt.timedelta(days=low))),
        )
    reached = clients.annotate(span=span).aggregate(**at_least)
    last = len(DURATION_BANDS) - 1
    return {
        str(name): reached[f"band{i}"] - (reached[f"band{i + 1}"] if i < last else 0)
        for i, (_low, name) in enumerate(DURATION_BANDS)
    }


def _topics(contacts: QuerySet[Contact]) -> dict[str, int]:
    """Contacts per topic: each topic of a contact's JSON list counts once for it."""
    try:
        sql, params = contacts.order_by().values("topics").query.sql_with_params()
    except EmptyResultSet:  # e.g. an employer without managers: nothing to count
        return {}
    if connection.vendor == "postgresql":
        query = (
            f"SELECT t.topic, COUNT(*) FROM ({sql}) c, "  # noqa: S608 - compiled by the ORM
            "jsonb_array_elements_text(c.topics::jsonb) AS t(topic) GROUP BY t.topic"
        )
    else:
        query = (
            f"SELECT j.value, COUNT(*) FROM ({sql}) c, "  # noqa: S608 - compiled by the ORM
            "json_each(c.topics) AS j GROUP BY j.value"
        )
    fields = dict(Goal._meta.get_field("field").choices or [])
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return {str(fields.get(topic, topic)): n for topic, n in cursor.fetchall()}
