"""Interest on a repayment claim under § 49a Abs. 3 LVwVfG: 5 points above the base rate.

A pure function (no database): the base-rate table, the claim and its part payments go in, a
statement with one row per interest period comes out. The convention (ADR 0030,
docs/funding-repayment.md), printed in every repayment notice:

- interest runs for every calendar day from the due date (inclusive) to the day of payment
  (exclusive): money paid on the due date bears no interest;
- the yearly rate is the base rate (§ 247 BGB) in force on that day plus 5 percentage points;
- actual/actual by calendar year: a day in a year of 365 days bears 1/365 of the yearly rate,
  a day in a leap year 1/366 (so a full year always bears exactly the yearly rate);
- a part payment reduces the principal from the day it was received;
- periods are split where the base rate changes, where a year ends and where a payment came in;
- the total is computed exactly (integers in cents, basis points and days) and rounded to the
  cent once, half up, at the end; the rows share that total by largest remainder
  (``pik.core.money.allocate``), so the table always adds up to it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from pik.core.money import allocate, from_cents, to_cents

#: § 49a Abs. 3 Satz 1 LVwVfG: five percentage points above the base rate.
MARGIN = Decimal("5.00")
CONVENTION = (
    "Zinsen für jeden Kalendertag vom Fälligkeitstag (einschließlich) bis zum Tag des "
    "Zahlungseingangs (ausschließlich); Jahreszins = Basiszinssatz nach § 247 BGB am jeweiligen "
    "Tag zuzüglich 5 Prozentpunkte; Tageszins = Jahreszins / 365, in Schaltjahren / 366 "
    "(kalendergenau, act/act); Teilzahlungen mindern die Hauptforderung ab dem Tag ihres "
    "Eingangs; der Gesamtbetrag wird einmal am Ende kaufmännisch auf den Cent gerundet."
)
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class InterestPeriod:
    """One row of the statement: the same principal, rate and year length throughout."""

    start: dt.date  # first interest day
    end: dt.date  # last interest day (inclusive)
    days: int
    principal: Decimal
    base_rate: Decimal
    rate: Decimal  # base rate + margin, percent a year
    year_days: int  # 365 or 366
    interest: Decimal  # this row's share of the rounded total (the rows add up to it)


@dataclass(frozen=True, slots=True)
class InterestStatement:
    principal: Decimal
    due: dt.date
    until: dt.date  # interest is computed for the days before this date
    periods: tuple[InterestPeriod, ...]
    total: Decimal
    outstanding: Decimal  # principal still owed on ``until``


def _basis_points(rate: Decimal) -> int:
    value = rate * 100
    if value != value.to_integral_value():
        raise ValueError(f"Der Zinssatz {rate} hat mehr als zwei Nachkommastellen.")
    return int(value)


def _cuts(
    due: dt.date, until: dt.date, starts: Sequence[dt.date], payments: Iterable[dt.date]
) -> list[dt.date]:
    """Every day on which a new period begins, from ``due`` to ``until`` (both included)."""
    cuts = {due, until}
    cuts.update(d for d in starts if due < d < until)
    cuts.update(d for d in payments if due < d < until)
    cuts.update(dt.date(y, 1, 1) for y in range(due.year + 1, until.year + 1))
    return sorted(cuts)


def interest(
    *,
    principal: Decimal,
    due: dt.date,
    until: dt.date,
    base_rates: Sequence[tuple[dt.date, Decimal]],
    payments: Iterable[tuple[dt.date, Decimal]] = (),
    margin: Decimal = MARGIN,
) -> InterestStatement:
    """The interest owed on ``principal`` from ``due`` for the days before ``until``.

    ``base_rates``: (valid from, base rate in percent) sorted by date, each valid until the next
    one begins; ``payments``: (received on, amount) reducing the principal from that day.
    Raises ``ValueError`` (German) when no base rate covers the due date, a rate has fractions
    of a basis point, the yearly rate is negative, or the payments exceed the principal.
    """
    starts = [start for start, _ in base_rates]
    points = [_basis_points(rate + margin) for _, rate in base_rates]
    if until > due and (not starts or starts[0] > due):
        raise ValueError(f"Für den {due:%d.%m.%Y} ist kein Basiszinssatz hinterlegt.")
    principal_cents = to_cents(principal)
    paid = sorted((on, to_cents(amount)) for on, amount in payments)
    if sum(c for _, c in paid) > principal_cents:
        raise ValueError("Die Teilzahlungen übersteigen die Hauptforderung.")
    # Exact sums of principal (cents) x rate (basis points) x days, one per year length; a
    # period's interest in EUR is that product / (100 * 10,000 * year days).
    weights: list[int] = []
    rows: list[tuple[dt.date, dt.date, int, int, int, int]] = []
    sums = {365: 0, 366: 0}
    balance, p = principal_cents, 0
    cuts = _cuts(due, until, starts, (on for on, _ in paid)) if until > due else []
    for start, end in pairwise(cuts):
        while p < len(paid) and paid[p][0] <= start:
            balance -= paid[p][1]
            p += 1
        if balance == 0:
            break
        index = bisect_right(starts, start) - 1
        bp = points[index]
        if bp < 0:
            raise ValueError(f"Der Zinssatz am {start:%d.%m.%Y} wäre negativ.")
        year_days = 366 if calendar.isleap(start.year) else 365
        days = (end - start).days
        product = balance * bp * days
        sums[year_days] += product
        rows.append((start, end, days, balance, index, year_days))
        weights.append(product * (731 - year_days))  # over the common denominator 365 * 366
    while p < len(paid) and paid[p][0] <= until:
        balance -= paid[p][1]
        p += 1
    # total in cents = (S365 / 365 + S366 / 366) / 10,000, rounded half up, in integers only
    numerator = sums[365] * 366 + sums[366] * 365
    denominator = 10_000 * 365 * 366
    total_cents = (2 * numerator + denominator) // (2 * denominator)
    total = from_cents(total_cents)
    shares = (
        allocate(total, dict(enumerate(weights)))
        if total_cents
        else dict.fromkeys(range(len(rows)), from_cents(0))
    )
    periods = tuple(
        InterestPeriod(
            start=start,
            end=end - _ONE_DAY,
            days=days,
            principal=from_cents(cents),
            base_rate=base_rates[index][1],
            rate=base_rates[index][1] + margin,
            year_days=year_days,
            interest=shares[i],
        )
        for i, (start, end, days, cents, index, year_days) in enumerate(rows)
    )
    return InterestStatement(
        principal=from_cents(principal_cents),
        due=due,
        until=until,
        periods=periods,
        total=total,
        outstanding=from_cents(balance),
    )
