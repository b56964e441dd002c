"""Demo referrals: each demo record with a consent naming a network partner passed something on
(idempotent: one referral per consent)."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.utils import timezone

from pik.casework import selectors as casework
from pik.network import services
from pik.network.models import Referral


def seed(*, stdout: TextIO) -> None:
    made = 0
    today = timezone.localdate()
    for consent in casework.network_consents_all():
        if Referral.objects.filter(consent=consent).exists():
            continue
        client = consent.client
        actor = client.responsible or consent.recorded_by
        if actor is None:
            continue
        services.referral_record(
            client=client,
            network_actor=consent.network_actor,
            purpose="Bewerbungsunterlagen für die Arbeitsvermittlung",
            shared_on=max(consent.given_on, today - dt.timedelta(days=7)),
            actor=actor,
        )
        made += 1
    stdout.write(f"Netzwerk: {made} Demo-Weitergaben angelegt.\n")
