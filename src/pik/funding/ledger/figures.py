"""The ledger's sums for the statewide figures and the open figures: one aggregate query per level
(part of ``pik.funding.ledger``, the one place that sums money)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum

from pik.funding.ledger.base import CENT, ZERO, K, _balances
from pik.funding.models import Application, Contingent, LedgerEntry

# --- Statewide figures: sums per level, one aggregate query each ---------------------------------


@dataclass(frozen=True)
class Sums:
    """Committed, paid and repaid of one group of ledger entries (repaid kept apart)."""

    committed: Decimal = ZERO
    paid: Decimal = ZERO
    repaid: Decimal = ZERO


def _cents(value: Decimal | None) -> Decimal:
    """A database sum as exact cents (SQLite hands back sums with a longer scale)."""
    return ZERO if value is None else Decimal(value).quantize(CENT)


def _sums(kinds: Mapping[str, Decimal]) -> Sums:
    return Sums(
        committed=_cents(kinds.get(K.COMMITMENT)) - _cents(kinds.get(K.RELEASE)),
        paid=_cents(kinds.get(K.PAYMENT)),
        repaid=_cents(kinds.get(K.REPAYMENT)),
    )


LEVELS = {
    # level → the grouping path(s) of a ledger entry
    "budget": ("budget_id",),
    "kreis": ("budget_id", "application__applicant__kreis_id"),
}


def sums_by(level: str, *, budget_id: int | None = None) -> dict[tuple[int, ...], Sums]:
    """Committed, paid and repaid per budget (``"budget"``) or per budget and the applicant's
    Kreis (``"kreis"``), for every budget or the one given: one aggregate query."""
    group = LEVELS[level]
    kinds: dict[tuple[int, ...], dict[str, Decimal]] = {}
    entries = LedgerEntry.objects.order_by()
    if budget_id is not None:
        entries = entries.filter(budget_id=budget_id)
    rows = entries.values(*group, "kind").annotate(s=Sum("amount"))
    for row in rows:
        key = tuple(row[g] for g in group)
        kinds.setdefault(key, {})[row["kind"]] = row["s"]
    return {key: _sums(k) for key, k in kinds.items()}


def budget_shares_by_kreis(*, programme_id: int, year: int) -> dict[int, Decimal]:
    """One yearly budget split over the Kreise: its Gemeinden's shares (contingents), summed per
    Kreis id (one aggregate query)."""
    rows = (
        Contingent.objects.order_by()
        .filter(programme_id=programme_id, year=year, budget_share__isnull=False)
        .values("gemeinde__kreis_id")
        .annotate(s=Sum("budget_share"))
    )
    return {r["gemeinde__kreis_id"]: _cents(r["s"]) for r in rows}


@dataclass(frozen=True)
class KreisFigures:
    """What the ledger holds for one programme, year and Kreis (the open figures' row)."""

    programme_code: str
    year: int
    kreis_id: int | None  # None: bookings without an application (none today)
    committed: Decimal
    paid: Decimal
    positions: int  # funded positions (persons) of applications with money bound


def figures_by_kreis() -> list[KreisFigures]:
    """Committed and paid per programme, year and applicant's Kreis, with the number of funded
    positions (two aggregate queries). Per budget the rows add up to ``balances(budget)``."""
    sums: dict[tuple[str, int, int | None], dict[str, Decimal]] = {}
    rows = LedgerEntry.objects.values(
        "budget__programme__code", "budget__year", "application__applicant__kreis_id", "kind"
    ).annotate(s=Sum("amount"))
    for row in rows:
        key = (
            row["budget__programme__code"],
            row["budget__year"],
            row["application__applicant__kreis_id"],
        )
        sums.setdefault(key, {})[row["kind"]] = row["s"]
    committed_net: dict[int, Decimal] = {}
    for row in (
        LedgerEntry.objects.filter(application__isnull=False, kind__in=[K.COMMITMENT, K.RELEASE])
        .values("application_id", "kind")
        .annotate(s=Sum("amount"))
    ):
        sign = 1 if row["kind"] == K.COMMITMENT else -1
        committed_net[row["application_id"]] = (
            committed_net.get(row["application_id"], ZERO) + sign * row["s"]
        )
    funded = [pk for pk, amount in committed_net.items() if amount > 0]
    positions: dict[tuple[str, int, int | None], int] = {}
    for row in (
        Application.objects.filter(pk__in=funded)
        .values("programme__code", "year", "applicant__kreis_id")
        .annotate(n=Count("positions"))
    ):
        key = (row["programme__code"], row["year"], row["applicant__kreis_id"])
        positions[key] = positions.get(key, 0) + row["n"]
    result = []
    for key in sorted(set(sums) | set(positions), key=lambda k: (k[0], k[1], k[2] or 0)):
        b = _balances(ZERO, sums.get(key, {}))
        result.append(
            KreisFigures(*key, committed=b.committed, paid=b.paid, positions=positions.get(key, 0))
        )
    return result


def passed_on(positions: Iterable[Any]) -> Decimal:
    """What the positions pass on to their Träger: the sum of their amounts (the caller
    chooses the positions, e.g. those of approved applications)."""
    return sum((p.amount for p in positions), ZERO)
