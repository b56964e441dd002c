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
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import pairwise
from typing import NamedTuple

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


class InterestPeriod(NamedTuple):
    """One row of the statement: the same principal, rate and year length throughout."""

    start: dt.date  # first interest day
    end: dt.date  # last interest day (inclusive)
    days: int
    principal: Decimal
    base_rate: Decimal
    rate: Decimal  # base rate + margin, percent a year
    year_days: int  # 365 or 366
    interest: Decimal  # this row's share of the rounded total (the rows add up to it)


def _basis_points(rate: Decimal) -> int:
    value = rate * 100
    if value != value.to_integral_value():
        raise ValueError(f"Der Zinssatz {rate} hat mehr als zwei Nachkommastellen.")
    return int(value)


class RateTable:
    """The base rates as (valid from, rate) with the yearly rate in basis points, prepared once
    for many claims (a page, a payment, the benchmark)."""

    __slots__ = ("claim_rates", "margin", "points", "rates", "starts")

    def __init__(self, base_rates: Sequence[tuple[dt.date, Decimal]], margin: Decimal = MARGIN):
        self.starts = [start for start, _ in base_rates]
        self.rates = [rate for _, rate in base_rates]
        self.claim_rates = [rate + margin for rate in self.rates]
        self.points = [_basis_points(rate) for rate in self.claim_rates]
        self.margin = margin


# A row before the shares are known: start, end (exclusive), days, principal in cents, index of
# the base rate, days of the year, principal x basis points x days.
_Row = tuple[dt.date, dt.date, int, int, int, int, int]


class InterestStatement:
    """The interest of one claim; the rows (``periods``) are built when first read."""

    __slots__ = ("_periods", "_rows", "_table", "due", "outstanding", "principal", "total", "until")

    def __init__(
        self,
        *,
        principal: Decimal,
        due: dt.date,
        until: dt.date,
        total: Decimal,
        outstanding: Decimal,
        rows: list[_Row],
        table: RateTable,
    ) -> None:
        self.principal, self.due, self.until = principal, due, until
        self.total, self.outstanding = total, outstanding
        self._rows, self._table = rows, table
        self._periods: tuple[InterestPeriod, ...] | None = None

    @property
    def periods(self) -> tuple[InterestPeriod, ...]:
        if self._periods is None:
            self._periods = self._build_periods()
        return self._periods

    def _build_periods(self) -> tuple[InterestPeriod, ...]:
        rows, table = self._rows, self._table
        if self.total:
            # Each row's exact interest over the common denominator 365 * 366.
            weights = {i: r[6] * (731 - r[5]) for i, r in enumerate(rows)}
            shares = allocate(self.total, weights)
        else:
            shares = dict.fromkeys(range(len(rows)), from_cents(0))
        rates, claim_rates = table.rates, table.claim_rates
        return tuple(
            InterestPeriod(
                start,
                end - _ONE_DAY,
                days,
                from_cents(cents),
                rates[index],
                claim_rates[index],
                year_days,
                shares[i],
            )
            for i, (start, end, days, cents, index, year_days, _) in enumerate(rows)
        )


def interest(
    *,
    principal: Decimal,
    due: dt.date,
    until: dt.date,
    base_rates: RateTable | Sequence[tuple[dt.date, Decimal]],
    payments: Iterable[tuple[dt.date, Decimal]] = (),
    margin: Decimal = MARGIN,
) -> InterestStatement:
    """The interest owed on ``principal`` from ``due`` for the days before ``until``.

    ``base_rates``: (valid from, base rate in percent) sorted by date, each valid until the next
    one begins (or a prepared ``RateTable``); ``payments``: (received on, amount) reducing the
    principal from that day. Raises ``ValueError`` (German) when no base rate covers the due
    date, a rate has fractions of a basis point, the yearly rate is negative, or the payments
    exceed the principal.
    """
    table = base_rates if isinstance(base_rates, RateTable) else RateTable(base_rates, margin)
    starts, points = table.starts, table.points
    principal_cents = to_cents(principal)
    paid = sorted((on, to_cents(amount)) for on, amount in payments)
    if sum(c for _, c in paid) > principal_cents:
        raise ValueError("Die Teilzahlungen übersteigen die Hauptforderung.")
    rows: list[_Row] = []
    sum365 = sum366 = 0  # principal (cents) x rate (basis points) x days, per year length
    balance, p = principal_cents, 0
    if until > due:
        index = bisect_right(starts, due) - 1
        if index < 0:
            raise ValueError(f"Für den {due:%d.%m.%Y} ist kein Basiszinssatz hinterlegt.")
        cuts = {due, until}
        cuts.update(starts[index + 1 : bisect_left(starts, until)])
        cuts.update(dt.date(y, 1, 1) for y in range(due.year + 1, until.year + 1))
        cuts.update(on for on, _ in paid if due < on < until)
        ordered = sorted(cuts)
        last = len(starts) - 1
        for start, end in pairwise(ordered):
            while p < len(paid) and paid[p][0] <= start:
                balance -= paid[p][1]
                p += 1
            if balance == 0:
                break
            while index < last and starts[index + 1] <= start:
                index += 1
            bp = points[index]
            if bp < 0:
                raise ValueError(f"Der Zinssatz am {start:%d.%m.%Y} wäre negativ.")
            days = (end - start).days
            product = balance * bp * days
            if calendar.isleap(start.year):
                sum366 += product
                rows.append((start, end, days, balance, index, 366, product))
            else:
                sum365 += product
                rows.append((start, end, days, balance, index, 365, product))
    while p < len(paid) and paid[p][0] <= until:
        balance -= paid[p][1]
        p += 1
    # total in cents = (S365 / 365 + S366 / 366) / 10,000, rounded half up, in integers only
    numerator = sum365 * 366 + sum366 * 365
    denominator = 10_000 * 365 * 366
    return InterestStatement(
        principal=from_cents(principal_cents),
        due=due,
        until=until,
        total=from_cents((2 * numerator + denominator) // (2 * denominator)),
        outstanding=from_cents(balance),
        rows=rows,
        table=table,
    )
