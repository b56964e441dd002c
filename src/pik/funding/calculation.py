"""Amounts from the rule version in force: pure functions, no database writes."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from pik.core.money import allocate, round_money
from pik.funding.models import Position, RuleVersion

TWELVE = Decimal(12)


def fixed_amount(rule: RuleVersion, qualification: str) -> Decimal:
    """Festbetrag per full-time position and year for the qualification."""
    if qualification == Position.Qualification.UNIVERSITY:
        return rule.amount_university
    return rule.amount_intermediate


def position_amount(
    rule: RuleVersion, *, qualification: str, share: Decimal, months: int
) -> Decimal:
    """Fixed amount x share of a full-time position x months / 12, rounded to the cent."""
    return round_money(fixed_amount(rule, qualification) * share * months / TWELVE)


def months_per_year(start: dt.date, months: int) -> dict[int, int]:
    """How many of the funded months fall into each calendar year."""
    counts: dict[int, int] = {}
    year, month = start.year, start.month
    for _ in range(months):
        counts[year] = counts.get(year, 0) + 1
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return dict(sorted(counts.items()))


def amounts_per_year(positions: list[Position]) -> dict[int, Decimal]:
    """Each position's amount split over calendar years by its months (exact to the cent)."""
    totals: dict[int, Decimal] = {}
    for position in positions:
        split = allocate(position.amount, months_per_year(position.start_date, position.months))
        for year, amount in split.items():
            totals[year] = totals.get(year, Decimal("0.00")) + amount
    return dict(sorted(totals.items()))


def approved_per_year(
    *, funding_year: int, approved: Decimal, positions: list[Position]
) -> dict[int, Decimal]:
    """The approved amount split over budget years like the positions' months (exact cents, the
    parts sum to ``approved``); without positions (digital tools) all in the funding year."""
    weights = {y: a for y, a in amounts_per_year(positions).items() if a > 0}
    if not weights or approved <= 0:
        return {funding_year: approved}
    return dict(sorted(allocate(approved, weights).items()))


def contingent_amount(rule: RuleVersion, persons: int) -> Decimal:
    if rule.rate_per_person is None:
        raise ValueError("Diese Fassung der Förderrichtlinie kennt keinen Betrag je Person.")
    return round_money(rule.rate_per_person * persons)


def add_months(day: dt.date, months: int) -> dt.date:
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def end_date(start: dt.date, months: int) -> dt.date:
    """The last day of a period of ``months`` from the manager's first day."""
    return add_months(start, months) - dt.timedelta(days=1)
