"""Key figures from case work (issue 12): one Kreis and one year on the Kreis-size set (SQLite or
PostgreSQL), and the whole state and one year on the state-size set (PostgreSQL, BENCH_STATE=1:
150,000 clients, about 3,000,000 contacts, about 500,000 plan goals).

The reference is one hand-written SQL statement that computes the same numbers (a UNION ALL of
grouped counts over one CTE of the people counted). Before timing, both are run once and must
agree number for number; the bench fails otherwise. The subject is what the key-figure page
computes (``pik.stats.keyfigures.counts``: case work's counts and the network's referrals).

The generated case work has no network: before the first run every closed record gets an end
reason and about a quarter of the people a referral or two to a partner of their Kreis (one per
kind of partner), in a state of its course.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from collections import Counter
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef
from django.db.models.functions import Mod
from django.utils import timezone

from bench.bench_casework import Lazy
from bench.casework_data import CaseworkSet, kreis_size, state_size
from bench.runner import Benchmark
from pik.casework.models import Client, Consent, Contact, Goal
from pik.casework.selectors.keyfigures import (
    AGE_BANDS,
    DURATION_BANDS,
    Period,
    RawKeyFigures,
    Records,
)
from pik.network.models import Actor, Referral
from pik.stats.keyfigures import counts

_SQL = """
WITH c AS (
  SELECT cl.id, cl.household_id, cl.gender, cl.nationality, cl.birth_year, cl.end_reason,
         cl.counselling_start AS cs, cl.counselling_end AS ce
  FROM casework_client cl
  WHERE cl.status <> 'anonymised' AND cl.counselling_start <= %(e)s
    AND (cl.counselling_end IS NULL OR cl.counselling_end >= %(s)s)
    AND cl.id IN (SELECT client_id FROM casework_consent
                  WHERE purpose = 'statistics' AND withdrawn_on IS NULL)
    {kreis}
), x AS (
  SELECT k.kind, k.topics FROM casework_contact k
  WHERE k.client_id IN (SELECT id FROM c) AND k.occurred_on BETWEEN %(s)s AND %(e)s
), g AS (
  SELECT g.field, g.status, g.status_changed_on, g.created_at FROM casework_goal g
  JOIN casework_plan p ON p.id = g.plan_id WHERE p.client_id IN (SELECT id FROM c)
), r AS (
  SELECT a.kind, r.status FROM casework_referral r LEFT JOIN network_actor a ON a.id = r.partner_id
  WHERE r.client_id IN (SELECT id FROM c) AND r.shared_on BETWEEN %(s)s AND %(e)s
)
SELECT 'status', CASE WHEN ce <= %(e)s THEN 'ended' WHEN cs >= %(s)s THEN 'new'
                      ELSE 'ongoing' END, COUNT(*) FROM c GROUP BY 2
UNION ALL SELECT 'ended_reason', end_reason, COUNT(*) FROM c WHERE ce <= %(e)s GROUP BY end_reason
UNION ALL SELECT 'households', '', COUNT(DISTINCT household_id)
  + COUNT(CASE WHEN household_id IS NULL THEN 1 END) FROM c
UNION ALL SELECT 'sex', gender, COUNT(*) FROM c GROUP BY gender
UNION ALL SELECT 'nationality', nationality, COUNT(*) FROM c GROUP BY nationality
UNION ALL SELECT 'birth_year', CAST(birth_year AS TEXT), COUNT(*) FROM c GROUP BY birth_year
UNION ALL SELECT 'days', CAST({days} AS TEXT), COUNT(*) FROM c GROUP BY 2
UNION ALL SELECT 'channel', kind, COUNT(*) FROM x GROUP BY kind
UNION ALL SELECT 'topic', t.value, COUNT(*) FROM x, {topics} GROUP BY t.value
UNION ALL SELECT 'plans', 'created', COUNT(*) FROM casework_plan p
  WHERE p.client_id IN (SELECT id FROM c) AND p.created_at >= %(ts)s AND p.created_at < %(te)s
UNION ALL SELECT 'plans', 'reviewed', COUNT(DISTINCT v.plan_id) FROM casework_planversion v
  JOIN casework_plan p ON p.id = v.plan_id
  WHERE p.client_id IN (SELECT id FROM c) AND v.number > 1
    AND v.created_at >= %(ts)s AND v.created_at < %(te)s
UNION ALL SELECT 'goals_set', field, COUNT(*) FROM g
  WHERE created_at >= %(ts)s AND created_at < %(te)s GROUP BY field
UNION ALL SELECT 'goals_reached', field, COUNT(*) FROM g
  WHERE status = 'achieved' AND status_changed_on BETWEEN %(s)s AND %(e)s GROUP BY field
UNION ALL SELECT 'referral_kind', kind, COUNT(*) FROM r GROUP BY kind
UNION ALL SELECT 'referral_status', status, COUNT(*) FROM r GROUP BY status
"""


def _hand_sql(kreis_id: int | None, period: Period) -> list[tuple[str, str, int]]:
    if connection.vendor == "postgresql":
        days = "(LEAST(COALESCE(ce, %(e)s), %(e)s) - cs)"
        topics = "jsonb_array_elements_text(x.topics::jsonb) AS t(value)"
    else:
        days = "CAST(julianday(MIN(COALESCE(ce, %(e)s), %(e)s)) - julianday(cs) AS INTEGER)"
        topics = "json_each(x.topics) AS t"
    sql = _SQL.format(
        kreis="AND cl.kreis_id = %(k)s" if kreis_id is not None else "", days=days, topics=topics
    )
    tz = timezone.get_current_timezone()
    params = {
        "s": period.start,
        "e": period.end,
        "k": kreis_id,
        "ts": dt.datetime.combine(period.start, dt.time.min, tzinfo=tz),
        "te": dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(str(a), "" if b is None else str(b), int(n)) for a, b, n in cursor.fetchall()]


def _band(value: int, bands: tuple[tuple[int, Any], ...]) -> str:
    return str([name for low, name in bands if value >= low][-1])


def _same_numbers(
    engine: RawKeyFigures,
    referrals: dict[str, dict[str, int]],
    rows: list[tuple[str, str, int]],
    end: dt.date,
) -> None:
    """The hand-written query's rows, labelled as the engine labels them, must equal it."""
    got: dict[str, Counter[str]] = {}
    for dim, key, n in rows:
        got.setdefault(dim, Counter())[key] += n
    genders = dict(Client.Gender.choices)
    kinds = dict(Contact.Kind.choices)
    fields = dict(Goal._meta.get_field("field").choices or [])
    reasons = dict(Client.EndReason.choices)
    actor_kinds = dict(Actor.Kind.choices)
    states = dict(Referral.Status.choices)
    unknown = "keine Angabe"
    expect = {
        "persons": dict(got.get("status", {})),
        "ended_reason": {
            str(reasons.get(k, unknown)): n for k, n in got.get("ended_reason", {}).items()
        },
        "referral_kind": {
            str(actor_kinds.get(k, "ohne Verzeichniseintrag")): n
            for k, n in got.get("referral_kind", {}).items()
        },
        "referral_status": {str(states[k]): n for k, n in got.get("referral_status", {}).items()},
        "households": sum(got.get("households", {}).values()),
        "sex": {str(genders.get(k, unknown)): n for k, n in got.get("sex", {}).items()},
        "channel": {str(kinds[k]): n for k, n in got.get("channel", {}).items()},
        "topic": {str(fields.get(k, k)): n for k, n in got.get("topic", {}).items()},
        "plans": dict(got.get("plans", {})),
        "goals_set": {str(fields[k]): n for k, n in got.get("goals_set", {}).items()},
        "goals_reached": {str(fields[k]): n for k, n in got.get("goals_reached", {}).items()},
    }
    ages: Counter[str] = Counter()
    for year, n in got.get("birth_year", {}).items():
        ages[_band(end.year - int(year), AGE_BANDS) if year else unknown] += n
    durations: Counter[str] = Counter()
    for days, n in got.get("days", {}).items():
        durations[_band(int(float(days)), DURATION_BANDS)] += n
    actual = {
        "persons": {k: v for k, v in engine.persons.items() if v},
        "ended_reason": {k: v for k, v in engine.ended_by_reason.items() if v},
        "referral_kind": referrals["kind"],
        "referral_status": referrals["status"],
        "households": engine.households,
        "sex": engine.sex,
        "channel": engine.contacts_by_channel,
        "topic": engine.contacts_by_topic,
        "plans": {k: v for k, v in engine.plans.items() if v},
        "goals_set": engine.goals_set,
        "goals_reached": engine.goals_reached,
    }
    expect["plans"] = {k: v for k, v in expect["plans"].items() if v}
    problems = [k for k in actual if actual[k] != expect[k]]
    if {k: v for k, v in engine.age.items() if v} != dict(ages):
        problems.append("age")
    if {k: v for k, v in engine.duration.items() if v} != dict(durations):
        problems.append("duration")
    if problems:
        raise AssertionError(f"key figures differ from the hand-written SQL in {problems}")


def _network(sets: list[CaseworkSet]) -> list[CaseworkSet]:
    """End reasons for the closed records, the statistics flag, and referrals (once per Kreis:
    the state set reuses the Kreis set, which may have them already)."""
    kreise = [data.kreis for data in sets]
    rng = random.Random(12)
    closed = Client.objects.filter(kreis__in=kreise, status="closed", end_reason="")
    reasons = Client.EndReason.values
    for index, reason in enumerate(reasons):  # every closed record a reason, by its id
        closed.alias(r=Mod("pk", len(reasons))).filter(r=index).update(end_reason=reason)
    for data in sets:
        if Actor.objects.filter(kreis=data.kreis, name__startswith="Bench ").exists():
            continue
        gemeinde = data.kreis.gemeinden.order_by("pk").first()
        partners = Actor.objects.bulk_create(
            Actor(kreis=data.kreis, gemeinde=gemeinde, name=f"Bench {label}", kind=kind)
            for kind, label in Actor.Kind.choices
        )
        consents = dict(
            Consent.objects.filter(
                client__kreis=data.kreis, purpose=Consent.Purpose.PARTICIPATION
            ).values_list("client_id", "pk")
        )
        today = timezone.localdate()
        referrals = []
        for pk, staff, start, end in Client.objects.filter(kreis=data.kreis).values_list(
            "pk", "responsible_id", "counselling_start", "counselling_end"
        ):
            if rng.random() >= 0.25 or pk not in consents:
                continue
            span = max(1, ((end or today) - start).days)
            for _ in range(rng.choice((1, 1, 2))):
                partner = rng.choice(partners)
                referrals.append(
                    Referral(
                        client_id=pk,
                        consent_id=consents[pk],
                        network_actor=partner.name,
                        partner=partner,
                        purpose="Vermittlung",
                        shared_on=start + dt.timedelta(days=rng.randint(0, span)),
                        shared_by_id=staff,
                        status=rng.choice(Referral.Status.values),
                    )
                )
        Referral.objects.bulk_create(referrals, batch_size=5000)
    # the generator writes consents straight into the table: the flag the consent services keep
    # is set as the migration sets it for existing records
    statistics = Consent.objects.filter(
        client=OuterRef("pk"), purpose=Consent.Purpose.STATISTICS, withdrawn_on__isnull=True
    )
    Client.objects.filter(kreis__in=kreise).update(counts_in_statistics=Exists(statistics))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # as autovacuum leaves tables that are not new
            cursor.execute(
                "VACUUM ANALYZE casework_client, casework_consent, casework_contact, "
                "casework_plan, casework_planversion, casework_goal, casework_referral, "
                "network_actor"
            )
    return sets


def _benches(lazy: Lazy, label: str, whole_state: bool) -> list[Benchmark]:
    period = Period.year(timezone.localdate().year - 1)
    state: dict[str, Any] = {}

    def records() -> tuple[Records, int | None]:
        if not state:
            data = lazy.data  # builds the data set on first use
            kreis_id = None if whole_state else data.kreis.pk
            state["records"] = Records() if whole_state else Records(kreis_ids=(kreis_id,))
            state["kreis_id"] = kreis_id
            engine, referrals = counts(state["records"], period)
            _same_numbers(engine, referrals, _hand_sql(kreis_id, period), period.end)
            lazy.notes.append(
                f"{label}: {engine.persons_total:,} people counted, "
                f"{sum(engine.contacts_by_channel.values()):,} contacts, "
                f"{sum(referrals['kind'].values()):,} referrals in {period.start.year}"
            )
        return state["records"], state["kreis_id"]

    def subject() -> tuple[RawKeyFigures, dict[str, dict[str, int]]]:
        return counts(records()[0], period)

    def reference() -> list[tuple[str, str, int]]:
        return _hand_sql(records()[1], period)

    return [
        Benchmark(
            needs_db=True,  # a throw-away database (bench/db.py), never the developer's
            name=f"key figures {label}, one year",
            subject=subject,
            reference=reference,
            reference_label="one hand-written SQL statement computing the same numbers",
            notes=lazy.notes,
        )
    ]


def benchmarks() -> list[Benchmark]:
    result = _benches(Lazy(lambda: _network([kreis_size()])[0], []), "one Kreis", False)
    if os.environ.get("BENCH_STATE") and connection.vendor == "postgresql":
        result += _benches(Lazy(lambda: _network(state_size())[0], []), "whole state", True)
    return result
