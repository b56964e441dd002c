"""Writes of counselling contacts: one contact in a few keystrokes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction

from pik.casework import rules
from pik.casework.models import Client, Consent, Contact, PlanField
from pik.casework.services._common import _ensure_consent, _ensure_workable, _lock
from pik.casework.services.clients import NO_ACCESS
from pik.core import audit
from pik.core.validation import clean_text, not_future, raise_if

if TYPE_CHECKING:
    from pik.orgs.models import User


@transaction.atomic
def contact_record(
    *,
    client: Client,
    occurred_on: dt.date,
    kind: str,
    duration_minutes: int,
    topics: Iterable[str] = (),
    notes: str = "",
    interpreter: bool = False,
    actor: User,
) -> Contact:
    """A counselling contact, in a few keystrokes. Needs the participation consent."""
    rules.require(rules.may_work_on(actor, client), NO_ACCESS)
    client = _lock(client)
    _ensure_workable(client)
    _ensure_consent(
        client,
        Consent.Purpose.PARTICIPATION,
        "Ohne gültige Einwilligung zur Teilnahme können keine Kontakte erfasst werden.",
    )
    errors: dict[str, str] = {}
    topics = list(dict.fromkeys(topics))
    if kind not in Contact.Kind.values:
        errors["kind"] = "Bitte wählen Sie die Art des Kontakts."
    if not isinstance(duration_minutes, int) or not 1 <= duration_minutes <= 600:
        errors["duration_minutes"] = "Die Dauer muss zwischen 1 und 600 Minuten liegen."
    if any(t not in PlanField.values for t in topics):
        errors["topics"] = "Unbekanntes Thema."
    not_future(occurred_on, "Das Datum des Kontakts", errors, "occurred_on")
    if occurred_on < client.counselling_start:
        errors["occurred_on"] = "Der Kontakt liegt vor dem Beginn der Beratung."
    if client.counselling_end and occurred_on > client.counselling_end:
        errors["occurred_on"] = "Der Kontakt liegt nach dem Ende der Beratung."
    text, problem = clean_text(notes, label="Die Notiz", max_length=5000)
    if problem:
        errors["notes"] = problem
    raise_if(errors)
    contact = Contact.objects.create(
        client=client,
        staff=actor,
        occurred_on=occurred_on,
        kind=kind,
        duration_minutes=duration_minutes,
        topics=topics,
        notes=text,
        interpreter=bool(interpreter),
    )
    audit.record(
        actor=actor,
        action="contact.record",
        target=client,
        contact_id=contact.pk,
        kind=kind,
    )
    return contact
