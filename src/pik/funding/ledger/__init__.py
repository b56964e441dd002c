"""The ledger: the one place that binds money and the one place that sums it.

Balances are never stored; they are derived from the ledger entries of a budget (commitments
less releases, payments less repayments), so a budget row and its bookings cannot disagree.
Binding money locks the budget row first, so two approvals cannot both see the same free amount.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from pik.core import audit
from pik.core.numbers import format_money
from pik.funding import rules
from pik.funding.ledger.base import ZERO, Balances, K, _balances
from pik.funding.models import (
    Application,
    Budget,
    LedgerEntry,
    PaymentBatch,
    PaymentRequest,
)
from pik.orgs.models import User


class BudgetExceeded(ValidationError):
    """An approval would commit more than the budget holds."""


def balances(budget: Budget) -> Balances:
    """Total, committed and paid of one budget (one aggregate query)."""
    sums = {
        row["kind"]: row["s"]
        for row in LedgerEntry.objects.filter(budget=budget)
        .values("kind")
        .annotate(s=Sum("amount"))
    }
    return _balances(budget.total, sums)


def balances_of(budgets: Iterable[Budget]) -> dict[int, Balances]:
    """Balances of many budgets by budget id (one aggregate query for all of them)."""
    budgets = list(budgets)
    sums: dict[int, dict[str, Decimal]] = {}
    rows = (
        LedgerEntry.objects.filter(budget__in=[b.pk for b in budgets])
        .values("budget_id", "kind")
        .annotate(s=Sum("amount"))
    )
    for row in rows:
        sums.setdefault(row["budget_id"], {})[row["kind"]] = row["s"]
    return {b.pk: _balances(b.total, sums.get(b.pk, {})) for b in budgets}


@transaction.atomic
def commit(
    *, budget: Budget, amount: Decimal, application: Application | None, actor: User | None
) -> LedgerEntry:
    """Bind ``amount`` of the budget; never beyond its total, also under concurrency.

    The budget row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises writers),
    so two approvals cannot both see the same free amount.
    """
    rules.require(rules.may_commit_funds(actor), "Nur das Regierungspräsidium darf Mittel binden.")
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    free = balances(budget).free
    if amount > free:
        raise BudgetExceeded(
            f"Der Haushaltsansatz {budget} reicht nicht: frei sind "
            f"{format_money(free, language='de')}, gebunden werden sollen "
            f"{format_money(amount, language='de')}."
        )
    entry = LedgerEntry.objects.create(
        budget=budget, kind=K.COMMITMENT, amount=amount, application=application, actor=actor
    )
    audit.record(
        actor=actor,
        action="ledger.commit",
        target=entry,
        amount=amount,
        budget=str(budget),
        application_id=application.pk if application else None,
    )
    return entry


class LedgerNegative(ValidationError):
    """A repayment would take back more than was paid, or release more than was bound."""


@transaction.atomic
def repay(
    *, application: Application, amount: Decimal, actor: User | None, note: str = ""
) -> list[LedgerEntry]:
    """Book money paid back on an application: a REPAYMENT (less paid) and a RELEASE of the same
    amount of its commitment (the budget is free again), per budget year, latest year first.

    Refused with ``LedgerNegative`` (nothing booked) where the application's paid or committed
    balance in its budgets would fall below zero. The budget rows are locked as in ``commit``.
    """
    rules.require(
        rules.may_book_repayments(actor), "Rückzahlungen bucht nur das Regierungspräsidium."
    )
    per_budget: dict[int, dict[str, Decimal]] = {}
    rows = (
        LedgerEntry.objects.filter(application=application)
        .values("budget_id", "kind")
        .annotate(s=Sum("amount"))
    )
    for row in rows:
        per_budget.setdefault(row["budget_id"], {})[row["kind"]] = row["s"]
    budgets = list(
        Budget.objects.select_for_update().filter(pk__in=per_budget).order_by("-year", "pk")
    )
    plan: list[tuple[Budget, Decimal]] = []
    remaining = amount
    for budget in budgets:
        b = _balances(budget.total, per_budget[budget.pk])
        take = min(remaining, b.paid, b.committed)
        if take > 0:
            plan.append((budget, take))
            remaining -= take
    if amount <= 0 or remaining > 0:
        paid = paid_of(application=application)
        raise LedgerNegative(
            f"Die Rückzahlung von {format_money(amount, language='de')} würde das Konto des "
            f"Antrags {application} ins Minus führen: ausgezahlt und nicht zurückgezahlt sind "
            f"{format_money(paid, language='de')}."
        )
    entries = []
    for budget, take in plan:
        for kind in (K.REPAYMENT, K.RELEASE):
            entries.append(
                LedgerEntry.objects.create(
                    budget=budget,
                    kind=kind,
                    amount=take,
                    application=application,
                    actor=actor,
                    note=note,
                )
            )
        audit.record(
            actor=actor,
            action="ledger.repay",
            target=entries[-1],
            amount=take,
            budget=str(budget),
            application_id=application.pk,
        )
    return entries


# --- Commitments per budget year (approval) ---------------------------------------------------


def _budgets_by_year(programme_id: int, years: Iterable[int]) -> dict[int, Budget]:
    """The budget rows of these years, locked in primary-key order (no deadlock between two
    approvals that touch the same years): the row lock is the serial point of binding money."""
    rows = (
        Budget.objects.select_for_update()
        .filter(programme_id=programme_id, year__in=sorted(set(years)))
        .order_by("pk")
    )
    return {b.year: b for b in rows}


def _target_budgets(
    programme_id: int, funding_year: int, parts: Mapping[int, Decimal]
) -> dict[int, tuple[Budget, list[int]]]:
    """Budget id → (budget, years booked there). A year without a budget row is booked in the
    funding year's budget (docs/decisions/0028), so a commitment never fails for a year the
    ministry has not budgeted yet."""
    budgets = _budgets_by_year(programme_id, [funding_year, *parts])
    home = budgets.get(funding_year)
    if home is None:
        raise ValidationError(f"Für {funding_year} ist kein Haushaltsansatz angelegt.")
    targets: dict[int, tuple[Budget, list[int]]] = {}
    for year in parts:
        budget = budgets.get(year, home)
        targets.setdefault(budget.pk, (budget, []))[1].append(year)
    return targets


@transaction.atomic
def commit_approval(
    *, application: Application, parts: Mapping[int, Decimal], actor: User | None
) -> list[LedgerEntry]:
    """Bind an approved grant per budget year (``parts``: year → amount, from
    ``calculation.approved_per_year``): one commitment per budget row, each within its free
    amount, all or nothing."""
    rules.require(rules.may_commit_funds(actor), "Nur das Regierungspräsidium darf Mittel binden.")
    targets = _target_budgets(application.programme_id, application.year, parts)
    free = balances_of(budget for budget, _years in targets.values())
    entries = []
    for budget, years in targets.values():
        amount = sum((parts[y] for y in years), ZERO)
        if amount <= 0:
            continue
        if amount > free[budget.pk].free:
            raise BudgetExceeded(
                f"Der Haushaltsansatz {budget} reicht nicht: frei sind "
                f"{format_money(free[budget.pk].free, language='de')}, gebunden werden sollen "
                f"{format_money(amount, language='de')}."
            )
        note = "Haushaltsjahr " + ", ".join(str(y) for y in years)
        if years != [budget.year]:
            note += f" (ohne eigenen Ansatz, gebunden im Ansatz {budget.year})"
        entries.append(
            LedgerEntry.objects.create(
                budget=budget,
                kind=K.COMMITMENT,
                amount=amount,
                application=application,
                actor=actor,
                note=note,
            )
        )
        audit.record(
            actor=actor,
            action="ledger.commit",
            target=entries[-1],
            amount=amount,
            budget=str(budget),
            application_id=application.pk,
            years=years,
        )
    return entries


# --- Payment requests and payments ---------------------------------------------------------------

#: Requests that count against the grant: everything not rejected or withdrawn.
_LIVE = (
    PaymentRequest.Status.SUBMITTED,
    PaymentRequest.Status.CHECKED,
    PaymentRequest.Status.RELEASED,
    PaymentRequest.Status.IN_BATCH,
    PaymentRequest.Status.PAID,
)


def requested(*, application: Application, year: int, basis: str | None = None) -> Decimal:
    """What the recipient has requested for ``year`` so far (open, released or paid requests;
    ``basis``: only those on preliminary or on final figures)."""
    qs = PaymentRequest.objects.filter(application=application, year=year, status__in=_LIVE)
    if basis is not None:
        qs = qs.filter(basis=basis)
    return qs.aggregate(s=Sum("amount"))["s"] or ZERO


def requested_by_year(*, application: Application) -> dict[int, Decimal]:
    """Requested (live) per budget year, for the application's payment overview."""
    rows = (
        PaymentRequest.objects.filter(application=application, status__in=_LIVE)
        .values("year")
        .annotate(s=Sum("amount"))
    )
    return {row["year"]: row["s"] for row in rows}


def paid_of(*, application: Application) -> Decimal:
    """Paid out on this grant (payments less repayments), from the ledger (one aggregate query;
    the payment page, the proof-of-use check and the repayment claims all read it here)."""
    sums = {
        row["kind"]: row["s"]
        for row in LedgerEntry.objects.filter(
            application=application, kind__in=[K.PAYMENT, K.REPAYMENT]
        )
        .values("kind")
        .annotate(s=Sum("amount"))
    }
    return sums.get(K.PAYMENT, ZERO) - sums.get(K.REPAYMENT, ZERO)


def batch_total(requests: Iterable[PaymentRequest]) -> Decimal:
    """The sum of a payment batch (exact)."""
    return sum((r.amount for r in requests), ZERO)


@transaction.atomic
def book_payments(
    *, batch: PaymentBatch, requests: list[PaymentRequest], actor: User | None
) -> list[LedgerEntry]:
    """Book the payments of a batch: one PAYMENT entry per request in the budget of its year
    (the funding year's budget where that year has none, like its commitment)."""
    rules.require(
        rules.may_manage_payment_batches(actor),
        "Nur das Regierungspräsidium bucht Auszahlungen.",
    )
    entries = []
    for request in requests:
        application = request.application
        targets = _target_budgets(
            application.programme_id, application.year, {request.year: request.amount}
        )
        ((budget, _years),) = targets.values()
        entries.append(
            LedgerEntry.objects.create(
                budget=budget,
                kind=K.PAYMENT,
                amount=request.amount,
                application=application,
                actor=actor,
                note=f"Zahlungsliste {batch.number}: {request.purpose}"[:300],
            )
        )
    audit.record(
        actor=actor,
        action="ledger.book_payments",
        target=batch,
        count=len(entries),
        amount=batch_total(requests),
    )
    return entries


# --- Balances of everything (budget pages, statewide figures, bench/bench_ledger.py) -------------


def balances_all() -> dict[int, Balances]:
    """Balances of every budget of every programme and year, by budget id: one aggregate query
    over the ledger grouped by budget and kind, and one over the budget rows."""
    sums: dict[int, dict[str, Decimal]] = {}
    for row in LedgerEntry.objects.values("budget_id", "kind").annotate(s=Sum("amount")):
        sums.setdefault(row["budget_id"], {})[row["kind"]] = row["s"]
    return {
        pk: _balances(total, sums.get(pk, {}))
        for pk, total in Budget.objects.values_list("pk", "total")
    }


# The sums for the statewide and the open figures live next door (one module was too long).
from pik.funding.ledger.figures import (  # noqa: E402
    KreisFigures,
    Sums,
    budget_shares_by_kreis,
    figures_by_kreis,
    passed_on,
    sums_by,
)

__all__ = [
    "ZERO",
    "Balances",
    "BudgetExceeded",
    "KreisFigures",
    "LedgerNegative",
    "Sums",
    "balances",
    "balances_all",
    "balances_of",
    "batch_total",
    "book_payments",
    "budget_shares_by_kreis",
    "commit",
    "commit_approval",
    "figures_by_kreis",
    "paid_of",
    "passed_on",
    "repay",
    "requested",
    "requested_by_year",
    "sums_by",
]
