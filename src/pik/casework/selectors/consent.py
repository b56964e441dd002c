"""Reads of the consents a record rests on."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from pik.casework.models import Client, Consent
from pik.core import audit
from pik.core.scoping import get_visible_or_404

if TYPE_CHECKING:
    from pik.orgs.models import User


def client_consents(*, client: Client) -> QuerySet[Consent]:
    return (
        Consent.objects.filter(client=client)
        .select_related("recorded_by")
        .order_by("-given_on", "-pk")
    )


def active_consent(*, client: Client, purpose: str) -> Consent | None:
    return (
        Consent.objects.filter(client=client, purpose=purpose, withdrawn_on__isnull=True)
        .order_by("-given_on")
        .first()
    )


def consent_purposes_active(*, client: Client) -> set[str]:
    return set(
        Consent.objects.filter(client=client, withdrawn_on__isnull=True).values_list(
            "purpose", flat=True
        )
    )


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


def network_consent(*, client: Client, partner: str, on: dt.date) -> Consent | None:
    """The valid consent to pass data on to this network partner (named in any case), given by
    ``on``; the newest if there are several. Network's referral rests on it."""
    return (
        Consent.objects.filter(
            client=client,
            purpose=Consent.Purpose.NETWORK,
            withdrawn_on__isnull=True,
            network_actor__iexact=partner,
            given_on__lte=on,
        )
        .order_by("-given_on")
        .first()
    )


def network_consents_all() -> QuerySet[Consent]:
    """Every valid consent naming a network partner, across Kreise, with its record (system
    steps and demo data only: no user)."""
    return Consent.objects.filter(
        purpose=Consent.Purpose.NETWORK, withdrawn_on__isnull=True
    ).select_related("client", "recorded_by")
