"""Repayment (Rückforderung): base rates, claims (four eyes), their notice and payments received.

A claim is proposed by the RPS, issued by a second person (its notice is rendered after the
commit), and paid, possibly in parts: each payment goes to the principal first, which is booked
back into the budget (``ledger.repay``: REPAYMENT and RELEASE), then to the interest, which is
revenue of the state budget and not the programme's money. The last payment settles the claim.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from pik.core import audit
from pik.core.locking import check_version
from pik.core.money import parse_money
from pik.core.numbers import money_de
from pik.core.tasks import enqueue_in_transaction
from pik.funding import ledger, rules, selectors
from pik.funding.models import (
    Application,
    BaseRate,
    ProofOfUse,
    RepaymentClaim,
    RepaymentPayment,
)
from pik.funding.workflow import REPAYMENT
from pik.orgs.models import User

C = RepaymentClaim.Status
S = Application.Status
#: By path, not imported: the tasks module imports these services.
REPAYMENT_RENDER = "pik.funding.tasks.repayment_notice_render"
STALE = (
    "Die Rückforderung wurde inzwischen von jemand anderem geändert. Bitte laden Sie die Seite "
    "neu und prüfen Sie die Änderungen."
)


@transaction.atomic
def base_rate_add(*, valid_from: dt.date, rate: Decimal, actor: User) -> BaseRate:
    """A newly published base rate from ``valid_from`` on (the ministry).

    The table has no gaps and no overlaps: each value holds until the next begins, so a new
    value must begin after the last one (an earlier date would cut into a period already in
    force, the same date would duplicate it), and on a 1 January or 1 July (§ 247 Abs. 1 BGB).
    """
    rules.require(rules.may_add_base_rate(actor), "Basiszinssätze trägt nur das Ministerium ein.")
    errors: dict[str, list[str]] = {}
    if (valid_from.month, valid_from.day) not in ((1, 1), (7, 1)):
        errors.setdefault("valid_from", []).append(
            "Der Basiszinssatz ändert sich nur zum 1. Januar und zum 1. Juli (§ 247 Abs. 1 BGB)."
        )
    if rate <= -5 or rate >= 100 or rate != rate.quantize(Decimal("0.01")):
        errors.setdefault("rate", []).append(
            "Bitte einen Basiszinssatz über −5 % mit höchstens zwei Nachkommastellen angeben."
        )
    latest = BaseRate.objects.select_for_update().order_by("-valid_from").first()
    if BaseRate.objects.filter(valid_from=valid_from).exists():
        errors.setdefault("valid_from", []).append(
            f"Für den {valid_from:%d.%m.%Y} ist bereits ein Basiszinssatz eingetragen."
        )
    elif latest is not None and valid_from < latest.valid_from:
        errors.setdefault("valid_from", []).append(
            f"Der Zeitraum überschneidet sich mit dem eingetragenen Satz von {latest.rate} % ab "
            f"{latest.valid_from:%d.%m.%Y}: ein neuer Wert kann nur danach beginnen."
        )
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            entry = BaseRate.objects.create(valid_from=valid_from, rate=rate, created_by=actor)
    except IntegrityError as exc:
        raise ValidationError(
            {"valid_from": f"Für den {valid_from:%d.%m.%Y} ist bereits ein Satz eingetragen."}
        ) from exc
    audit.record(
        actor=actor, action="base_rate.add", target=entry, valid_from=valid_from, rate=rate
    )
    return entry


def _check_amount(application: Application, amount: Decimal, exclude: int | None = None) -> None:
    paid = ledger.paid_of(application=application)
    claimed = selectors.claimed_elsewhere(application=application, exclude=exclude)
    if amount > paid - claimed:
        raise ValidationError(
            {
                "amount": f"Die Rückforderung übersteigt, was ausgezahlt und noch nicht "
                f"zurückgefordert ist: ausgezahlt {money_de(paid)}, bereits zurückgefordert "
                f"{money_de(claimed)}, höchstens {money_de(max(paid - claimed, Decimal('0.00')))}."
            }
        )


def _check_proof(application: Application, proof: ProofOfUse) -> None:
    if (
        proof.application_id != application.pk
        or proof.kind != ProofOfUse.Kind.FINAL
        or proof.status != ProofOfUse.Status.REPAYMENT_DUE
    ):
        raise ValidationError(
            "Eine Rückforderung stützt sich nur auf einen geprüften Endnachweis dieses Antrags, "
            "bei dem eine Rückforderung festgestellt wurde."
        )
    if proof.repayment_claims.exclude(status=C.DISCARDED).exists():
        raise ValidationError("Zu diesem Verwendungsnachweis gibt es bereits eine Rückforderung.")


@transaction.atomic
def repayment_propose(
    *,
    application: Application,
    reason: str,
    explanation: str,
    amount: object,
    due_date: dt.date,
    actor: User,
    proof: ProofOfUse | None = None,
) -> RepaymentClaim:
    """A claim proposed by the RPS; a second person issues it (four eyes, as decisions).

    ``proof``: the final proof of use whose check found money not used (status "repayment due");
    one live claim per proof."""
    rules.require(
        rules.may_handle_repayment(actor, application),
        "Eine Rückforderung schlägt nur das Regierungspräsidium vor (die für den Kreis "
        "zuständige Sachbearbeitung oder die Referatsleitung).",
    )
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if application.status not in (S.APPROVED, S.NOTICE_ISSUED):
        raise ValidationError(
            "Zurückgefordert werden kann nur zu einem bewilligten Antrag mit Zuwendungsbescheid."
        )
    errors: dict[str, list[str]] = {}
    if reason not in RepaymentClaim.Reason.values:
        errors["reason"] = ["Bitte den Grund der Rückforderung wählen."]
    if not explanation.strip():
        errors["explanation"] = ["Bitte die Rückforderung begründen."]
    first = selectors.base_rate_table()[:1]
    if not first or due_date < first[0][0]:
        errors["due_date"] = ["Für dieses Fälligkeitsdatum ist kein Basiszinssatz hinterlegt."]
    try:
        value = parse_money(amount)
    except ValidationError as exc:
        errors["amount"] = exc.messages
    else:
        if value <= 0:
            errors["amount"] = ["Der Rückforderungsbetrag muss größer als 0 sein."]
    if proof is not None:
        proof = ProofOfUse.objects.select_for_update().get(pk=proof.pk)
        _check_proof(application, proof)
    if errors:
        raise ValidationError(errors)
    _check_amount(application, value)
    claim = RepaymentClaim.objects.create(
        application=application,
        proof=proof,
        reason=reason,
        explanation=explanation.strip(),
        amount=value,
        due_date=due_date,
        proposed_by=actor,
    )
    audit.record(
        actor=actor,
        action="repayment.propose",
        target=claim,
        amount=value,
        due_date=due_date,
        proof_id=proof.pk if proof else None,
    )
    return claim


@transaction.atomic
def repayment_transition(
    *, claim: RepaymentClaim, action: str, actor: User, expected_version: int | None = None
) -> RepaymentClaim:
    """Issue (four eyes; the notice is rendered after the commit) or discard a proposal."""
    claim = (
        RepaymentClaim.objects.select_for_update(of=("self",))
        .select_related("application__applicant")
        .get(pk=claim.pk)
    )
    check_version(claim, expected_version, message=STALE)
    old = claim.status
    REPAYMENT.apply(claim, action=action, user=actor)  # the rule: the transition table
    fields = ["status", "version", "updated_at"]
    if action == "issue":
        _check_amount(claim.application, claim.amount, exclude=claim.pk)
        claim.decided_by, claim.decided_at = actor, timezone.now()
        fields += ["decided_by", "decided_at"]
    claim.version += 1
    claim.save(update_fields=fields)
    audit.record(
        actor=actor,
        action=f"repayment.{action}",
        target=claim,
        from_status=old,
        to_status=claim.status,
        amount=claim.amount,
    )
    if action == "issue":
        enqueue_in_transaction(REPAYMENT_RENDER, claim_id=claim.pk)
    return claim


@transaction.atomic
def repayment_payment_record(
    *, claim: RepaymentClaim, received_on: dt.date, amount: object, actor: User
) -> RepaymentPayment:
    """A payment received: principal first (booked back, budget released), then interest."""
    rules.require(
        rules.may_handle_repayment(actor, claim.application),
        "Zahlungseingänge erfasst nur das Regierungspräsidium (zuständige Sachbearbeitung oder "
        "Referatsleitung).",
    )
    claim = (
        RepaymentClaim.objects.select_for_update(of=("self",))
        .select_related("application")
        .get(pk=claim.pk)
    )
    if claim.status != C.ISSUED:
        raise ValidationError(
            "Zahlungen werden nur zu einer festgesetzten, offenen Rückforderung erfasst."
        )
    value = parse_money(amount)
    if value <= 0:
        raise ValidationError({"amount": "Der Betrag muss größer als 0 sein."})
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": "Das Eingangsdatum liegt in der Zukunft."})
    last = claim.payments.order_by("-received_on").first()
    if last is not None and received_on < last.received_on:
        raise ValidationError(
            {
                "received_on": "Zahlungen sind in zeitlicher Reihenfolge zu erfassen; die letzte "
                f"ging am {last.received_on:%d.%m.%Y} ein."
            }
        )
    statement = selectors.claim_statement(claim, until=received_on)
    interest_open = statement.total - selectors.interest_paid(claim)
    if value > statement.outstanding + interest_open:
        raise ValidationError(
            {
                "amount": f"Der Betrag übersteigt die offene Forderung von "
                f"{money_de(statement.outstanding + interest_open)} (Hauptforderung "
                f"{money_de(statement.outstanding)}, Zinsen bis zum {received_on:%d.%m.%Y} "
                f"{money_de(interest_open)})."
            }
        )
    principal = min(value, statement.outstanding)
    if principal > 0:
        ledger.repay(
            application=claim.application,
            amount=principal,
            actor=actor,
            note=f"Rückforderung {claim.pk}",
        )
    payment = RepaymentPayment.objects.create(
        claim=claim,
        received_on=received_on,
        amount=value,
        principal=principal,
        interest=value - principal,
        actor=actor,
    )
    audit.record(
        actor=actor,
        action="repayment.payment",
        target=claim,
        amount=value,
        principal=principal,
        interest=value - principal,
        received_on=received_on,
    )
    if value == statement.outstanding + interest_open:
        REPAYMENT.apply(claim, action="settle", user=None)  # system step: nothing is owed
        claim.version += 1
        claim.save(update_fields=["status", "version", "updated_at"])
        audit.record(actor=None, action="repayment.settle", target=claim)
    return payment


@transaction.atomic
def repayment_store_pdf(*, claim_id: int, pdf: bytes) -> RepaymentClaim:
    """Store the rendered repayment notice (system step; idempotent under the row lock)."""
    claim = (
        RepaymentClaim.objects.select_for_update().select_related("application").get(pk=claim_id)
    )
    if claim.pdf:
        return claim
    claim.pdf.save(
        f"{claim.application.file_number or claim.application_id}-R{claim.pk}.pdf",
        ContentFile(pdf),
        save=False,
    )
    claim.rendered_at = timezone.now()
    claim.save(update_fields=["pdf", "rendered_at", "updated_at"])
    audit.record(actor=None, action="repayment.rendered", target=claim, size=len(pdf))
    return claim
