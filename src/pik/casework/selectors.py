"""Every read of client records a user triggers, scoped to that user.

Reading a client record leaves an audit event (``client.read``), so the client page can show
who accessed it. Lists record one event with the ids they showed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Case, Count, Max, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from pik.casework import rules
from pik.casework.matching import name_key
from pik.casework.models import (
    Client,
    Consent,
    Contact,
    Goal,
    Handover,
    Household,
    Plan,
    PlanField,
    Referral,
    Step,
    Task,
    TransferRequest,
)
from pik.casework.workflow import HANDOVER
from pik.core import audit
from pik.core.disclosure import Cell, suppress_list
from pik.core.models import AuditEvent
from pik.core.roles import Role
from pik.core.scoping import get_visible_or_404, grants_for, visible
from pik.orgs.models import Kreis, Membership, User


def require_casework(user: Any) -> None:
    """Casework pages exist only for integration managers and Kreis coordinators (else 404)."""
    if not rules.works_casework(user):
        raise Http404


def retention_days() -> int:
    return int(getattr(settings, "CASEWORK_RETENTION_DAYS", 730))


def today() -> dt.date:
    return timezone.localdate()


# --- Clients --------------------------------------------------------------------------------


def client_get(*, user: User, pk: Any, log_read: bool = True) -> Client:
    """The client if the user may see the record (404 otherwise); logs the read."""
    client = get_visible_or_404(
        Client.objects.select_related("kreis", "gemeinde", "household", "responsible"),
        user,
        pk=pk,
    )
    if log_read:
        client_read_logged(user=user, client=client)
    return client


def client_read_logged(*, user: User, client: Client, also_shown: Iterable[Client] = ()) -> None:
    """The one ``client.read`` event of a page about one record; ``also_shown`` are other
    records the page names (household members), by id."""
    others = list(dict.fromkeys(c.pk for c in also_shown if c.pk != client.pk))
    details: dict[str, Any] = {"client_ids": others} if others else {}
    audit.record(actor=user, action="client.read", target=client, **details)


def client_list(
    *, user: User, query: str = "", status: str = "", responsible: str = ""
) -> QuerySet[Client]:
    """The caseload (manager) or the Kreis (coordinator), searchable by name, tolerant of
    transliteration (``Muhammad`` finds ``Mohammed``)."""
    qs = visible(Client.objects.all(), user).select_related("responsible", "gemeinde")
    query = query.strip()
    if query:
        key = name_key(query)
        text = Q()
        for word in query.split():
            text &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        if key:
            first = key.split()[0]
            text |= Q(first_name_key__startswith=first) | Q(last_name_key__startswith=first)
            text |= Q(first_name_key=key) | Q(last_name_key=key)
        qs = qs.filter(text)
    if status in Client.Status.values:
        qs = qs.filter(status=status)
    if responsible == "none":
        qs = qs.filter(responsible__isnull=True)
    elif responsible == "me":
        qs = qs.filter(responsible=user)
    elif responsible.isdigit():
        qs = qs.filter(responsible_id=int(responsible))
    qs = qs.annotate(last_contact=Max("contacts__occurred_on")).order_by(
        "last_name", "first_name", "pk"
    )
    return qs


def client_list_logged(
    *,
    user: User,
    clients: Iterable[Client | PossibleDuplicate],
    query: str = "",
    page: str = "client_list",
) -> None:
    """One audit event per page that lists client records: which records were displayed (ids
    only, never names) and on which page. Every page naming clients calls this once with all
    of them; a page that shows none writes nothing."""
    shown = list({c.pk: c for c in clients}.values())
    if not shown:
        return
    kreise = {c.kreis_id for c in shown}
    audit.record(
        actor=user,
        action="client.list",
        kreis_id=kreise.pop() if len(kreise) == 1 else rules.casework_kreis_id(user),
        client_ids=[c.pk for c in shown],
        page=page,
        searched=bool(query),
    )


@dataclass(frozen=True)
class PossibleDuplicate:
    pk: int
    kreis_id: int
    initials: str
    birth_year: int | None
    responsible: str
    mine: bool


def client_duplicates(
    *,
    user: User,
    kreis_id: int,
    first_name: str,
    last_name: str,
    birth_year: int | None,
    exclude_pk: int | None = None,
) -> list[PossibleDuplicate]:
    """Records in the Kreis that may be the same person: name keys meet and the birth year fits.

    Searched across the whole Kreis (a person may already be counselled by a colleague), but
    only initials, birth year and the responsible person are shown for others' records.
    """
    first_key, last_key = name_key(first_name), name_key(last_name)
    if not first_key or not last_key:
        return []
    qs = Client.objects.filter(kreis_id=kreis_id).exclude(status=Client.Status.ANONYMISED)
    qs = qs.filter(
        Q(first_name_key=first_key, last_name_key=last_key)
        | Q(first_name_key=last_key, last_name_key=first_key)  # first and last name swapped
    )
    if birth_year:
        qs = qs.filter(Q(birth_year=birth_year) | Q(birth_year__isnull=True))
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    result = []
    for c in qs.select_related("responsible")[:10]:
        result.append(
            PossibleDuplicate(
                pk=c.pk,
                kreis_id=c.kreis_id,
                initials=f"{c.first_name[:1]}. {c.last_name[:1]}.",
                birth_year=c.birth_year,
                responsible=str(c.responsible) if c.responsible else "nicht zugewiesen",
                mine=c.responsible_id == user.pk or rules.is_coordinator_of(user, kreis_id),
            )
        )
    return result


def client_access_log(*, client: Client, limit: int = 50) -> list[tuple[AuditEvent, str]]:
    """Who opened, exported or changed the record, newest first, with a German label."""
    return [
        (e, audit.action_label(e.action)) for e in audit.events_for(client).order_by("-seq")[:limit]
    ]


def client_health_notes(*, user: User, client: Client) -> str:
    """Field-level protection: only the responsible manager reads health notes; each read is
    logged on its own."""
    if not rules.may_read_health_notes(user, client):
        raise Http404
    audit.record(actor=user, action="client.health_read", target=client)
    return client.health_notes


def households_for(*, user: User, kreis_id: int) -> QuerySet[Household]:
    """Households the user may pick: those of their caseload (coordinator: the Kreis)."""
    return visible(Household.objects.filter(kreis_id=kreis_id), user).order_by("name")


def household_members(*, user: User, client: Client) -> list[Client]:
    """The other members of the client's household, as far as the user may see them."""
    if client.household_id is None:
        return []
    return list(
        visible(Client.objects.filter(household_id=client.household_id), user)
        .exclude(pk=client.pk)
        .order_by("last_name", "first_name")
    )


def client_contacts(*, client: Client) -> QuerySet[Contact]:
    return client.contacts.select_related("staff").order_by("-occurred_on", "-pk")


def client_consents(*, client: Client) -> QuerySet[Consent]:
    return client.consents.select_related("recorded_by").order_by("-given_on", "-pk")


def active_consent(*, client: Client, purpose: str) -> Consent | None:
    return (
        client.consents.filter(purpose=purpose, withdrawn_on__isnull=True)
        .order_by("-given_on")
        .first()
    )


def consent_purposes_active(*, client: Client) -> set[str]:
    return set(client.consents.filter(withdrawn_on__isnull=True).values_list("purpose", flat=True))


def consent_get(*, user: User, pk: Any) -> Consent:
    return get_visible_or_404(Consent.objects.select_related("client"), user, pk=pk)


def consent_scan_read(*, user: User, pk: Any) -> Consent:
    """A consent with its scan (404 without one); the read is logged on the client."""
    consent = get_visible_or_404(
        Consent.objects.select_related("client").exclude(scan=""), user, pk=pk
    )
    audit.record(
        actor=user,
        action="consent.scan_read",
        target=consent.client,
        consent_id=consent.pk,
    )
    return consent


def client_referrals(*, client: Client) -> QuerySet[Referral]:
    return client.referrals.select_related("shared_by").order_by("-shared_on", "-pk")


def client_plan(*, client: Client) -> Plan | None:
    return (
        Plan.objects.filter(client=client)
        .prefetch_related("goals__steps", "versions__created_by")
        .first()
    )


def goal_get(*, user: User, pk: Any) -> Goal:
    return get_visible_or_404(Goal.objects.select_related("plan__client"), user, pk=pk)


def step_get(*, user: User, pk: Any) -> Step:
    return get_visible_or_404(Step.objects.select_related("goal__plan__client"), user, pk=pk)


def client_tasks(*, client: Client) -> QuerySet[Task]:
    return client.tasks.select_related("assigned_to").order_by("done_at", "due_on")


# --- People in the Kreis --------------------------------------------------------------------


def manager_employers(*, kreis_id: int) -> dict[int, str]:
    rows = Membership.objects.filter(
        role=Role.INTEGRATION_MANAGER, kreis_id=kreis_id, is_active=True
    ).select_related("gemeinde", "provider", "kreis")
    return {m.user_id: m.employer_label for m in rows}


def client_shared_with(*, client: Client) -> QuerySet[User]:
    return client.shared_with.order_by("last_name", "first_name")


def other_kreise(*, kreis_id: int) -> QuerySet[Kreis]:
    return Kreis.objects.exclude(pk=kreis_id).order_by("name")


# --- Tasks, handovers, transfers -------------------------------------------------------------


def task_list(*, user: User, include_done: bool = False) -> QuerySet[Task]:
    qs = visible(Task.objects.all(), user).filter(assigned_to=user).select_related("client")
    if not include_done:
        qs = qs.filter(done_at__isnull=True)
    return qs.order_by("done_at", "due_on", "pk")


def task_get(*, user: User, pk: Any) -> Task:
    return get_visible_or_404(Task.objects.select_related("client"), user, pk=pk)


def handover_get(*, user: User, pk: Any) -> Handover:
    return get_visible_or_404(
        Handover.objects.select_related("client", "from_user", "to_user"), user, pk=pk
    )


def handovers_for_me(*, user: User) -> QuerySet[Handover]:
    return (
        visible(Handover.objects.all(), user)
        .filter(to_user=user, status=Handover.Status.PENDING)
        .select_related("client", "from_user")
    )


def client_handovers(*, client: Client) -> QuerySet[Handover]:
    return client.handovers.select_related("from_user", "to_user")


def transfer_get(*, user: User, pk: Any) -> TransferRequest:
    """Only the receiving Kreis's coordinator opens a transfer request."""
    transfer = get_visible_or_404(
        TransferRequest.objects.select_related("client", "from_kreis", "to_kreis", "requested_by"),
        user,
        pk=pk,
    )
    if not rules.is_coordinator_of(user, transfer.to_kreis_id):
        raise Http404
    return transfer


def transfers_incoming(*, user: User) -> QuerySet[TransferRequest]:
    kreise = [k for k in [rules.casework_kreis_id(user)] if rules.is_coordinator_of(user, k)]
    return (
        visible(TransferRequest.objects.all(), user)
        .filter(to_kreis_id__in=kreise, status=TransferRequest.Status.REQUESTED)
        .select_related("client", "from_kreis", "requested_by")
    )


def client_transfers(*, client: Client) -> QuerySet[TransferRequest]:
    return client.transfers.select_related("to_kreis", "from_kreis", "requested_by")


# --- Retention ------------------------------------------------------------------------------


def retention_due_all(*, on: dt.date) -> QuerySet[Client]:
    """Closed records whose retention period has run out (used by the job)."""
    cutoff = on - dt.timedelta(days=retention_days())
    return Client.objects.filter(status=Client.Status.CLOSED, counselling_end__lte=cutoff)


def retention_due(*, user: User, on: dt.date, within_days: int = 30) -> QuerySet[Client]:
    """What will be anonymised within ``within_days`` (and what is already overdue)."""
    cutoff = on - dt.timedelta(days=retention_days()) + dt.timedelta(days=within_days)
    return (
        visible(Client.objects.all(), user)
        .filter(status=Client.Status.CLOSED, counselling_end__lte=cutoff)
        .select_related("responsible")
        .order_by("counselling_end", "pk")
    )


def anonymise_on(client: Client) -> dt.date | None:
    if client.counselling_end is None:
        return None
    return client.counselling_end + dt.timedelta(days=retention_days())


# --- Export ---------------------------------------------------------------------------------


def client_export(*, user: User, client: Client) -> dict[str, Any]:
    """Everything stored about the person (GDPR Art. 15), as plain data; the read is logged."""
    if not (client.responsible_id == user.pk or rules.is_coordinator_of(user, client.kreis_id)):
        raise Http404
    audit.record(actor=user, action="client.export", target=client)
    plan = client_plan(client=client)
    data: dict[str, Any] = {
        "erstellt_am": timezone.now().isoformat(),
        "person": {
            "vorname": client.first_name,
            "nachname": client.last_name,
            "geburtsdatum": client.birth_date.isoformat() if client.birth_date else None,
            "geburtsjahr": client.birth_year,
            "geschlecht": client.get_gender_display(),
            "herkunftsland": client.country_of_origin,
            "sprachen": client.languages,
            "aufenthaltsstatus": client.residence_status,
            "telefon": client.phone,
            "e_mail": client.email,
            "wohngemeinde": str(client.gemeinde) if client.gemeinde else None,
            "haushalt": str(client.household) if client.household else None,
            "name_in_originalschrift": client.name_original,
            "staatsangehoerigkeit": client.nationality,
            "aufenthaltstitel_gueltig_bis": (
                client.residence_valid_until.isoformat() if client.residence_valid_until else None
            ),
            "anschrift": client.street,
            "schulabschluss": client.school_qualification,
            "berufsabschluss": client.vocational_qualification,
            "taetigkeit": client.occupation,
            "stellung_im_haushalt": client.get_household_relation_display(),
            "gesundheitliche_hinweise": client.health_notes,
        },
        "beratung": {
            "kreis": str(client.kreis),
            "zustaendig": str(client.responsible) if client.responsible else None,
            "seit": client.counselling_start.isoformat(),
            "beendet_am": client.counselling_end.isoformat() if client.counselling_end else None,
            "status": client.get_status_display(),
            "einzug_anschlussunterbringung": (
                client.housing_entry.isoformat() if client.housing_entry else None
            ),
            "geplantes_ende": client.planned_end.isoformat() if client.planned_end else None,
            "begruendung_verlaengerung": client.extension_reason,
        },
        "einwilligungen": [
            {
                "zweck": c.get_purpose_display(),
                "umfang": c.scope_text,
                "netzwerkpartner": c.network_actor,
                "form": c.get_form_display(),
                "zeuge": c.witness,
                "scan": bool(c.scan),
                "sprache_des_formulars": c.form_language,
                "erteilt_am": c.given_on.isoformat(),
                "widerrufen_am": c.withdrawn_on.isoformat() if c.withdrawn_on else None,
            }
            for c in client_consents(client=client)
        ],
        "beratungskontakte": [
            {
                "datum": c.occurred_on.isoformat(),
                "art": c.get_kind_display(),
                "dauer_minuten": c.duration_minutes,
                "themen": c.topic_labels(),
                "notiz": c.notes,
                "dolmetschung": c.interpreter,
                "beraten_von": str(c.staff),
            }
            for c in client_contacts(client=client)
        ],
        "weitergaben": [
            {
                "netzwerkpartner": r.network_actor,
                "anlass": r.purpose,
                "am": r.shared_on.isoformat(),
                "von": str(r.shared_by),
            }
            for r in client_referrals(client=client)
        ],
        "integrationsplan": None,
        "aufgaben": [
            {"aufgabe": t.title, "faellig_am": t.due_on.isoformat(), "erledigt": bool(t.done_at)}
            for t in client_tasks(client=client)
        ],
        "zugriffe": [
            {
                "zeit": e.created_at.isoformat(),
                "person": str(e.actor or "System"),
                "aktion": e.action,
            }
            for e in audit.events_for(client).order_by("seq")
        ],
    }
    if plan is not None:
        data["integrationsplan"] = plan_as_dict(plan)
    return data


def plan_as_dict(plan: Plan) -> dict[str, Any]:
    return {
        "status": plan.get_status_display(),
        "fassung": plan.version,
        "vereinbart_am": plan.agreed_on.isoformat() if plan.agreed_on else None,
        "naechste_ueberpruefung": plan.review_due.isoformat() if plan.review_due else None,
        **{name: getattr(plan, name) for name in Plan.TEXT_FIELDS},
        "ausgangslage": {
            str(label): plan.situations[value]
            for value, label in PlanField.choices
            if plan.situations.get(value)
        },
        "ziele": [
            {
                "handlungsfeld": g.get_field_display(),
                "ziel": g.description,
                "zieldatum": g.target_date.isoformat() if g.target_date else None,
                "status": g.get_status_display(),
                "schritte": [
                    {
                        "schritt": s.description,
                        "wer": s.get_who_display(),
                        "bis": s.due_on.isoformat() if s.due_on else None,
                        "erledigt_am": s.done_on.isoformat() if s.done_on else None,
                    }
                    for s in g.steps.all()
                ],
            }
            for g in plan.goals.all()
        ],
    }


# --- My day ---------------------------------------------------------------------------------


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

    def clients(self) -> list[Client]:
        """Every client record the page names (for its one read event)."""
        shown: list[Client | None] = [t.client for t in self.tasks_due + self.tasks_soon]
        shown += [p.client for p in self.reviews_due]
        shown += self.permits_expiring + self.ends_due + self.quiet_clients + self.unassigned
        shown += [h.client for h in self.handovers]
        shown += [c.client for c in self.contacts_today]
        shown += [t.client for t in self.transfers]
        return [c for c in shown if c is not None]


#: How far ahead "Mein Tag" reminds of an expiring residence permit or the counselling end.
REMINDER_WEEKS = 8


def my_day(*, user: User, on: dt.date | None = None) -> MyDay:
    on = on or today()
    day = MyDay(today=on, coordinator=rules.is_coordinator(user))
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


def caseload_by_manager(*, user: User) -> list[dict[str, Any]]:
    """Coordinator's Kreis-wide view: active clients and contacts (90 days) per manager."""
    kreis_id = rules.casework_kreis_id(user)
    if kreis_id is None or not rules.is_coordinator_of(user, kreis_id):
        return []
    since = today() - dt.timedelta(days=90)
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
        .order_by("responsible__last_name")
    )
    return list(rows)


@dataclass
class Statistics:
    """Counts for reporting: only people with a valid consent to statistics are counted, and
    every table goes through the kernel's small-count suppression (``pik.core.disclosure``).
    Rows are sorted by label, not by count: an order by size would tell where a hidden count
    lies between the numbers shown."""

    total: int = 0
    counted: Cell | None = None
    by_country: list[tuple[str, Cell]] = field(default_factory=list)
    by_country_withheld: bool = False
    by_channel: list[tuple[str, Cell]] = field(default_factory=list)


def statistics(*, user: User) -> Statistics:
    """The coordinator's Kreis statistics. A withdrawn consent drops the person at once."""
    kreis_id = rules.casework_kreis_id(user)
    if kreis_id is None or not rules.is_coordinator_of(user, kreis_id):
        raise Http404
    clients = (
        visible(Client.objects.all(), user)
        .filter(kreis_id=kreis_id)
        .exclude(status=Client.Status.ANONYMISED)
    )
    consenting = Consent.objects.filter(
        purpose=Consent.Purpose.STATISTICS, withdrawn_on__isnull=True
    ).values("client_id")
    counted = clients.filter(pk__in=consenting)
    result = Statistics(total=clients.count())
    countries = [
        (row["country_of_origin"], row["n"])
        for row in counted.values("country_of_origin")
        .annotate(n=Count("pk", distinct=True))
        .order_by("country_of_origin")
    ]
    column = suppress_list([n for _, n in countries])
    result.by_country = list(zip([c for c, _ in countries], column.cells, strict=True))
    result.counted, result.by_country_withheld = column.total, column.withheld
    labels = dict(Contact.Kind.choices)
    channels = sorted(
        (str(labels.get(row["kind"], row["kind"])), row["n"])
        for row in Contact.objects.filter(client__in=counted.values("pk"))
        .values("kind")
        .annotate(n=Count("pk"))
    )
    cells = suppress_list([n for _, n in channels], total=False).cells  # no total: none to hide
    result.by_channel = list(zip([label for label, _ in channels], cells, strict=True))
    return result


CLIENT_STATUSES = Client.Status.choices


def handover_allowed(handover: Handover, user: User) -> list[Any]:
    """The moves this user may make on the handover now (for the buttons)."""
    return HANDOVER.allowed(handover, user)
