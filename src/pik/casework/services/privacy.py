"""Data protection duties: anonymisation (retention run, on request), erasure on request (GDPR
Art. 17) and its re-application after a restore of a backup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pik.casework import parts, rules
from pik.casework.client_fields import ANONYMISED, anonymised_values
from pik.casework.matching import mentions_names
from pik.casework.models import (
    Client,
    ErasureReason,
    Goal,
    Household,
    Plan,
    PlanVersion,
    Step,
)
from pik.casework.selectors.privacy import retention_due_all
from pik.casework.services._common import _lock
from pik.casework.workflow import CLIENT
from pik.core import audit, purge
from pik.core.tasks import vacuum_task
from pik.core.validation import clean_text, raise_if

if TYPE_CHECKING:
    from pik.orgs.models import User

#: The kind of the casework entries on the erasure list (``pik.core.purge``).
ERASURE_KIND = "casework.client"


def _delete_scans_on_commit(client: Client) -> None:
    """The scanned consent papers leave the storage once the change is committed."""
    scans = [c.scan for c in client.consents.exclude(scan="")]

    def delete() -> None:
        for scan in scans:
            scan.storage.delete(scan.name)

    if scans:
        transaction.on_commit(delete)


def _strip_personal_data(client: Client) -> None:
    """Keep what statistics need (Kreis, year of birth, gender, dates, counts, plan fields and
    goal statuses); drop everything that identifies the person or tells their story. What the
    record's own fields keep is declared in ``client_fields``."""
    for name, value in anonymised_values().items():
        setattr(client, name, value)
    client.anonymised_at = timezone.now()
    client.save()
    client.shared_with.clear()
    client.contacts.update(notes="")
    _delete_scans_on_commit(client)
    client.consents.update(scope_text="", witness="", scan="", scan_type="")
    for part in parts.registered():
        part.anonymise(client=client)
    client.tasks.all().delete()
    client.handovers.update(note="")
    client.transfers.update(reason="")
    Plan.objects.filter(client=client).update(**dict.fromkeys(Plan.TEXT_FIELDS, ""), situations={})
    Goal.objects.filter(plan__client=client).update(description=ANONYMISED)
    Step.objects.filter(goal__plan__client=client).update(description=ANONYMISED)
    PlanVersion.objects.filter(plan__client=client).delete()


@transaction.atomic
def client_anonymise(*, client: Client, reason: str, actor: User | None) -> Client:
    """Anonymise a closed record (closed → anonymised): the retention run when the period is
    over (``actor=None``), or the coordination on request."""
    client = _lock(client)
    rules.require(
        rules.may_anonymise(actor, client),
        "Anonymisieren kann nur die Koordination des Kreises (oder die Aufbewahrungsfrist).",
    )
    if client.status == Client.Status.ANONYMISED:
        raise ValidationError("Die Akte ist bereits anonymisiert.")
    if client.status != Client.Status.CLOSED:
        raise ValidationError("Anonymisiert werden nur Akten mit beendeter Beratung.")
    CLIENT.apply(client, action="anonymise", user=actor)
    _strip_personal_data(client)
    audit.record(actor=actor, action="client.anonymise", target=client, reason=reason)
    return client


def retention_run(*, on: dt.date | None = None) -> list[int]:
    """Anonymise every record whose retention period has run out; each in its own transaction,
    so one failure does not undo the others. Returns the ids anonymised; the overwritten row
    versions are reclaimed on disk afterwards."""
    on = on or timezone.localdate()
    done = []
    for pk in list(retention_due_all(on=on).values_list("pk", flat=True)):
        client = Client.objects.get(pk=pk)
        client_anonymise(client=client, reason="Aufbewahrungsfrist abgelaufen", actor=None)
        done.append(pk)
    if done:
        _purge_on_commit()
    return done


def _casework_tables() -> list[str]:
    """Every table that can hold a part of a client record: casework's own (with the
    many-to-many ones) and those of other apps whose rows hang off a client (network's
    referrals)."""
    config = apps.get_app_config("casework")
    tables = {m._meta.db_table for m in config.get_models(include_auto_created=True)}
    for rel in Client._meta.related_objects:
        if not isinstance(rel.related_model, str):
            tables.add(rel.related_model._meta.db_table)
    return sorted(tables)


def _purge_on_commit(erased: Iterable[tuple[int, dt.datetime]] = ()) -> None:
    """Once committed: the erased ids go on the erasure list (for a restore of a backup), and
    the deleted rows are reclaimed on disk (VACUUM / WAL checkpoint, as a task)."""
    erased = list(erased)

    def after() -> None:
        for client_id, created_at in erased:
            purge.erasure_list_append(kind=ERASURE_KIND, object_id=client_id, created_at=created_at)
        vacuum_task.enqueue(tables=_casework_tables())

    transaction.on_commit(after)


def _erasure_names(client: Client) -> list[str]:
    """The names a note about the erasure must not contain: the person's (Latin and original
    script) and those of the household members recorded with them."""
    people = [client]
    if client.household_id is not None:
        people += list(
            Client.objects.filter(household_id=client.household_id).exclude(pk=client.pk)
        )
    return [n for p in people for n in (p.first_name, p.last_name, p.name_original) if n]


def _delete(client: Client) -> int:
    """Delete the record with everything hanging off it (cascade) and a household left empty;
    returns its Kreis."""
    kreis_id = client.kreis_id
    _delete_scans_on_commit(client)
    client.delete()
    Household.objects.filter(kreis_id=kreis_id, members__isnull=True).delete()
    return kreis_id


@transaction.atomic
def client_erase(
    *, client: Client, reason: str, note: str = "", confirm_name: str, actor: User
) -> None:
    """Erasure on request (GDPR Art. 17): the record and everything hanging off it is deleted.

    The audit trail keeps the erasure for good, so it gets only the fact, the id, a reason
    code and a note checked to name nobody; the erased id also goes on the erasure list, and
    the deleted rows are reclaimed on disk after commit."""
    client = _lock(client)
    rules.require(
        rules.may_erase(actor, client), "Löschen auf Antrag kann nur die Koordination des Kreises."
    )
    errors: dict[str, str] = {}
    if reason not in ErasureReason.values:
        errors["reason"] = "Bitte wählen Sie den Grund der Löschung."
    text, problem = clean_text(note, label="Die Anmerkung", max_length=500)
    if problem:
        errors["note"] = problem
    elif reason == ErasureReason.OTHER and not text:
        errors["note"] = "Bei „Sonstiges“ beschreiben Sie den Grund bitte kurz (ohne Namen)."
    elif text and mentions_names(text, _erasure_names(client)):
        errors["note"] = (
            "Die Anmerkung enthält den Namen der Person oder eines Haushaltsmitglieds. Sie wird "
            "dauerhaft protokolliert: Bitte beschreiben Sie den Grund ohne Namen."
        )
    if (confirm_name or "").strip().casefold() != client.last_name.casefold():
        errors["confirm_name"] = (
            "Zur Bestätigung bitte den Nachnamen genau wie in der Akte eingeben."
        )
    raise_if(errors)
    pk, created_at = client.pk, client.created_at
    kreis_id = _delete(client)
    details: dict[str, Any] = {"client_id": pk, "reason": reason}
    if text:
        details["note"] = text
    # no target: the record is gone, so the event names its Kreis itself
    audit.record(actor=actor, action="client.erase", kreis_id=kreis_id, **details)
    _purge_on_commit([(pk, created_at)])


def erasures_reapply(*, entries: Iterable[purge.Erasure]) -> list[int]:
    """After restoring a backup: erase again every listed record the backup brought back.

    A record counts only if its id and creation time both match (ids may be re-used after a
    restore). Each in its own transaction; returns the ids erased."""
    done = []
    for entry in entries:
        if entry.kind != ERASURE_KIND or entry.created_at is None:
            continue
        with transaction.atomic():
            client = (
                Client.objects.select_for_update()
                .filter(pk=entry.object_id, created_at=entry.created_at)
                .first()
            )
            if client is None:
                continue
            kreis_id = _delete(client)
            audit.record(
                actor=None,
                action="client.erase_reapplied",
                kreis_id=kreis_id,
                client_id=entry.object_id,
            )
        done.append(entry.object_id)
    if done:
        _purge_on_commit()
    return done
