"""Reads for the data protection duties: what the retention run anonymises and when, and the
subject-access export (GDPR Art. 15)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from pik.casework import parts, rules
from pik.casework.client_fields import COUNSELLING, PERSON, export_section
from pik.casework.models import Client
from pik.casework.selectors.consent import client_consents
from pik.casework.selectors.contacts import client_contacts
from pik.casework.selectors.plans import client_plan, plan_as_dict
from pik.casework.selectors.tasks import client_tasks
from pik.core import audit
from pik.core.scoping import visible

if TYPE_CHECKING:
    from pik.orgs.models import User


def retention_days() -> int:
    return int(getattr(settings, "CASEWORK_RETENTION_DAYS", 730))


def retention_due_all(*, on: dt.date) -> QuerySet[Client]:
    """Closed records whose retention period has run out (used by the job)."""
    cutoff = on - dt.timedelta(days=retention_days())
    return Client.objects.filter(status=Client.Status.CLOSED, counselling_end__lte=cutoff)


#: The retention list's sortable columns (``pik.core.sorting``); the day of anonymisation
#: follows the end of counselling, so both sort by it.
RETENTION_SORT_COLUMNS = {
    "akte": ("last_name", "first_name"),
    "zustaendig": ("responsible__last_name", "responsible__first_name"),
    "beendet": ("counselling_end",),
    "anonymisiert": ("counselling_end",),
}
RETENTION_SORT_DEFAULT = "beendet"


def retention_due(
    *,
    user: User,
    on: dt.date,
    within_days: int = 30,
    order: Sequence[str] = ("counselling_end", "pk"),
) -> QuerySet[Client]:
    """The coordinator's list of what will be anonymised within ``within_days`` (and what is
    already overdue); the page exists for the coordination only (404 for everybody else)."""
    if not rules.is_coordinator(user):
        raise Http404
    cutoff = on - dt.timedelta(days=retention_days()) + dt.timedelta(days=within_days)
    return (
        visible(Client.objects.all(), user)
        .filter(status=Client.Status.CLOSED, counselling_end__lte=cutoff)
        .select_related("responsible")
        .order_by(*order)
    )


def anonymise_on(client: Client) -> dt.date | None:
    if client.counselling_end is None:
        return None
    return client.counselling_end + dt.timedelta(days=retention_days())


def client_export(*, user: User, client: Client) -> dict[str, Any]:
    """Everything stored about the person (GDPR Art. 15), as plain data; the read is logged.
    The record's own fields come as ``client_fields`` declares them; the parts other apps keep
    (network's referrals) as they registered them (``casework.parts``)."""
    if not rules.may_export(user, client):
        raise Http404
    audit.record(actor=user, action="client.export", target=client)
    plan = client_plan(client=client)
    data: dict[str, Any] = {
        "erstellt_am": timezone.now().isoformat(),
        "person": export_section(client, PERSON),
        "beratung": export_section(client, COUNSELLING),
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
        **{part.export_key: part.exported(client=client) for part in parts.registered()},
        "integrationsplan": plan_as_dict(plan) if plan is not None else None,
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
    return data
