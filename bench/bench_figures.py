"""Statewide figures: GET /foerderung/zahlen/ over a Germany-sized data set, as the ministry.

Target (issue 10): median under 300 ms, at most 15 SQL queries (asserted in prepare).
Data: 11,000 synthetic Gemeinden spread over the 44 Kreise (populations from
``data.synthetic_populations``), one applicant per Gemeinde, 20,000 applications over two
years with the usual status mix; decided ones with one or two positions, a commitment, most a
payment, some a repayment; 2020's budget split over the Gemeinden (contingents with a share).
Timed through django.test.Client (middleware, template with two SVG charts, session).
Reference: one hand-written SQL aggregate of the ledger per budget, Kreis and kind (the page's
biggest query) on the same database.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from bench.runner import Benchmark

URL = "/foerderung/zahlen/?programm=im&jahr=2020"
GEMEINDEN, APPLICATIONS, YEARS = 11_000, 20_000, [2019, 2020]
MAX_QUERIES, TARGET_MS = 15, 300.0

REFERENCE_SQL = """
SELECT e.budget_id, a.kreis_id, e.kind, SUM(e.amount)
FROM funding_ledgerentry e
LEFT JOIN funding_application ap ON ap.id = e.application_id
LEFT JOIN funding_applicant a ON a.id = ap.applicant_id
WHERE e.budget_id = %s
GROUP BY e.budget_id, a.kreis_id, e.kind
"""


def _germany() -> list[Any]:
    """11,000 synthetic Gemeinden spread over the 44 Kreise of Baden-Württemberg (the page lists
    the Kreise of the state it serves), bulk_create, once."""
    from bench import data
    from pik.orgs.models import Gemeinde, Kreis

    kreise = list(Kreis.objects.filter(ags__startswith="08").order_by("ags"))
    populations = data.synthetic_populations(GEMEINDEN)
    return Gemeinde.objects.bulk_create(
        [
            Gemeinde(
                ags=f"9{i:07d}",
                name=f"Synthetische Gemeinde {i}",
                kreis=kreise[i % len(kreise)],
                population=population,
            )
            for i, population in enumerate(populations.values())
        ],
        batch_size=2000,
    )


def _funding(gemeinden: list[Any], head: Any) -> int:
    """Applicants, applications, positions, ledger entries and contingents (bulk_create)."""
    import datetime as dt
    from decimal import Decimal

    from bench import data
    from pik.funding.models import (
        Applicant,
        Budget,
        Contingent,
        LedgerEntry,
        Position,
        Programme,
    )
    from pik.funding.selectors import rule_version_for

    rng = random.Random(2017)
    programme = Programme.objects.get(code="im")
    applicants = Applicant.objects.bulk_create(
        [
            Applicant(
                programme=programme, kind="gemeinde", name=g.name, kreis_id=g.kreis_id, gemeinde=g
            )
            for g in gemeinden
        ],
        batch_size=2000,
    )
    per_year = APPLICATIONS // len(YEARS)
    apps = []
    for i, year in enumerate(YEARS):
        apps += data.applications(
            programme=programme,
            rows=applicants[:per_year],
            years=[year],
            statuses=data.PAST_STATUSES,
            proposer=head,
            seed=i,
        )
    budgets = {b.year: b for b in Budget.objects.filter(programme=programme, year__in=YEARS)}
    positions, entries = [], []
    for a in apps:
        if a.status not in ("approved", "notice_issued"):
            continue
        amount = Decimal(rng.randrange(2_000_00, 10_000_00)) / 100
        entries.append(
            LedgerEntry(budget=budgets[a.year], kind="commitment", amount=amount, application=a)
        )
        if rng.random() < 0.8:
            paid = (amount * Decimal("0.6")).quantize(Decimal("0.01"))
            entries.append(
                LedgerEntry(budget=budgets[a.year], kind="payment", amount=paid, application=a)
            )
            if rng.random() < 0.1:
                entries.append(
                    LedgerEntry(
                        budget=budgets[a.year], kind="repayment", amount=paid / 10, application=a
                    )
                )
        for n in range(rng.choice((1, 1, 2))):
            positions.append(
                Position(
                    application=a,
                    person_name=f"Person {a.pk}-{n}",
                    qualification="intermediate",
                    share=rng.choice((Decimal("0.50"), Decimal("0.75"), Decimal("1.00"))),
                    start_date=dt.date(a.year, 1, 1),
                    months=24,
                    amount=amount,
                )
            )
    Position.objects.bulk_create(positions, batch_size=2000)
    LedgerEntry.objects.bulk_create(entries, batch_size=2000)
    rule = rule_version_for(programme=programme, on=dt.date(2020, 12, 31))
    total = sum(g.population for g in gemeinden)
    Contingent.objects.bulk_create(
        [
            Contingent(
                programme=programme,
                year=2020,
                rule_version=rule,
                gemeinde=g,
                reference_date=dt.date(2019, 9, 15),
                persons=max(1, g.population // 100),
                amount=Decimal(g.population),
                budget_share=(budgets[2020].total * g.population / total).quantize(Decimal("0.01")),
            )
            for g in gemeinden
        ],
        batch_size=2000,
    )
    return len(apps)


@dataclass
class FiguresPage:
    state: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def prepare(self) -> None:
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from bench import data
        from bench.bench_workbench import _signed_in
        from pik.core.roles import Role
        from pik.funding.models import Budget

        head, _ = data.rps_staff()
        gemeinden = _germany()
        count = _funding(gemeinden, head)
        data.analyze()
        ministry = data.bench_user("ministerium", Role.MINISTRY)
        self.state.update(
            client=_signed_in(Client(), ministry),
            budget=Budget.objects.get(programme__code="im", year=2020).pk,
        )
        self.get()  # the first request of a session also checks the TOTP authenticator
        with CaptureQueriesContext(connection) as ctx:
            response = self.get()
        n = len(ctx.captured_queries)
        if n > MAX_QUERIES:
            raise AssertionError(f"{URL}: {n} SQL queries per request (at most {MAX_QUERIES})")
        self.notes.append(
            f"{URL}: {n} SQL queries per request (ok, at most {MAX_QUERIES}); {GEMEINDEN:,} "
            f"Gemeinden in 44 Kreise, {count:,} applications, "
            f"{len(response.content):,} bytes"
        )
        self.notes.append(f"target: median under {TARGET_MS:.0f} ms (issue 10)")

    def get(self) -> Any:
        response = self.state["client"].get(URL)
        if response.status_code != 200:
            raise RuntimeError(f"{URL}: HTTP {response.status_code}")
        return response

    def reference(self) -> list[Any]:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(REFERENCE_SQL, [self.state["budget"]])
            return cursor.fetchall()


def benchmarks() -> list[Benchmark]:
    page = FiguresPage()
    return [
        Benchmark(
            name="statewide figures page",
            subject=page.get,
            prepare=page.prepare,
            reference=page.reference,
            reference_label="one hand-written SQL aggregate: ledger per budget, Kreis and kind",
            repeat=20,
            warmup=3,
            notes=page.notes,
            needs_db=True,
        )
    ]
