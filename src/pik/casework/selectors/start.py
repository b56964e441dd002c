"""The coordinator's part of the start page: what waits in the Kreis, as counts and the next
deadline (no names, so nothing on the start page is a read of a client record; the linked pages
show and log the records)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Min, Q
from django.utils import timezone

from pik.casework import rules
from pik.casework.models import Client, Handover
from pik.casework.selectors.moves import transfers_incoming
from pik.casework.selectors.privacy import retention_days
from pik.core.scoping import grants_for, visible

if TYPE_CHECKING:
    from pik.orgs.models import User

#: How far ahead the start page counts records due for anonymisation (as the retention page).
RETENTION_AHEAD_DAYS = 30


@dataclass(frozen=True)
class KreisToday:
    unassigned: int
    handovers_pending: int
    transfers_incoming: int
    retention_due: int
    retention_next: dt.date | None  # the first anonymisation date among them
    retention_overdue: bool


def kreis_today(*, user: User, on: dt.date | None = None) -> KreisToday | None:
    """For a Kreis coordinator: unassigned records, open handovers in the Kreis, transfers to
    the Kreis and records due for anonymisation within RETENTION_AHEAD_DAYS; ``None`` for
    everybody else."""
    if not rules.is_coordinator(user):
        return None
    on = on or timezone.localdate()
    keep = dt.timedelta(days=retention_days())
    kreise = sorted(grants_for(user).casework_kreise)
    clients = visible(Client.objects.all(), user).filter(kreis_id__in=kreise)
    due = Q(
        status=Client.Status.CLOSED,
        counselling_end__lte=on - keep + dt.timedelta(days=RETENTION_AHEAD_DAYS),
    )
    counts = clients.aggregate(
        unassigned=Count(
            "pk", filter=Q(responsible__isnull=True) & ~Q(status=Client.Status.ANONYMISED)
        ),
        retention=Count("pk", filter=due),
        first_end=Min("counselling_end", filter=due),
    )
    handovers = (
        visible(Handover.objects.all(), user)
        .filter(client__kreis_id__in=kreise, status=Handover.Status.PENDING)
        .count()
    )
    first_end = counts["first_end"]
    return KreisToday(
        unassigned=counts["unassigned"],
        handovers_pending=handovers,
        transfers_incoming=transfers_incoming(user=user).count(),
        retention_due=counts["retention"],
        retention_next=first_end + keep if first_end else None,
        retention_overdue=bool(first_end and first_end + keep < on),
    )
