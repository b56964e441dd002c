"""Proof of use: periods, due dates and eligible amounts from the rule version (pure functions).

Months are counted as calendar months: a position that starts on 15.03.2020 is funded in March
2020 and in the following ``months - 1`` months. Salary interruptions are not funded and extend
the funded period by as many months, up to the rule version's allowance (``interruption_months``).
A change of person or qualification is rated with the rule version's fixed amount of the new
qualification from the month of the change. Under fixed-amount funding the eligible amount of a
position is the rated amount, but never more than the salary actually paid (VV Nr. 2.4 zu § 44
LHO: a fixed amount is reduced only where the costs fall below it); the whole never exceeds the
approved amount.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from pik.core.money import round_money
from pik.funding.calculation import add_months, end_date, fixed_amount
from pik.funding.models import Application, KeyFigures, Position, ProofLine, RuleVersion

ZERO = Decimal("0.00")
TWELVE = Decimal(12)

#: The statewide key-figure template, in its order (the fields of ``KeyFigures``). The case-work
#: statistics fill exactly these names once they can; until then they are entered by hand.
KEY_FIGURE_NAMES = (
    "persons_counselled",
    "households",
    "persons_new",
    "persons_ended",
    "plans_created",
    "plans_reviewed",
    "contacts_total",
    "contacts_outreach",
    "contacts_remote",
    "goals_reached",
    "referrals",
)
KEY_FIGURE_FIELDS: tuple[tuple[str, Any], ...] = tuple(
    (name, getattr(KeyFigures._meta.get_field(name), "verbose_name", name))
    for name in KEY_FIGURE_NAMES
)

MONTHS_DE = {
    name: number
    for number, name in enumerate(
        (
            "januar",
            "februar",
            "märz",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "dezember",
        ),
        start=1,
    )
}


def month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def month_start(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def month_end(index: int) -> dt.date:
    return add_months(month_start(index), 1) - dt.timedelta(days=1)


def months_between(first: dt.date, last: dt.date) -> int:
    """Calendar months from ``first`` to ``last``, both counted (0 if ``last`` is earlier)."""
    return max(0, month_index(last) - month_index(first) + 1)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Months two inclusive month ranges share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]) + 1)


def key_figures_due(rule: RuleVersion, year: int) -> dt.date:
    """The day the key figures for ``year`` are due: the rule version's day (``31. Januar``) in
    the following year."""
    match = re.fullmatch(r"\s*(\d{1,2})\.\s*([A-Za-zäÄ]+)\s*", rule.key_figures_due)
    month = MONTHS_DE.get(match.group(2).lower()) if match else None
    if match is None or month is None:
        raise ValidationError(
            f"Die Fassung „{rule.name}“ nennt für die Kennzahlen kein lesbares Datum "
            f"(„{rule.key_figures_due}“, erwartet z. B. „31. Januar“)."
        )
    return dt.date(year + 1, month, int(match.group(1)))


def interrupted_months(line: ProofLine) -> int:
    """Months of the line's interruption that fall into its filled months."""
    if not (line.interrupted_from and line.interrupted_to and line.filled_from and line.filled_to):
        return 0
    return overlap(
        (month_index(line.interrupted_from), month_index(line.interrupted_to)),
        (month_index(line.filled_from), month_index(line.filled_to)),
    )


def extension(rule: RuleVersion, line: ProofLine | None) -> int:
    """Months the funded period is extended by the line's interruption (up to the allowance)."""
    return min(interrupted_months(line), rule.interruption_months) if line else 0


def funded_months(position: Position, rule: RuleVersion, line: ProofLine | None) -> tuple[int, int]:
    """The position's funded period as an inclusive range of month indexes, extended for an
    interruption of salary payments."""
    first = month_index(position.start_date)
    return first, first + position.months - 1 + extension(rule, line)


def funded_end(position: Position, rule: RuleVersion, line: ProofLine | None = None) -> dt.date:
    return end_date(position.start_date, position.months + extension(rule, line))


@dataclass(frozen=True)
class Rated:
    months: int
    rated: Decimal  # months x rate x share, with the re-rating from a change
    eligible: Decimal  # the rated amount, never more than the salary paid


def rate_line(line: ProofLine, rule: RuleVersion) -> Rated:
    """Months filled (less interrupted months, at most the funded months) and the amount."""
    position = line.position
    if line.filled_from is None or line.filled_to is None:
        return Rated(0, ZERO, ZERO)
    filled = (month_index(line.filled_from), month_index(line.filled_to))
    interruption = (
        (month_index(line.interrupted_from), month_index(line.interrupted_to))
        if line.interrupted_from and line.interrupted_to
        else (0, -1)
    )

    def paid_months(part: tuple[int, int]) -> int:
        return overlap(part, filled) - overlap(part, interruption)

    change = month_index(line.changed_on) if line.changed_on else filled[1] + 1
    before = paid_months((filled[0], change - 1))
    after = paid_months((change, filled[1]))
    excess = max(0, before + after - position.months)  # never more months than were funded
    cut = min(after, excess)
    after, before = after - cut, before - (excess - cut)
    new_qualification = line.new_qualification or position.qualification
    rated = round_money(
        fixed_amount(rule, position.qualification) * position.share * before / TWELVE
        + fixed_amount(rule, new_qualification) * position.share * after / TWELVE
    )
    salary = line.salary_paid if line.salary_paid is not None else ZERO
    return Rated(before + after, rated, min(rated, salary))


def staff_period(positions: Iterable[Position], rule: RuleVersion) -> tuple[dt.date, dt.date]:
    """From the first position's start to the end of the longest funded period."""
    positions = list(positions)
    if not positions:
        raise ValidationError("Der Antrag hat keine geförderten Stellen.")
    return (
        min(p.start_date for p in positions),
        max(funded_end(p, rule) for p in positions),
    )


def proof_period(
    application: Application, *, kind: str, year: int | None, longest_end: dt.date | None = None
) -> tuple[dt.date, dt.date, dt.date]:
    """Period and due date of a proof of use: the final one covers the whole funded period and is
    due ``proof_of_use_months`` after the longest funded period ends; an interim one covers one
    calendar year of it and is due with that year's key figures."""
    rule = application.rule_version
    if application.programme.kind == application.programme.Kind.STAFF:
        start, end = staff_period(application.positions.all(), rule)
        end = max(end, longest_end) if longest_end else end
    else:  # the digital tool: the funding year
        start, end = dt.date(application.year, 1, 1), dt.date(application.year, 12, 31)
    if kind == "final":
        return start, end, add_months(end, rule.proof_of_use_months)
    if year is None:
        raise ValidationError({"year": "Bitte das Jahr des Zwischennachweises angeben."})
    first, last = max(start, dt.date(year, 1, 1)), min(end, dt.date(year, 12, 31))
    if first > last:
        raise ValidationError(
            {
                "year": f"Im Jahr {year} liegt kein geförderter Monat "
                f"(Förderzeitraum {start:%d.%m.%Y}–{end:%d.%m.%Y})."
            }
        )
    return first, last, key_figures_due(rule, year)
