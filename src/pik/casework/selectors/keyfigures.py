"""Key figures (Kennzahlen) from case work: raw counts for a period and a set of records.

Who may ask for which scope is decided in ``pik.stats.keyfigures``; this module counts, and only
people with a valid consent to statistics (a withdrawn consent drops the person at once, as in
the Kreis statistics). Nothing here is shown as it is: stats suppresses small counts.

A person counts in a period when their counselling overlapped it: started on or before its last
day and not ended before its first. Of those, *new* started in the period, *ended* ended in it,
*ongoing* are the rest (counselled before and after); who started and ended in the period counts
as ended; the ended ones also by the reason given at closing (``Client.end_reason``). Contacts,
plans and goals count when they happened in the period: a goal as *set* when it was created, as
*reached* on the day its status became "achieved". Six queries whatever the scope, each
returning a few rows (one for the people's attributes), so Python only adds them up; the
consent comes from ``Client.counts_in_statistics`` (ADR 0040). Referrals are the network's:
``pik.stats.keyfigures.counts`` adds them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import (
    Count,
    F,
    Func,
    Q,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce, ExtractYear, Least
from django.db.models.lookups import GreaterThanOrEqual, LessThan
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pik.casework.models import Client, Contact, Goal, Plan, PlanField, PlanVersion
from pik.casework.selectors.sql import AnyOfArray, DaysBetween

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
    #: The people ended in the period by the reason given at closing (adds up to "ended").
    ended_by_reason: dict[str, int] = field(default_factory=dict)
    households: int = 0
    sex: dict[str, int] = field(default_factory=dict)
    age: dict[str, int] = field(default_factory=dict)
    nationality: dict[str, int] = field(default_factory=dict)
    duration: dict[str, int] = field(default_factory=dict)
    contacts_by_channel: dict[str, int] = field(default_factory=dict)
    contacts_by_kind: dict[str, int] = field(default_factory=dict)  # by channel key (in_person…)
    contacts_by_topic: dict[str, int] = field(default_factory=dict)
    plans: dict[str, int] = field(default_factory=dict)  # created, reviewed
    goals_set: dict[str, int] = field(default_factory=dict)  # per plan field
    goals_reached: dict[str, int] = field(default_factory=dict)

    @property
    def persons_total(self) -> int:
        return sum(self.persons.values())


def counted_clients(records: Records, period: Period) -> QuerySet[Client]:
    """The people a scope counts in a period: consent to statistics, counselling overlapping.

    The consent is read from ``Client.counts_in_statistics``, which the consent services keep
    equal to "an active consent to statistics exists" (ADR 0040): every query here needs the
    people counted, and a semi-join with the consents in each of them was the largest part of
    the statewide time."""
    clients = Client.objects.exclude(status=Client.Status.ANONYMISED).filter(
        Q(counselling_end__isnull=True) | Q(counselling_end__gte=period.start),
        counselling_start__lte=period.end,
        counts_in_statistics=True,
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


def among_counted(field: str, records: Records, period: Period) -> Q | Func:
    """A filter on ``field`` (a client's key, as ``client_id``) for the records of the people
    ``counted_clients`` counts: ``field IN (their keys)``, and for a scope of a few thousand
    people (a Kreis, Gemeinden, staff) on PostgreSQL ``field = ANY(ARRAY(their keys))``.

    Given the keys as a subquery PostgreSQL joins the whole state's plans and referrals (a hash
    join over a sequential scan) for a Kreis's two thousand people; given them as an array
    computed once it reads them through the index on the client (EXPLAIN on the state set:
    plans 26 ms to 5, referrals 15 to 5). For the whole state or a Regierungsbezirk the join
    stays the better plan; SQLite has no arrays (and at most a Kreis)."""
    return _among(field, counted_clients(records, period), records)


def _among(field: str, clients: QuerySet[Client], records: Records) -> Q | Func:
    keys = clients.order_by().values("pk")
    small = (
        records.kreis_ids is not None
        or records.gemeinde_ids is not None
        or records.responsible_ids is not None
    )
    if small and connection.vendor == "postgresql":
        return AnyOfArray(F(field), keys)
    return Q(**{f"{field}__in": keys})


def key_figures(records: Records, period: Period) -> RawKeyFigures:
    """Six queries whatever the scope: people (every attribute counted, and their households,
    in one row), people by nationality, contacts (grouped by channel and topic list), plans,
    goals."""
    clients = counted_clients(records, period)
    result = RawKeyFigures(period=period)
    _people(clients, period, result)
    _contacts(
        Contact.objects.filter(
            _among("client_id", clients, records),
            occurred_on__gte=period.start,
            occurred_on__lte=period.end,
        ),
        result,
    )
    start, end = _moments(period)
    # the versions of the period are few: one pass over them (not a look-up per plan)
    reviewed = PlanVersion.objects.filter(
        number__gt=1, created_at__gte=start, created_at__lt=end
    ).values("plan_id")
    plans = Plan.objects.filter(_among("client_id", clients, records)).aggregate(
        created=Count("pk", filter=Q(created_at__gte=start, created_at__lt=end)),
        reviewed=Count("pk", filter=Q(pk__in=reviewed)),
    )
    result.plans = {"created": plans["created"], "reviewed": plans["reviewed"]}
    goals = Goal.objects.filter(_among("plan__client_id", clients, records))
    _goals(goals, period, start, end, result)
    return result


def _people(clients: QuerySet[Client], period: Period, result: RawKeyFigures) -> None:
    """Status (with the reasons of those ended), sex, age band, duration band and households as
    counts with a condition each, in one row; nationality (free text) grouped. Each attribute
    is counted on its own: a query grouped by all of them at once returns about a row per
    person in a Kreis."""
    unknown = str(UNKNOWN)
    # a person who started and ended in the period counts as ended (their last state)
    ended = Q(counselling_end__lte=period.end)
    new = Q(counselling_start__gte=period.start) & ~ended
    # days counselled until the end of the period (or of the counselling), as a whole number
    # in SQL: no interval arithmetic (on SQLite a Python function per row and band)
    days = DaysBetween(
        Least(Coalesce("counselling_end", Value(period.end)), Value(period.end)),
        F("counselling_start"),
    )
    reasons = {key: str(label) for key, label in Client.EndReason.choices}
    genders = {
        key: str(label) for key, label in Client.Gender.choices if key != Client.Gender.UNKNOWN
    }
    year = period.end.year  # age at the end of the period: its year minus the year of birth
    counts: dict[str, Any] = {
        "total": Count("pk"),
        "households": Count("household", distinct=True),
        "alone": Count("pk", filter=Q(household__isnull=True)),
        "new": Count("pk", filter=new),
        "ended": Count("pk", filter=ended),
        "age_unknown": Count("pk", filter=Q(birth_year__isnull=True)),
    }
    counts |= {f"reason_{key}": Count("pk", filter=ended & Q(end_reason=key)) for key in reasons}
    counts |= {f"gender_{key}": Count("pk", filter=Q(gender=key)) for key in genders}
    for i, (low, _age) in enumerate(AGE_BANDS):
        born = Q(birth_year__lte=year - low) if i else Q()
        if i + 1 < len(AGE_BANDS):
            born &= Q(birth_year__gt=year - AGE_BANDS[i + 1][0])
        counts[f"age_{i}"] = Count("pk", filter=born & Q(birth_year__isnull=False))
    for i, (low, _lasted) in enumerate(DURATION_BANDS):
        # lookups on the expression, not an alias: aggregating over an alias makes Django
        # rewrite every one of the thirty counts (a third of the Python time of this query)
        lasted = Q(GreaterThanOrEqual(days, low)) if i else Q()
        if i + 1 < len(DURATION_BANDS):
            lasted &= Q(LessThan(days, DURATION_BANDS[i + 1][0]))
        counts[f"duration_{i}"] = Count("pk", filter=lasted) if lasted else Count("pk")
    row = clients.aggregate(**counts)
    total = row["total"]
    # a person without a household record is a household of their own (ADR 0036)
    result.households = row["households"] + row["alone"]
    result.persons = {
        "new": row["new"],
        "ongoing": total - row["new"] - row["ended"],
        "ended": row["ended"],
    }
    result.ended_by_reason = {label: row[f"reason_{key}"] for key, label in reasons.items()}
    if without := row["ended"] - sum(result.ended_by_reason.values()):
        result.ended_by_reason[unknown] = without
    sex = {label: row[f"gender_{key}"] for key, label in genders.items()}
    sex[unknown] = total - sum(sex.values())  # "keine Angabe", and any value outside the list
    result.sex = {label: n for label, n in sex.items() if n}
    result.age = {str(name): row[f"age_{i}"] for i, (_low, name) in enumerate(AGE_BANDS)}
    if row["age_unknown"]:
        result.age[unknown] = row["age_unknown"]
    result.duration = {
        str(name): row[f"duration_{i}"] for i, (_low, name) in enumerate(DURATION_BANDS)
    }
    nationality: Counter[str] = Counter()
    for value, n in (
        clients.order_by()
        .values_list("nationality")
        .annotate(n=Count("pk"))
        .values_list("nationality", "n")
    ):
        nationality[(value or "").strip() or unknown] += n
    result.nationality = dict(nationality)


def _contacts(contacts: QuerySet[Contact], result: RawKeyFigures) -> None:
    """By channel and by topic from one query grouped by channel and topic list (a contact's
    list of topics takes a few dozen forms, so the grouped rows stay few). The list is grouped
    as its text: on PostgreSQL hashing a million jsonb values costs more than the text."""
    kinds = {key: str(label) for key, label in Contact.Kind.choices}
    fields = {key: str(label) for key, label in PlanField.choices}
    channels: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    rows = (
        contacts.order_by()
        .annotate(topic_list=Cast("topics", TextField()))
        .values_list("kind", "topic_list")
        .annotate(n=Count("pk"))
    )
    for kind, topic_list, n in rows:
        channels[kinds.get(kind, kind)] += n
        by_kind[kind] += n
        for topic in json.loads(topic_list) if topic_list else ():
            topics[fields.get(topic, topic)] += n
    result.contacts_by_channel, result.contacts_by_topic = dict(channels), dict(topics)
    result.contacts_by_kind = dict(by_kind)


def _goals(
    goals: QuerySet[Goal],
    period: Period,
    start: dt.datetime,
    end: dt.datetime,
    result: RawKeyFigures,
) -> None:
    set_in = Q(created_at__gte=start, created_at__lt=end)
    reached_in = Q(
        status=Goal.Status.ACHIEVED,
        status_changed_on__gte=period.start,
        status_changed_on__lte=period.end,
    )
    fields = {key: str(label) for key, label in PlanField.choices}
    rows = (
        goals.filter(set_in | reached_in)
        .order_by()
        .values("field")
        .annotate(set=Count("pk", filter=set_in), reached=Count("pk", filter=reached_in))
    )
    result.goals_set, result.goals_reached = {}, {}
    for row in rows:
        label = fields.get(row["field"], row["field"])
        if row["set"]:
            result.goals_set[label] = row["set"]
        if row["reached"]:
            result.goals_reached[label] = row["reached"]


def _moments(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """The period as aware datetimes [first day 00:00, day after the last 00:00)."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start, end


def _band(value: int, bands: tuple[tuple[int, Any], ...]) -> str:
    name = bands[0][1]
    for low, band in bands:
        if value >= low:
            name = band
    return str(name)


@dataclass
class YearlySeries:
    """Counts per calendar year (for the dashboards' charts), raw like ``RawKeyFigures``."""

    years: list[int]
    persons: list[int]  # counselled at some time in the year
    new: list[int]
    ended: list[int]
    contacts: dict[str, list[int]]  # per channel label
    goals_reached: list[int]
    #: The people ended per year by the reason given at closing (adds up to ``ended``).
    ended_by_reason: dict[str, list[int]] = field(default_factory=dict)


def yearly_series(records: Records, first: int, last: int) -> YearlySeries:
    """Three grouped queries for any number of years: people by (start year, end year), contacts
    by (year, channel), goals reached by year. The same rules as ``key_figures`` per year."""
    years = list(range(first, last + 1))
    span = Period(dt.date(first, 1, 1), dt.date(last, 12, 31))
    clients = counted_clients(records, span)
    persons, new, ended = ([0] * len(years) for _ in range(3))
    rows = (
        clients.order_by()
        .annotate(sy=ExtractYear("counselling_start"), ey=ExtractYear("counselling_end"))
        .values("sy", "ey", "end_reason")
        .annotate(n=Count("pk"))
    )
    reasons = {key: str(label) for key, label in Client.EndReason.choices}
    by_reason = {label: [0] * len(years) for label in reasons.values()}
    for row in rows:
        start, end = row["sy"], row["ey"]
        for i, year in enumerate(years):
            if start <= year and (end is None or end >= year):
                persons[i] += row["n"]
                if end == year:
                    ended[i] += row["n"]
                    label = reasons.get(row["end_reason"], str(UNKNOWN))
                    by_reason.setdefault(label, [0] * len(years))[i] += row["n"]
                elif start == year:
                    new[i] += row["n"]
    ids = clients.values("pk")
    kinds = {key: str(label) for key, label in Contact.Kind.choices}
    contacts = {label: [0] * len(years) for label in kinds.values()}
    for row in (
        Contact.objects.filter(
            client_id__in=ids, occurred_on__gte=span.start, occurred_on__lte=span.end
        )
        .order_by()
        .annotate(year=ExtractYear("occurred_on"))
        .values("year", "kind")
        .annotate(n=Count("pk"))
    ):
        contacts[kinds.get(row["kind"], row["kind"])][row["year"] - first] += row["n"]
    reached = [0] * len(years)
    for row in (
        Goal.objects.filter(
            plan__client_id__in=ids,
            status=Goal.Status.ACHIEVED,
            status_changed_on__gte=span.start,
            status_changed_on__lte=span.end,
        )
        .order_by()
        .annotate(year=ExtractYear("status_changed_on"))
        .values("year")
        .annotate(n=Count("pk"))
    ):
        reached[row["year"] - first] += row["n"]
    return YearlySeries(
        years=years,
        persons=persons,
        new=new,
        ended=ended,
        contacts={label: counts for label, counts in contacts.items() if any(counts)},
        goals_reached=reached,
        ended_by_reason={label: counts for label, counts in by_reason.items() if any(counts)},
    )
