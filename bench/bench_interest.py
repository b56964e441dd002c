"""Interest under § 49a LVwVfG for 10,000 repayment claims (pure function, no database).

The first figure is the amount owed (the payment service and the lists need it); the second
also builds every claim's table rows, as a notice does. Synthetic claims: principal
100 to 250,000 EUR, due dates from 01.07.2016 to 2025, up to three part payments, interest to
01.01.2026, over the seven published base rates (periods split at each rate change, year end and
payment). Reference, in the same run: the same loop over a table with one constant rate (the
splits at rate changes cost what the ratio shows).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from bench.runner import Benchmark
from pik.funding.interest import RateTable, interest
from pik.funding.reference import BASE_RATES

CLAIMS = 10_000
UNTIL = dt.date(2026, 1, 1)
RATES = RateTable([(dt.date.fromisoformat(day), Decimal(rate)) for day, rate in BASE_RATES])
CONSTANT = RateTable([(RATES.starts[0], Decimal("2.00"))])

Claim = tuple[Decimal, dt.date, list[tuple[dt.date, Decimal]]]


def claims(n: int = CLAIMS, seed: int = 49) -> list[Claim]:
    rng = random.Random(seed)
    first, span = RATES.starts[0], (UNTIL - RATES.starts[0]).days
    result = []
    for _ in range(n):
        cents = rng.randrange(10_000, 25_000_000)
        due = first + dt.timedelta(days=rng.randrange(span - 30))
        payments = []
        left = cents
        for _ in range(rng.randrange(4)):
            part = rng.randrange(1, max(2, left // 2))
            left -= part
            on = due + dt.timedelta(days=rng.randrange((UNTIL - due).days))
            payments.append((on, Decimal(part).scaleb(-2)))
        result.append((Decimal(cents).scaleb(-2), due, payments))
    return result


def run_all(data: list[Claim], rates: RateTable, *, table: bool = False) -> Decimal:
    """The interest of every claim (``table``: with the rows of its notice table as well)."""
    total = Decimal("0.00")
    for principal, due, payments in data:
        statement = interest(
            principal=principal, due=due, until=UNTIL, base_rates=rates, payments=payments
        )
        if table:
            statement.periods  # noqa: B018 - builds the rows (shares by largest remainder)
        total += statement.total
    return total


def benchmarks() -> list[Benchmark]:
    data = claims()
    periods = sum(
        len(interest(principal=p, due=d, until=UNTIL, base_rates=RATES, payments=pay).periods)
        for p, d, pay in data
    )
    return [
        Benchmark(
            name="interest 10,000 repayment claims",
            subject=lambda: run_all(data, RATES),
            reference=lambda: run_all(data, CONSTANT),
            reference_label="the same loop over one constant base rate (no rate splits)",
            repeat=10,
            warmup=1,
            notes=[
                f"{CLAIMS} claims, {periods} interest periods "
                f"({periods / CLAIMS:.1f} per claim); target: median under 1,000 ms"
            ],
        ),
        Benchmark(
            name="interest 10,000 claims with period tables",
            subject=lambda: run_all(data, RATES, table=True),
            reference=lambda: run_all(data, CONSTANT, table=True),
            reference_label="the same loop over one constant base rate (no rate splits)",
            repeat=10,
            warmup=1,
            notes=["every statement also builds its rows (the notice's table)"],
        ),
    ]
