"""Payments: bank details of a recipient, payment requests (Mittelabruf) checked and released by
two different RPS persons, and payment batches for the state cash office, booked once.

The money itself is summed and booked in ``pik.funding.ledger`` only; the split of a grant over
budget years is ``calculation.approved_per_year`` (the same split its commitment used).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pik.core import audit
from pik.core.money import round_money
from pik.core.numbers import money_de
from pik.funding import ledger, rules, selectors
from pik.funding.banking import clean_iban
from pik.funding.calculation import approved_per_year, end_date
from pik.funding.models import (
    Applicant,
    Application,
    PaymentBatch,
    PaymentRequest,
    Position,
)
from pik.funding.workflow import PAYMENT_REQUEST
from pik.orgs.models import User

P = PaymentRequest.Status
BASIS = PaymentRequest.Basis
HUNDRED = Decimal(100)


@transaction.atomic
def applicant_bank_details_set(
    *, applicant: Applicant, iban: str, account_holder: str, actor: User
) -> Applicant:
    """Where the state cash office pays the recipient's money to."""
    rules.require(
        rules.may_set_bank_details(actor, applicant),
        "Die Bankverbindung hinterlegt nur die Verwaltung des Zuwendungsempfängers selbst.",
    )
    holder = account_holder.strip()
    errors: dict[str, str] = {}
    try:
        compact = clean_iban(iban)
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
        compact = ""
    if not holder:
        errors["account_holder"] = "Bitte den Kontoinhaber angeben."
    if errors:
        raise ValidationError(errors)
    applicant = Applicant.objects.select_for_update().get(pk=applicant.pk)
    applicant.iban, applicant.account_holder = compact, holder
    applicant.save(update_fields=["iban", "account_holder", "updated_at"])
    audit.record(actor=actor, action="applicant.bank_details", target=applicant)
    return applicant


def _per_year(application: Application) -> dict[int, Decimal]:
    """The grant per budget year, split like its commitment (calculation.approved_per_year)."""
    return {
        year: amount
        for year, amount in approved_per_year(
            funding_year=application.year,
            approved=application.approved_amount or Decimal("0.00"),
            positions=list(application.positions.all()),
        ).items()
        if amount > 0
    }


def _check_period(
    application: Application, start: dt.date, end: dt.date, positions: list[Position]
) -> None:
    if end < start:
        raise ValidationError({"period_end": "Das Ende des Zeitraums liegt vor seinem Beginn."})
    if start.year != end.year:
        raise ValidationError(
            {
                "period_end": "Ein Mittelabruf gilt für ein Haushaltsjahr: Beginn und Ende des "
                "Zeitraums müssen im selben Jahr liegen."
            }
        )
    if start.year not in _per_year(application):
        raise ValidationError(
            {
                "period_start": f"Für {start.year} ist nichts bewilligt (bewilligt für: "
                + ", ".join(str(y) for y in _per_year(application))
                + ")."
            }
        )
    if application.programme.kind == application.programme.Kind.STAFF and not positions:
        raise ValidationError({"positions": "Bitte die betroffenen Stellen angeben."})
    for position in positions:
        if position.application_id != application.pk:
            raise ValidationError({"positions": "Die Stelle gehört nicht zu diesem Antrag."})
        last = end_date(position.start_date, position.months)
        if start > last or end < position.start_date:
            raise ValidationError(
                {
                    "positions": f"Die Stelle {position.person_name} ist vom "
                    f"{position.start_date:%d.%m.%Y} bis {last:%d.%m.%Y} gefördert und liegt "
                    "nicht im Zeitraum des Mittelabrufs."
                }
            )


def _check_amount(
    application: Application, *, year: int, amount: Decimal, basis: str, period_end: dt.date
) -> None:
    """Not above what is approved for the year less what was requested or paid; on preliminary
    figures at most the first tranche of the rule version; the rest on final figures."""
    if amount <= 0:
        raise ValidationError({"amount": "Der Betrag muss größer als 0 sein."})
    approved = _per_year(application)[year]
    already = ledger.requested(application=application, year=year)
    if amount > approved - already:
        raise ValidationError(
            {
                "amount": f"Der Mittelabruf über {money_de(amount)} übersteigt, was für {year} "
                f"noch abgerufen werden kann: bewilligt {money_de(approved)}, bereits abgerufen "
                f"oder ausgezahlt {money_de(already)}, "
                f"noch abrufbar {money_de(approved - already)}."
            }
        )
    percent = application.rule_version.first_tranche_percent
    if basis == BASIS.PRELIMINARY:
        tranche = round_money(approved * percent / HUNDRED)
        earlier = ledger.requested(application=application, year=year, basis=BASIS.PRELIMINARY)
        if amount > tranche - earlier:
            raise ValidationError(
                {
                    "amount": f"Auf vorläufige Zahlen werden für {year} höchstens "
                    f"{percent.normalize():f} % von {money_de(approved)} ausgezahlt, also "
                    f"{money_de(tranche)}; bereits abgerufen {money_de(earlier)}, noch möglich "
                    f"{money_de(max(tranche - earlier, Decimal('0.00')))}. Den Rest rufen Sie nach "
                    "Ende des Zeitraums auf endgültige Zahlen ab."
                }
            )
    elif period_end >= timezone.localdate():
        raise ValidationError(
            {
                "basis": "Auf endgültige Zahlen (über die erste Rate von "
                f"{percent.normalize():f} % hinaus) kann erst nach Ende des Zeitraums "
                f"({period_end:%d.%m.%Y}) abgerufen werden."
            }
        )


@transaction.atomic
def payment_request_file(
    *,
    application: Application,
    amount: Decimal,
    period_start: dt.date,
    period_end: dt.date,
    basis: str,
    positions: Iterable[Position] = (),
    actor: User,
) -> PaymentRequest:
    """The recipient requests money of its issued grant for a period of one budget year."""
    rules.require(
        rules.may_file_payment_request(actor, application),
        "Einen Mittelabruf stellt nur die Verwaltung des Zuwendungsempfängers.",
    )
    # The application row is the serial point of its requests: two requests at once cannot
    # both see the same remaining amount.
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("applicant", "programme", "rule_version")
        .get(pk=application.pk)
    )
    if application.status != Application.Status.NOTICE_ISSUED:
        raise ValidationError(
            "Mittel können erst abgerufen werden, wenn der Zuwendungsbescheid erlassen ist."
        )
    if not application.applicant.iban:
        raise ValidationError(
            "Bitte hinterlegen Sie zuerst die Bankverbindung (IBAN) des Zuwendungsempfängers."
        )
    if basis not in BASIS.values:
        raise ValidationError({"basis": "Bitte die Grundlage des Mittelabrufs wählen."})
    chosen = list(positions)
    year = period_start.year
    _check_period(application, period_start, period_end, chosen)
    _check_amount(application, year=year, amount=amount, basis=basis, period_end=period_end)
    number = application.payment_requests.count() + 1
    request = PaymentRequest.objects.create(
        application=application,
        number=number,
        year=year,
        period_start=period_start,
        period_end=period_end,
        amount=amount,
        basis=basis,
        filed_by=actor,
    )
    request.positions.set(chosen)
    audit.record(
        actor=actor,
        action="payment_request.file",
        target=request,
        amount=amount,
        year=year,
        basis=basis,
    )
    return request


@transaction.atomic
def payment_request_transition(
    *, payment_request: PaymentRequest, action: str, actor: User, message: str = ""
) -> PaymentRequest:
    """Check (first eye), release (a different RPS person), reject, or withdraw a request."""
    request = (
        PaymentRequest.objects.select_for_update(of=("self",))
        .select_related("application__applicant")
        .get(pk=payment_request.pk)
    )
    if action in ("batch", "pay"):
        raise ValidationError("Dieser Schritt geschieht nur mit einer Zahlungsliste.")
    old = request.status
    PAYMENT_REQUEST.apply(request, action=action, user=actor)  # the rule: the table
    fields = {"status", "updated_at"}
    if action == "reject" and not message.strip():
        raise ValidationError({"message": "Bitte begründen Sie die Ablehnung."})
    if action == "check":
        request.checked_by = actor
        fields.add("checked_by")
    if action == "release":
        request.released_by = actor
        fields.add("released_by")
    if message.strip():
        request.message = message.strip()
        fields.add("message")
    request.save(update_fields=sorted(fields))
    audit.record(
        actor=actor,
        action=f"payment_request.{action}",
        target=request,
        from_status=old,
        to_status=request.status,
    )
    return request


@transaction.atomic
def payment_batch_create(*, actor: User) -> PaymentBatch:
    """Gather every released request the actor may handle into a new batch."""
    rules.require(
        rules.may_manage_payment_batches(actor),
        "Zahlungslisten stellt nur das Regierungspräsidium zusammen.",
    )
    requests = list(selectors.payment_requests_released(user=actor).select_for_update(of=("self",)))
    if not requests:
        raise ValidationError("Es gibt keine freigegebenen Mittelabrufe für eine Zahlungsliste.")
    for request in requests:
        clean_iban(request.application.applicant.iban)  # never a transfer to a broken IBAN
    today = timezone.localdate()
    count = PaymentBatch.objects.filter(number__startswith=f"ZL-{today.year}-").count()
    batch = PaymentBatch.objects.create(number=f"ZL-{today.year}-{count + 1:04d}", created_by=actor)
    for request in requests:
        PAYMENT_REQUEST.apply(request, action="batch", user=actor)
        request.batch = batch
        request.save(update_fields=["status", "batch", "updated_at"])
    audit.record(
        actor=actor,
        action="payment_batch.create",
        target=batch,
        count=len(requests),
        amount=ledger.batch_total(requests),
    )
    return batch


@transaction.atomic
def payment_batch_book(*, batch: PaymentBatch, actor: User) -> PaymentBatch:
    """The state cash office has paid: book every request of the batch as a payment, once."""
    rules.require(
        rules.may_manage_payment_batches(actor),
        "Zahlungslisten bucht nur das Regierungspräsidium.",
    )
    batch = PaymentBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == PaymentBatch.Status.BOOKED:
        raise ValidationError(
            f"Die Zahlungsliste {batch.number} ist bereits gebucht "
            f"(am {timezone.localtime(batch.booked_at):%d.%m.%Y})."
        )
    requests = list(
        PaymentRequest.objects.select_for_update(of=("self",))
        .filter(batch=batch)
        .select_related("application__applicant", "application__programme")
        .order_by("pk")
    )
    for request in requests:
        PAYMENT_REQUEST.apply(request, action="pay", user=actor)
        request.save(update_fields=["status", "updated_at"])
    ledger.book_payments(batch=batch, requests=requests, actor=actor)
    batch.status, batch.booked_by, batch.booked_at = (
        PaymentBatch.Status.BOOKED,
        actor,
        timezone.now(),
    )
    batch.save(update_fields=["status", "booked_by", "booked_at", "updated_at"])
    audit.record(actor=actor, action="payment_batch.book", target=batch, count=len(requests))
    return batch
