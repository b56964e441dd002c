"""Helpers every casework service room shares: the row lock, the record's own checks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone

from pik.casework.models import Client, Consent, Handover
from pik.casework.selectors.clients import NOT_WORKABLE
from pik.casework.selectors.consent import active_consent


def _lock(client: Client) -> Client:
    """The client row, locked until the change commits (one change at a time per record)."""
    return Client.objects.select_for_update().get(pk=client.pk)


def _ensure_workable(client: Client) -> None:
    if client.status == Client.Status.ANONYMISED:
        raise ValidationError(NOT_WORKABLE)


def _ensure_consent(client: Client, purpose: str, message: str) -> Consent:
    consent = active_consent(client=client, purpose=purpose)
    if consent is None:
        raise ValidationError(message)
    return consent


def _cancel_pending_handovers(client: Client) -> None:
    """A record that closes, moves or gets a new responsible person takes no open handover
    along."""
    Handover.objects.filter(client=client, status=Handover.Status.PENDING).update(
        status=Handover.Status.CANCELLED, decided_at=timezone.now()
    )
