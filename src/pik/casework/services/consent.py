"""Writes to the consents a record rests on: record one, withdraw one (and what it stops)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from pik.casework import languages, rules
from pik.casework.models import Client, Consent, TransferRequest
from pik.casework.services._common import (
    _cancel_pending_handovers,
    _ensure_workable,
    _lock,
)
from pik.casework.services.clients import NO_ACCESS
from pik.casework.workflow import CLIENT
from pik.core import audit
from pik.core.uploads import PDF, PNG, UploadError, check_attachment
from pik.core.validation import clean_text, not_future, raise_if

if TYPE_CHECKING:
    from pik.orgs.models import User


@transaction.atomic
def consent_record(  # noqa: PLR0912
    *,
    client: Client,
    purpose: str,
    given_on: dt.date,
    scope_text: str = "",
    form_language: str = "de",
    form: str = Consent.Form.SIGNED_PAPER,
    witness: str = "",
    network_actor: str = "",
    scan: UploadedFile | None = None,
    actor: User,
) -> Consent:
    """A consent record. Sharing with a network partner names the partner; a verbal consent
    names its witness; a scan of the signed paper must really be a PDF or an image."""
    rules.require(rules.may_work_on(actor, client), NO_ACCESS)
    client = _lock(client)
    _ensure_workable(client)
    errors: dict[str, str] = {}
    if purpose not in Consent.Purpose.values:
        errors["purpose"] = "Bitte wählen Sie einen Zweck der Einwilligung."
    not_future(given_on, "Das Datum der Einwilligung", errors, "given_on")
    text, problem = clean_text(scope_text, label="Der Umfang", max_length=2000)
    if problem:
        errors["scope_text"] = problem
    if not languages.is_offered(form_language):
        errors["form_language"] = "Bitte wählen Sie die Sprache des Formulars."
    if form not in Consent.Form.values:
        errors["form"] = "Bitte wählen Sie die Form der Einwilligung."
    witness, problem = clean_text(witness, label="Die Angabe zum Zeugen", max_length=200)
    if problem:
        errors["witness"] = problem
    elif form == Consent.Form.VERBAL_WITNESS and not witness:
        errors["witness"] = "Eine mündliche Einwilligung braucht den Namen der Zeugin / des Zeugen."
    partner, problem = clean_text(network_actor, label="Der Netzwerkpartner", max_length=200)
    if problem:
        errors["network_actor"] = problem
    elif purpose == Consent.Purpose.NETWORK and not partner:
        errors["network_actor"] = (
            "Eine Einwilligung zur Weitergabe nennt den Netzwerkpartner, an den weitergegeben "
            "werden darf."
        )
    elif purpose != Consent.Purpose.NETWORK:
        partner = ""
    scan_data, scan_type = b"", ""
    if scan is not None:
        try:
            scan_data, scan_type = check_attachment(scan)
        except UploadError as exc:
            errors["scan"] = str(exc)
    same = client.consents.filter(purpose=purpose, withdrawn_on__isnull=True)
    if not errors and same.filter(network_actor__iexact=partner).exists():
        errors["purpose"] = "Für diesen Zweck liegt bereits eine gültige Einwilligung vor."
    raise_if(errors)
    consent = Consent(
        client=client,
        purpose=purpose,
        given_on=given_on,
        scope_text=text,
        form_language=form_language,
        form=form,
        witness=witness,
        network_actor=partner,
        scan_type=scan_type,
        recorded_by=actor,
    )
    if scan is not None:
        suffix = ".pdf" if scan_type == PDF else ".png" if scan_type == PNG else ".jpg"
        consent.scan.save(f"einwilligung-{client.pk}{suffix}", ContentFile(scan_data), save=False)
    consent.save()
    if purpose == Consent.Purpose.STATISTICS:
        _statistics_flag(client)
    audit.record(
        actor=actor,
        action="consent.record",
        target=client,
        consent_id=consent.pk,
        purpose=purpose,
        form=form,
        scan=bool(scan_type),
    )
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, withdrawn_on: dt.date, actor: User) -> Consent:
    """Withdrawal stops the processing it covered: participation ends the counselling, health
    consent deletes the health notes, transfer consent blocks open transfer requests."""
    client = consent.client
    rules.require(rules.may_work_on(actor, client), NO_ACCESS)
    client = _lock(client)
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    errors: dict[str, str] = {}
    if consent.withdrawn_on is not None:
        errors["withdrawn_on"] = "Diese Einwilligung ist bereits widerrufen."
    not_future(withdrawn_on, "Das Datum des Widerrufs", errors, "withdrawn_on")
    if withdrawn_on < consent.given_on:
        errors["withdrawn_on"] = "Der Widerruf liegt vor der Erteilung."
    raise_if(errors)
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on", "updated_at"])
    effects = []
    if consent.purpose == Consent.Purpose.STATISTICS:
        _statistics_flag(client)  # the person drops out of the key figures at once
    if consent.purpose == Consent.Purpose.PARTICIPATION and client.status == Client.Status.ACTIVE:
        CLIENT.apply(client, action="close", user=actor)
        client.counselling_end = max(withdrawn_on, client.counselling_start)
        client.end_reason = Client.EndReason.OWN_WISH  # the person withdrew their consent
        client.save(update_fields=["status", "counselling_end", "end_reason", "updated_at"])
        _cancel_pending_handovers(client)
        effects.append("counselling_closed")
    if consent.purpose == Consent.Purpose.HEALTH and client.health_notes:
        client.health_notes = ""
        client.save(update_fields=["health_notes", "updated_at"])
        effects.append("health_notes_deleted")
    if consent.purpose == Consent.Purpose.TRANSFER:
        n = TransferRequest.objects.filter(
            client=client, status=TransferRequest.Status.REQUESTED
        ).update(status=TransferRequest.Status.DECLINED, decided_at=timezone.now())
        if n:
            effects.append("transfer_stopped")
    Client.objects.filter(pk=client.pk).update(version=F("version") + 1)
    audit.record(
        actor=actor,
        action="consent.withdraw",
        target=client,
        consent_id=consent.pk,
        purpose=consent.purpose,
        effects=effects,
    )
    return consent


def _statistics_flag(client: Client) -> None:
    """Keep ``Client.counts_in_statistics`` equal to "an active consent to statistics exists"
    (read by the key figures instead of the consents; ADR 0040). Called by every service that
    records or withdraws such a consent, inside its transaction."""
    active = client.consents.filter(
        purpose=Consent.Purpose.STATISTICS, withdrawn_on__isnull=True
    ).exists()
    Client.objects.filter(pk=client.pk).update(counts_in_statistics=active)
    client.counts_in_statistics = active
