"""The ledger: the one place that binds money and the one place that sums it.

Balances are never stored; they are derived from the ledger entries of a budget (commitments
less releases, payments less repayments), so a budget row and its bookings cannot disagree.
Binding money locks the budget row first, so two approvals cannot both see the same free amount.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from pik.core import audit
from pik.core.numbers import format_money
from pik.funding import rules
from pik.funding.models import Application, Budget, LedgerEntry
from pik.orgs.models import User

ZERO = Decimal("0.00")
K = LedgerEntry.Kind


class BudgetExceeded(ValidationError):
    """An approval would commit more than the budget holds."""


@dataclass(frozen=True)
class Balances:
    total: Decimal
    committed: Decimal
    paid: Decimal

    @property
    def free(self) -> Decimal:
        return self.total - self.committed

    @property
    def unspent_commitments(self) -> Decimal:
        return self.committed - self.paid


def _balances(total: Decimal, sums: Mapping[str, Decimal]) -> Balances:
    committed = sums.get(K.COMMITMENT, ZERO) - sums.get(K.RELEASE, ZERO)
    paid = sums.get(K.PAYMENT, ZERO) - sums.get(K.REPAYMENT, ZERO)
    return Balances(total=total, committed=committed, paid=paid)


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


def passed_on(positions: Iterable[Any]) -> Decimal:
    """What the positions pass on to their Träger: the sum of their amounts (the caller
    chooses the positions, e.g. those of approved applications)."""
    return sum((p.amount for p in positions), ZERO)
