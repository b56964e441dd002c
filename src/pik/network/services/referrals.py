"""Every write of the network: a referral (Weitergabe) on the client's consent naming the partner.

Atomic, keyword-only, one audit event; bad input raises ``ValidationError`` in German and
changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from pik.casework import selectors as casework
from pik.casework.client_fields import ANONYMISED
from pik.casework.rules import require
from pik.core import audit
from pik.core.validation import clean_text, not_future, raise_if
from pik.network import rules
from pik.network.models import Referral

if TYPE_CHECKING:
    from pik.orgs.models import User


@transaction.atomic
def referral_record(
    *, client: Any, network_actor: str, purpose: str, shared_on: dt.date, actor: User
) -> Referral:
    """Record that data went to a named network partner: only with a valid consent naming it."""
    require(rules.may_record_referral(actor, client), "Sie haben keinen Zugriff auf diese Akte.")
    client = casework.client_for_change(client=client)
    errors: dict[str, str] = {}
    partner, problem = clean_text(
        network_actor, label="Der Netzwerkpartner", max_length=200, required=True
    )
    if problem:
        errors["network_actor"] = problem
    reason, problem = clean_text(purpose, label="Der Anlass", max_length=300, required=True)
    if problem:
        errors["purpose"] = problem
    not_future(shared_on, "Das Datum der Weitergabe", errors, "shared_on")
    raise_if(errors)
    consent = casework.network_consent(client=client, partner=partner, on=shared_on)
    if consent is None:
        raise ValidationError(
            {
                "network_actor": f"Für die Weitergabe an „{partner}“ liegt keine gültige "
                "Einwilligung vor. Ohne Einwilligung wird nichts weitergegeben."
            }
        )
    referral = Referral.objects.create(
        client=client,
        consent=consent,
        network_actor=consent.network_actor,
        purpose=reason,
        shared_on=shared_on,
        shared_by=actor,
    )
    audit.record(
        actor=actor,
        action="referral.record",
        target=client,
        referral_id=referral.pk,
        consent_id=consent.pk,
    )
    return referral


def referrals_anonymise(*, client: Any) -> None:
    """A step of the client's anonymisation (``casework.parts``; it checked its own rule and
    holds the row lock): what was passed on and why is no longer said."""
    Referral.objects.filter(client=client).update(purpose=ANONYMISED)
