"""The key-figure export in the statewide template's layout (issue 12): the XLSX for one year with
one row per applicant, for one Kreis (Kreis-size set, SQLite or PostgreSQL) and for the whole
state, all 44 Kreise (state-size set, PostgreSQL, BENCH_STATE=1; target under 5 s).

Two figures each:
- "xlsx": the whole export as the view makes it (scope check, counting, suppression, writing the
  workbook) against the counting and suppression alone (what writing the XLSX adds);
- "rows": the grouped counting of all rows (six grouped queries with the referrals, whatever
  the number of applicants) against counting each applicant alone with the page's
  ``key_figures`` and ``referral_counts`` (one set of queries per applicant). Before timing
  both must give the same numbers.
"""

from __future__ import annotations

import os
from typing import Any

from django.db import connection
from django.utils import timezone

from bench.bench_casework import Lazy
from bench.casework_data import kreis_size, state_size
from bench.runner import Benchmark
from pik.casework.selectors.keyfigures import Period, counted_clients, key_figures
from pik.core.roles import Role
from pik.network.selectors import referral_counts
from pik.orgs import services as org_services
from pik.orgs.models import User
from pik.stats import export
from pik.stats.keyfigures import Scope, resolve


def _reader() -> User:
    email = "ministerium@bench.pik-bw.example"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = org_services.user_create(
            email=email, first_name="Bench", last_name="Ministerium", actor=None
        )
        org_services.membership_create(user=user, role=Role.MINISTRY, actor=None)
    return user


def _one_by_one(user: User, scope: Scope, period: Period) -> dict[str, tuple[int, ...]]:
    """Every applicant counted alone, as the key-figure page counts it (the naive way)."""
    label, records = resolve(user, scope)
    result = {}
    for applicant in export.applicants(scope, label, records):
        raw = key_figures(applicant.records, period)
        referrals = referral_counts(
            clients=counted_clients(applicant.records, period), start=period.start, end=period.end
        )
        result[applicant.label] = (
            raw.persons_total,
            raw.households,
            raw.persons["new"],
            raw.persons["ended"],
            raw.plans["created"],
            raw.plans["reviewed"],
            sum(raw.contacts_by_channel.values()),
            sum(raw.goals_reached.values()),
            sum(referrals["status"].values()),
        )
    return result


def _grouped(result: export.KeyFigureExport) -> dict[str, tuple[int, ...]]:
    names = (
        "persons_counselled",
        "households",
        "persons_new",
        "persons_ended",
        "plans_created",
        "plans_reviewed",
        "contacts_total",
        "goals_reached",
        "referrals",
    )
    return {
        row.applicant: tuple(row.cells[n].value for n in names) for row in result.sheets[0].rows
    }


def _benches(lazy: Lazy, label: str, scope_of: Any) -> list[Benchmark]:
    period = Period.year(timezone.localdate().year - 1)
    state: dict[str, Any] = {}

    def prepare() -> None:
        if state:
            return
        data = lazy.data  # builds the data set on first use
        state["user"], state["scope"] = _reader(), scope_of(data)
        result = export.key_figure_export(user=state["user"], scope=state["scope"], period=period)
        if _grouped(result) != _one_by_one(state["user"], state["scope"], period):
            raise AssertionError("the grouped export differs from the applicants counted alone")
        rows = result.sheets[0].rows
        people = sum(r.cells["persons_counselled"].value for r in rows)
        contacts = sum(r.cells["contacts_total"].value for r in rows)
        lazy.notes.append(
            f"{label}: {len(rows)} applicants, {people:,} people counted, "
            f"{contacts:,} contacts in {period.start.year}"
        )

    def computed() -> export.KeyFigureExport:
        return export.key_figure_export(user=state["user"], scope=state["scope"], period=period)

    def workbook() -> bytes:
        return export.xlsx(computed())

    def one_by_one() -> dict[str, tuple[int, ...]]:
        return _one_by_one(state["user"], state["scope"], period)

    return [
        Benchmark(
            needs_db=True,  # a throw-away database (bench/db.py), never the developer's
            name=f"key figure xlsx {label}",
            prepare=prepare,
            subject=workbook,
            reference=computed,
            reference_label="the same export counted and suppressed, without writing the XLSX",
            repeat=10,
            warmup=1,
            notes=lazy.notes,
        ),
        Benchmark(
            needs_db=True,
            name=f"key figure export rows {label}",
            prepare=prepare,
            subject=computed,
            reference=one_by_one,
            reference_label="each applicant counted alone with the page's key_figures",
            repeat=5,
            warmup=1,
            notes=lazy.notes,
        ),
    ]


def benchmarks() -> list[Benchmark]:
    result = _benches(
        Lazy(kreis_size, []), "one Kreis", lambda data: Scope("kreis", data.kreis.ags)
    )
    if os.environ.get("BENCH_STATE") and connection.vendor == "postgresql":
        result += _benches(
            Lazy(lambda: state_size()[0], []), "all 44 Kreise", lambda data: Scope("state")
        )
    return result
