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
from pik.network.models import Actor, Referral
from pik.network.workflow import REFERRAL

#: Days until a partner's reply is expected; later, the referral shows as overdue.
REPLY_DAYS = 14

if TYPE_CHECKING:
    from pik.orgs.models import User


@transaction.atomic
def referral_record(
    *,
    client: Any,
    purpose: str,
    shared_on: dt.date,
    actor: User,
    network_actor: str = "",
    partner: Actor | None = None,
    step: Any = None,
) -> Referral:
    """Refer a client to a network partner (from the Kreis's directory, or named as text): only
    with a valid consent naming it. A reply is expected within two weeks."""
    require(rules.may_record_referral(actor, client), "Sie haben keinen Zugriff auf diese Akte.")
    client = casework.client_for_change(client=client)
    errors: dict[str, str] = {}
    if partner is not None:
        if partner.kreis_id != client.kreis_id or partner.status != Actor.Status.ACTIVE:
            raise ValidationError(
                {"partner": "Bitte wählen Sie einen Partner aus dem Verzeichnis des Kreises."}
            )
        network_actor = partner.name
    if step is not None and step.goal.plan.client_id != client.pk:
        raise ValidationError({"step": "Dieser Schritt gehört nicht zum Plan dieser Person."})
    name, problem = clean_text(
        network_actor, label="Der Netzwerkpartner", max_length=200, required=True
    )
    if problem:
        errors["network_actor"] = problem
    reason, problem = clean_text(purpose, label="Der Anlass", max_length=300, required=True)
    if problem:
        errors["purpose"] = problem
    not_future(shared_on, "Das Datum der Weitergabe", errors, "shared_on")
    raise_if(errors)
    consent = casework.network_consent(client=client, partner=name, on=shared_on)
    if consent is None:
        raise ValidationError(
            {
                "partner" if partner else "network_actor": f"Für die Weitergabe an „{name}“ "
                "liegt keine gültige Einwilligung vor. Ohne Einwilligung wird nichts "
                "weitergegeben."
            }
        )
    referral = Referral.objects.create(
        client=client,
        consent=consent,
        network_actor=consent.network_actor,
        partner=partner,
        step=step,
        purpose=reason,
        shared_on=shared_on,
        shared_by=actor,
        respond_by=shared_on + dt.timedelta(days=REPLY_DAYS),
    )
    audit.record(
        actor=actor,
        action="referral.record",
        target=client,
        referral_id=referral.pk,
        consent_id=consent.pk,
    )
    return referral


@transaction.atomic
def referral_progress(
    *,
    referral: Referral,
    action: str,
    actor: User,
    appointment_on: dt.date | None = None,
    feedback: str = "",
) -> Referral:
    """The referral moves on (accepted, appointment, done, not taken up) with the partner's
    feedback; the table in ``network.workflow`` says what is possible."""
    require(
        rules.may_record_referral(actor, referral.client),
        "Sie haben keinen Zugriff auf diese Akte.",
    )
    referral = Referral.objects.select_for_update().select_related("client").get(pk=referral.pk)
    text, problem = clean_text(feedback, label="Die Rückmeldung", max_length=2000)
    errors: dict[str, str] = {}
    if problem:
        errors["feedback"] = problem
    if action == "appointment" and appointment_on is None:
        errors["appointment_on"] = "Bitte geben Sie das Datum des Termins an."
    if appointment_on is not None and appointment_on < referral.shared_on:
        errors["appointment_on"] = "Der Termin liegt vor der Vermittlung."
    raise_if(errors)
    REFERRAL.apply(referral, action=action, user=actor)
    if appointment_on is not None:
        referral.appointment_on = appointment_on
    if text:
        referral.feedback = text
    referral.save(update_fields=["status", "appointment_on", "feedback", "updated_at"])
    audit.record(
        actor=actor,
        action="referral.progress",
        target=referral.client,
        referral_id=referral.pk,
        status=referral.status,
    )
    return referral


def referrals_anonymise(*, client: Any) -> None:
    """A step of the client's anonymisation (``casework.parts``; it checked its own rule and
    holds the row lock): what was passed on and why is no longer said."""
    Referral.objects.filter(client=client).update(purpose=ANONYMISED, feedback="")
