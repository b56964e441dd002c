"""Moves of a record: handover within the Kreis (the recipient accepts) and transfer to another
Kreis (consent, and the receiving coordinator accepts). Both through their transition tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from pik.casework import rules
from pik.casework.models import Client, Consent, Handover, Task, TransferRequest
from pik.casework.services._common import (
    _cancel_pending_handovers,
    _ensure_consent,
    _ensure_workable,
    _lock,
)
from pik.casework.workflow import HANDOVER, TRANSFER
from pik.core import audit
from pik.core.validation import clean_text, raise_if

if TYPE_CHECKING:
    from pik.orgs.models import Kreis, User

# --- Handover within the Kreis ------------------------------------------------------------------


@transaction.atomic
def handover_request(*, client: Client, to_user: User, note: str = "", actor: User) -> Handover:
    """Offer the record to another manager of the same Kreis (any employer there)."""
    client = _lock(client)
    _ensure_workable(client)
    if client.status != Client.Status.ACTIVE:
        raise ValidationError("Nur laufende Beratungen können übergeben werden.")
    rules.require(
        rules.may_hand_over(actor, client),
        "Übergeben kann nur die zuständige Person oder die Koordination.",
    )
    errors: dict[str, str] = {}
    if to_user.pk in (client.responsible_id, actor.pk):
        errors["to_user"] = "Die Akte ist bereits bei dieser Person."
    elif not rules.can_hold_records(to_user, client.kreis_id):
        errors["to_user"] = (
            "Übergeben werden kann nur an das Integrationsmanagement im selben Kreis."
        )
    text, problem = clean_text(note, label="Der Hinweis", max_length=2000)
    if problem:
        errors["note"] = problem
    if Handover.objects.filter(client=client, status=Handover.Status.PENDING).exists():
        errors["to_user"] = "Für diese Akte wartet bereits eine Übergabe auf Annahme."
    raise_if(errors)
    handover = Handover.objects.create(client=client, from_user=actor, to_user=to_user, note=text)
    audit.record(
        actor=actor,
        action="handover.request",
        target=client,
        handover_id=handover.pk,
        to_user_id=to_user.pk,
    )
    return handover


def _handover_move(handover: Handover, action: str, actor: User) -> Handover:
    """Lock the handover and move it along its table (who may: the table's roles)."""
    handover = Handover.objects.select_for_update().select_related("client").get(pk=handover.pk)
    HANDOVER.apply(handover, action=action, user=actor)
    handover.decided_at = timezone.now()
    handover.save(update_fields=["status", "decided_at", "updated_at"])
    return handover


@transaction.atomic
def handover_accept(*, handover: Handover, actor: User) -> Handover:
    """The recipient takes over: the record moves to them (still within the Kreis)."""
    client = _lock(handover.client)
    rules.require(
        rules.may_take_over(actor, client),
        "Annehmen kann nur das Integrationsmanagement im Kreis der Akte.",
    )
    handover = _handover_move(handover, "accept", actor)
    previous = client.responsible_id
    client.responsible = actor
    client.version = F("version") + 1
    client.save(update_fields=["responsible", "version", "updated_at"])
    client.shared_with.remove(actor)
    Task.objects.filter(client=client, done_at__isnull=True, assigned_to_id=previous).update(
        assigned_to=actor
    )
    audit.record(
        actor=actor,
        action="handover.accept",
        target=client,
        handover_id=handover.pk,
        previous_id=previous,
    )
    return handover


def _handover_close(handover: Handover, action: str, actor: User) -> Handover:
    """Decline (recipient) or cancel (sender, coordinator): the record stays where it is."""
    handover = _handover_move(handover, action, actor)
    audit.record(
        actor=actor,
        action=f"handover.{action}",
        target=handover.client,
        handover_id=handover.pk,
    )
    return handover


@transaction.atomic
def handover_decline(*, handover: Handover, actor: User) -> Handover:
    """The recipient says no (the table: only the recipient)."""
    return _handover_close(handover, "decline", actor)


@transaction.atomic
def handover_cancel(*, handover: Handover, actor: User) -> Handover:
    """The sender or the coordinator withdraws the offer (the table: those two)."""
    return _handover_close(handover, "cancel", actor)


# --- Transfer to another Kreis ------------------------------------------------------------------


@transaction.atomic
def transfer_request(
    *, client: Client, to_kreis: Kreis, reason: str, actor: User
) -> TransferRequest:
    """Ask another Kreis to take the record over. Needs the client's consent to the transfer."""
    client = _lock(client)
    _ensure_workable(client)
    rules.require(
        rules.may_request_transfer(actor, client),
        "Einen Kreiswechsel beantragt nur die zuständige Person oder die Koordination.",
    )
    errors: dict[str, str] = {}
    if to_kreis.pk == client.kreis_id:
        errors["to_kreis"] = "Die Akte ist bereits in diesem Kreis."
    text, problem = clean_text(reason, label="Der Anlass", max_length=2000, required=True)
    if problem:
        errors["reason"] = problem
    if TransferRequest.objects.filter(
        client=client, status=TransferRequest.Status.REQUESTED
    ).exists():
        errors["to_kreis"] = "Für diese Akte ist bereits ein Kreiswechsel beantragt."
    raise_if(errors)
    _ensure_consent(
        client,
        Consent.Purpose.TRANSFER,
        "Für die Übermittlung an einen anderen Kreis fehlt die Einwilligung der Person.",
    )
    transfer = TransferRequest.objects.create(
        client=client,
        from_kreis_id=client.kreis_id,
        to_kreis=to_kreis,
        requested_by=actor,
        reason=text,
    )
    audit.record(
        actor=actor,
        action="transfer.request",
        target=client,
        transfer_id=transfer.pk,
        to_kreis=to_kreis.ags,
    )
    return transfer


@transaction.atomic
def transfer_accept(
    *, transfer: TransferRequest, responsible: User | None, actor: User
) -> TransferRequest:
    """The receiving Kreis's coordinator takes the record over and assigns it (or not yet)."""
    transfer = TransferRequest.objects.select_for_update().get(pk=transfer.pk)
    client = _lock(transfer.client)
    _ensure_workable(client)  # an anonymised record moves nowhere
    TRANSFER.apply(transfer, action="accept", user=actor)
    if responsible is not None and not rules.can_hold_records(responsible, transfer.to_kreis_id):
        raise ValidationError(
            {"responsible": "Zuständig kann nur das Integrationsmanagement im neuen Kreis sein."}
        )
    _ensure_consent(
        client,
        Consent.Purpose.TRANSFER,
        "Die Einwilligung zur Übermittlung wurde widerrufen; der Kreiswechsel ist nicht möglich.",
    )
    transfer.decided_by, transfer.decided_at = actor, timezone.now()
    transfer.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    old_kreis = client.kreis_id
    client.kreis_id = transfer.to_kreis_id
    client.responsible = responsible
    client.gemeinde = None
    client.household = None
    client.version = F("version") + 1
    client.save(
        update_fields=["kreis", "responsible", "gemeinde", "household", "version", "updated_at"]
    )
    client.shared_with.clear()
    _cancel_pending_handovers(client)
    Task.objects.filter(client=client, done_at__isnull=True).delete()
    audit.record(
        actor=actor,
        action="transfer.accept",
        target=client,
        transfer_id=transfer.pk,
        from_kreis_id=old_kreis,
        responsible_id=responsible.pk if responsible else None,
    )
    return transfer


@transaction.atomic
def transfer_decline(*, transfer: TransferRequest, actor: User) -> TransferRequest:
    """The receiving Kreis's coordinator says no: the record stays where it is."""
    transfer = TransferRequest.objects.select_for_update().get(pk=transfer.pk)
    TRANSFER.apply(transfer, action="decline", user=actor)
    transfer.decided_by, transfer.decided_at = actor, timezone.now()
    transfer.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    audit.record(
        actor=actor,
        action="transfer.decline",
        target=transfer.client,
        transfer_id=transfer.pk,
    )
    return transfer
