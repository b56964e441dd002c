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


def test_the_overview_sums_every_budget_as_the_ledger_does(draft, actors, member) -> None:
    from pik.core.roles import Role
    from pik.funding import selectors

    to_proposed(draft, actors)
    step(draft, "approve", actors["head"])
    rows = selectors.budget_overview(user=member(Role.MINISTRY))
    assert len(rows) == Budget.objects.count()
    for row in rows:
        balances = ledger.balances(row.budget)
        assert (row.committed, row.paid, row.free) == (
            balances.committed,
            balances.paid,
            balances.free,
        )
    # the grant is bound per budget year (0028): the rows together hold it exactly
    assert sum(row.committed for row in rows) == draft.approved_amount


def test_only_an_rps_decision_or_the_system_binds_money(draft, actors) -> None:
    from django.core.exceptions import PermissionDenied

    budget = Budget.objects.get(programme=draft.programme, year=2020)
    with pytest.raises(PermissionDenied, match="Nur das Regierungspräsidium"):
        ledger.commit(
            budget=budget, amount=Decimal("1.00"), application=draft, actor=actors["gemeinde_a"]
        )
    assert not LedgerEntry.objects.exists()
    ledger.commit(budget=budget, amount=Decimal("1.00"), application=None, actor=None)
    assert ledger.balances(budget).committed == Decimal("1.00")
