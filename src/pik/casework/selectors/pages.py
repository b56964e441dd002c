"""Page assemblies: everything one page shows, in one selector call (reads logged once).

``my_day`` (Mein Tag), ``client_page`` (the client record page) and ``kreis_overview`` (the
coordinator's view of the Kreis) each gather what their page needs from the rooms' selectors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from django.db.models import Case, Count, Max, Q, Value, When
from django.http import Http404
from django.utils import timezone

from pik.casework import parts, rules
from pik.casework.models import Client, Contact, Handover, Plan, Task, TransferRequest
from pik.casework.selectors.clients import (
    client_access_log,
    client_get,
    client_list_logged,
    client_read_logged,
    household_members,
)
from pik.casework.selectors.consent import client_consents, consent_purposes_active
from pik.casework.selectors.contacts import client_contacts
from pik.casework.selectors.moves import (
    client_handovers,
    client_transfers,
    handovers_for_me,
    transfers_incoming,
)
from pik.casework.selectors.plans import client_plan
from pik.casework.selectors.privacy import anonymise_on, retention_days
from pik.casework.selectors.tasks import client_tasks, task_list
from pik.core.models import AuditEvent
from pik.core.scoping import grants_for, visible

if TYPE_CHECKING:
    from pik.orgs.models import User

# --- My day -------------------------------------------------------------------------------------


@dataclass
class MyDay:
    today: dt.date
    tasks_due: list[Task] = field(default_factory=list)
    tasks_soon: list[Task] = field(default_factory=list)
    reviews_due: list[Plan] = field(default_factory=list)
    permits_expiring: list[Client] = field(default_factory=list)
    ends_due: list[Client] = field(default_factory=list)
    handovers: list[Handover] = field(default_factory=list)
    contacts_today: list[Contact] = field(default_factory=list)
    quiet_clients: list[Client] = field(default_factory=list)
    caseload_count: int = 0
    unassigned: list[Client] = field(default_factory=list)
    transfers: list[TransferRequest] = field(default_factory=list)
    retention_count: int = 0
    coordinator: bool = False
    #: What apps above casework add (``casework.parts.DayPart``), by name.
    parts: dict[str, list[Any]] = field(default_factory=dict)

    def clients(self) -> list[Client]:
        """Every client record the page names (for its one read event)."""
        shown: list[Client | None] = [t.client for t in self.tasks_due + self.tasks_soon]
        shown += [p.client for p in self.reviews_due]
        shown += self.permits_expiring + self.ends_due + self.quiet_clients + self.unassigned
        shown += [h.client for h in self.handovers]
        shown += [c.client for c in self.contacts_today]
        shown += [t.client for t in self.transfers]
        shown += [item.client for items in self.parts.values() for item in items]
        return [c for c in shown if c is not None]


#: How far ahead "Mein Tag" reminds of an expiring residence permit or the counselling end.
REMINDER_WEEKS = 8


def my_day(*, user: User, on: dt.date | None = None) -> MyDay:
    on = on or timezone.localdate()
    day = MyDay(today=on, coordinator=rules.is_coordinator(user))
    day.parts = {part.name: part.items(user=user, on=on) for part in parts.day_parts()}
    tasks = task_list(user=user).filter(due_on__lte=on + dt.timedelta(days=7))
    day.tasks_due = [t for t in tasks if t.due_on <= on]
    day.tasks_soon = [t for t in tasks if t.due_on > on]
    mine = visible(Client.objects.all(), user).filter(responsible=user, status=Client.Status.ACTIVE)
    if day.coordinator:
        # One query for both counts: the own caseload and what is due for anonymisation
        # within 30 days.
        cutoff = on - dt.timedelta(days=retention_days()) + dt.timedelta(days=30)
        counts = visible(Client.objects.all(), user).aggregate(
            caseload=Count(
                "pk", distinct=True, filter=Q(responsible=user, status=Client.Status.ACTIVE)
            ),
            retention=Count(
                "pk",
                distinct=True,
                filter=Q(status=Client.Status.CLOSED, counselling_end__lte=cutoff),
            ),
        )
        day.caseload_count, day.retention_count = counts["caseload"], counts["retention"]
    else:
        day.caseload_count = mine.count()
    day.reviews_due = list(
        visible(Plan.objects.all(), user)
        .filter(
            client__responsible=user,
            client__status=Client.Status.ACTIVE,
            review_due__lte=on + dt.timedelta(days=14),
        )
        .select_related("client")
        .order_by("review_due")[:20]
    )
    # One query for the own clients that need attention: residence permit or counselling end
    # within 8 weeks (reminders first), then those without contact for 60 days.
    ahead = on + dt.timedelta(weeks=REMINDER_WEEKS)
    reminder = Q(residence_valid_until__lte=ahead) | Q(planned_end__lte=ahead)
    quiet = (Q(last_contact__lt=on - dt.timedelta(days=60)) | Q(last_contact__isnull=True)) & Q(
        counselling_start__lt=on - dt.timedelta(days=14)
    )
    attention: list[Any] = list(
        mine.annotate(
            last_contact=Max("contacts__occurred_on"),
            reminder=Case(When(reminder, then=Value(0)), default=Value(1)),
        )
        .filter(reminder | quiet)
        .order_by("reminder", "residence_valid_until", "planned_end", "last_contact", "pk")[:80]
    )
    day.permits_expiring = [
        c for c in attention if c.residence_valid_until and c.residence_valid_until <= ahead
    ][:40]
    day.ends_due = sorted(
        (c for c in attention if c.planned_end and c.planned_end <= ahead),
        key=lambda c: c.planned_end or on,
    )[:40]
    day.quiet_clients = sorted(
        (
            c
            for c in attention
            if c.counselling_start < on - dt.timedelta(days=14)
            and (c.last_contact is None or c.last_contact < on - dt.timedelta(days=60))
        ),
        key=lambda c: (c.last_contact is not None, c.last_contact or on),
    )[:10]
    day.handovers = list(handovers_for_me(user=user))
    day.contacts_today = list(
        visible(Contact.objects.all(), user)
        .filter(staff=user, occurred_on__gte=on - dt.timedelta(days=7), occurred_on__lte=on)
        .select_related("client")
        .order_by("-occurred_on", "-pk")[:15]
    )
    if day.coordinator:
        day.unassigned = list(
            visible(Client.objects.all(), user)
            .filter(kreis_id__in=sorted(grants_for(user).casework_kreise))
            .filter(responsible__isnull=True)
            .exclude(status=Client.Status.ANONYMISED)[:20]
        )
        day.transfers = list(transfers_incoming(user=user))
    return day


# --- The client page ----------------------------------------------------------------------------


@dataclass
class ClientPage:
    """Everything the client page shows, and which of its actions the user may take (the same
    predicates the services check)."""

    client: Client
    household_members: list[Client]
    contacts: list[Contact]
    consents: list[Any]
    purposes: set[str]
    plan: Plan | None
    tasks: list[Task]
    handovers: list[Handover]
    transfers: list[TransferRequest]
    access_log: list[tuple[AuditEvent, str]]
    anonymise_on: dt.date | None
    may_read_health: bool
    may_hand_over: bool
    may_share: bool
    may_request_transfer: bool
    may_export: bool
    may_assign: bool
    may_erase: bool
    #: The parts other apps keep (``casework.parts``), by name: e.g. ``referrals``.
    parts: dict[str, list[Any]] = field(default_factory=dict)

    def context(self) -> dict[str, Any]:
        """The template context: every field, and each part under its own name."""
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "parts"}
        return {**values, **self.parts}


def client_page(*, user: User, pk: Any) -> ClientPage:
    """The client record page in one call: 404 for a record the user may not see; one read
    event naming the record and the household members shown."""
    client = client_get(user=user, pk=pk, log_read=False)
    members = household_members(user=user, client=client)
    client_read_logged(user=user, client=client, also_shown=members)
    return ClientPage(
        client=client,
        household_members=members,
        contacts=list(client_contacts(client=client)[:20]),
        consents=list(client_consents(client=client)),
        purposes=consent_purposes_active(client=client),
        plan=client_plan(client=client),
        tasks=list(client_tasks(client=client)),
        handovers=list(client_handovers(client=client)[:5]),
        transfers=list(client_transfers(client=client)[:5]),
        access_log=client_access_log(client=client),
        anonymise_on=anonymise_on(client),
        may_read_health=rules.may_read_health_notes(user, client),
        may_hand_over=rules.may_hand_over(user, client),
        may_share=rules.may_share(user, client),
        may_request_transfer=rules.may_request_transfer(user, client),
        may_export=rules.may_export(user, client),
        may_assign=rules.may_assign(user, client),
        may_erase=rules.may_erase(user, client),
        parts={part.name: part.shown(client=client) for part in parts.registered()},
    )


# --- The coordinator's view of the Kreis ---------------------------------------------------------


#: The Kreis overview's sortable columns (``pik.core.sorting``, tiebreak ``responsible_id``).
CASELOAD_SORT_COLUMNS = {
    "zustaendig": ("responsible__last_name", "responsible__first_name"),
    "laufend": ("active",),
    "beendet": ("closed",),
    "kontakte": ("recent_contacts",),
}
CASELOAD_SORT_DEFAULT = "zustaendig"


def caseload_by_manager(
    *, user: User, order: Sequence[str] = ("responsible__last_name", "responsible_id")
) -> list[dict[str, Any]]:
    """Coordinator's Kreis-wide view: active clients and contacts (90 days) per manager;
    ``order`` from ``CASELOAD_SORT_COLUMNS``."""
    kreis_id = rules.casework_kreis_id(user)
    if kreis_id is None or not rules.is_coordinator_of(user, kreis_id):
        return []
    since = timezone.localdate() - dt.timedelta(days=90)
    rows = (
        visible(Client.objects.all(), user)
        .filter(kreis_id=kreis_id)
        .exclude(status=Client.Status.ANONYMISED)
        .values("responsible_id", "responsible__first_name", "responsible__last_name")
        .annotate(
            active=Count("pk", filter=Q(status=Client.Status.ACTIVE), distinct=True),
            closed=Count("pk", filter=Q(status=Client.Status.CLOSED), distinct=True),
            recent_contacts=Count("contacts", filter=Q(contacts__occurred_on__gte=since)),
        )
        .order_by(*order)
    )
    return list(rows)


@dataclass(frozen=True)
class KreisOverview:
    rows: list[dict[str, Any]]
    transfers: list[TransferRequest]


def kreis_overview(
    *, user: User, order: Sequence[str] = ("responsible__last_name", "responsible_id")
) -> KreisOverview:
    """Caseload per manager and the incoming transfers; for the coordination only (404 for
    everybody else). The transfers' records are logged as shown."""
    if not rules.is_coordinator(user):
        raise Http404
    transfers = list(transfers_incoming(user=user))
    client_list_logged(user=user, clients=[t.client for t in transfers], page="kreis_overview")
    return KreisOverview(rows=caseload_by_manager(user=user, order=order), transfers=transfers)
