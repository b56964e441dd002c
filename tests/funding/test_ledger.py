"""The ledger: balances derived from the bookings, never more bound than the budget holds."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pik.funding import ledger
from pik.funding.models import (
    Application,
    Budget,
    LedgerEntry,
    Notice,
)
from tests.funding.factories import step, to_proposed

S = Application.Status


def test_approval_over_budget_changes_nothing(draft, actors) -> None:
    to_proposed(draft, actors)
    Budget.objects.filter(programme=draft.programme, year=2020).update(total=Decimal("1000.00"))
    with pytest.raises(ledger.BudgetExceeded, match="reicht nicht"):
        step(draft, "approve", actors["head"])
    draft.refresh_from_db()
    assert draft.status == S.PROPOSED_APPROVAL
    assert not LedgerEntry.objects.exists() and not Notice.objects.exists()


def test_budget_balances_are_derived_from_the_ledger(draft, actors) -> None:
    to_proposed(draft, actors)
    step(draft, "approve", actors["head"])
    budget = Budget.objects.get(programme=draft.programme, year=2020)
    b = ledger.balances(budget)
    assert b.committed == LedgerEntry.objects.get(budget=budget).amount
    assert b.free == budget.total - b.committed and b.paid == 0
