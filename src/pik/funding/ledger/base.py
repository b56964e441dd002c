"""What the ledger's modules share: the cent, the kinds of entry, a budget's balances."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from pik.funding.models import LedgerEntry

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
K = LedgerEntry.Kind


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
