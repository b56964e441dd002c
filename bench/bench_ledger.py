"""Ledger balances of every programme and budget year over 100,000 ledger entries.

Target (issue 10): median under 50 ms, and within 2x of one hand-written SQL aggregate on the
same database (SQLite and PostgreSQL), both measured in the same run.
Subject: ``pik.funding.ledger.balances_all()`` (what the budget pages and statewide figures
use): every budget's total, committed (commitments less releases) and paid (payments less
repayments). Reference: one SQL statement computing the same per budget with CASE sums over a
LEFT JOIN; the prepare step checks that both give the same figures.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from bench.runner import Benchmark

ENTRIES, YEARS = 100_000, range(2017, 2031)
TARGET_MS = 50.0
KINDS = ["commitment"] * 55 + ["payment"] * 30 + ["release"] * 8 + ["repayment"] * 7

SQL = """
SELECT b.id, b.total,
       COALESCE(SUM(CASE WHEN e.kind = 'commitment' THEN e.amount END), 0)
     - COALESCE(SUM(CASE WHEN e.kind = 'release' THEN e.amount END), 0),
       COALESCE(SUM(CASE WHEN e.kind = 'payment' THEN e.amount END), 0)
     - COALESCE(SUM(CASE WHEN e.kind = 'repayment' THEN e.amount END), 0)
FROM funding_budget b LEFT JOIN funding_ledgerentry e ON e.budget_id = b.id
GROUP BY b.id, b.total
"""

notes: list[str] = []


def _prepare() -> None:
    from pik.funding.models import Budget, LedgerEntry, Programme

    rng = random.Random(2026)
    budgets = []
    for programme in Programme.objects.all():
        for year in YEARS:
            budget, _ = Budget.objects.get_or_create(
                programme=programme, year=year, defaults={"total": Decimal("70000000.00")}
            )
            budgets.append(budget)
    rows = [
        LedgerEntry(
            budget=rng.choice(budgets),
            kind=rng.choice(KINDS),
            amount=Decimal(rng.randint(100, 6_400_000)) / 100,
            note="Bench",
        )
        for _ in range(ENTRIES)
    ]
    LedgerEntry.objects.bulk_create(rows, batch_size=5_000)
    from django.db import connection

    with connection.cursor() as cursor:  # as autovacuum would after a bulk load
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    ours, raw = _subject(), _reference()
    cent = Decimal("0.01")

    def money(value: Any) -> Decimal:  # SQLite sums decimals as REAL: compare in cents
        return Decimal(str(value)).quantize(cent)

    for pk, total, committed, paid in raw:
        b = ours[pk]
        if tuple(money(v) for v in (b.total, b.committed, b.paid)) != (
            money(total),
            money(committed),
            money(paid),
        ):
            raise RuntimeError(f"budget {pk}: ledger {b} != SQL {(total, committed, paid)}")
    notes.append(
        f"{LedgerEntry.objects.count():,} ledger entries over {len(ours)} budgets "
        f"({Programme.objects.count()} programmes x {len(YEARS)} years); figures agree"
    )
    notes.append(f"target: median under {TARGET_MS:.0f} ms, ratio at most 2x (issue 10)")


def _subject() -> Any:
    from pik.funding import ledger

    return ledger.balances_all()


def _reference() -> list[tuple[Any, ...]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(SQL)
        return cursor.fetchall()


def benchmarks() -> list[Benchmark]:
    return [
        Benchmark(
            name="ledger balances (100k entries)",
            subject=_subject,
            prepare=_prepare,
            reference=_reference,
            reference_label="one hand-written SQL aggregate (CASE sums, LEFT JOIN, GROUP BY)",
            repeat=30,
            warmup=3,
            notes=notes,
            needs_db=True,
        )
    ]
