"""Demo data for payments: Böblingen's 2019 grant with its bank details, one request paid
through a booked batch, one checked and waiting for the second pair of eyes, one just filed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TextIO

from pik.funding import services
from pik.funding.models import Application, Notice, PaymentRequest
from pik.funding.tasks import notice_render
from pik.orgs.models import User

DEMO_DOMAIN = "demo.pik-bw.example"
DEMO_IBAN = "DE02 1203 0000 0000 2020 51"  # a published test IBAN (valid checksum)


def _u(local: str) -> User:
    return User.objects.get(email=f"{local}@{DEMO_DOMAIN}")


def seed(*, stdout: TextIO) -> None:
    grant = (
        Application.objects.filter(
            programme__code="im", applicant__gemeinde__ags="08115003", year=2019
        )
        .exclude(status=Application.Status.WITHDRAWN)
        .first()
    )
    if grant is None or grant.payment_requests.exists() or grant.approved_amount is None:
        return
    if grant.status == Application.Status.APPROVED:
        # The notice issues the grant; rendered here because the demo runs in one transaction
        # and the queued rendering would only run after it.
        notice_render.func(notice_id=Notice.objects.get(application=grant).pk)
        grant.refresh_from_db()
    recipient, checker, head = (
        _u("gemeinde.boeblingen"),
        _u("sachbearbeitung.stuttgart"),
        _u("referatsleitung"),
    )
    services.applicant_bank_details_set(
        applicant=grant.applicant,
        iban=DEMO_IBAN,
        account_holder="Stadtkasse Böblingen",
        actor=recipient,
    )
    positions = list(grant.positions.all())

    def file(amount: str, start: dt.date, end: dt.date, basis: str) -> PaymentRequest:
        return services.payment_request_file(
            application=grant,
            amount=Decimal(amount),
            period_start=start,
            period_end=end,
            basis=basis,
            positions=positions,
            actor=recipient,
        )

    def step(request: PaymentRequest, action: str, actor: User) -> None:
        services.payment_request_transition(payment_request=request, action=action, actor=actor)

    paid = file("20000.00", dt.date(2019, 3, 1), dt.date(2019, 12, 31), "preliminary")
    step(paid, "check", checker)
    step(paid, "release", head)
    services.payment_batch_book(batch=services.payment_batch_create(actor=head), actor=head)
    checked = file("30000.00", dt.date(2020, 1, 1), dt.date(2020, 6, 30), "preliminary")
    step(checked, "check", checker)
    file("5000.00", dt.date(2019, 3, 1), dt.date(2019, 12, 31), "final")
    stdout.write("Demo-Mittelabrufe: 3 (einer ausgezahlt, einer geprüft, einer neu).\n")
