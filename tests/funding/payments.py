"""Helpers for the payment tests: a grant with its notice issued and the recipient's IBAN."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pik.funding import services
from pik.funding.models import Application, Notice, PaymentRequest
from pik.orgs.models import User
from tests.funding.factories import PDF, step, to_proposed

IBAN = "DE89 3704 0044 0532 0130 00"


def issued(application: Application, actors: dict[str, User]) -> Application:
    """Approve ``application`` (head after the case worker's proposal), store its notice (the
    system step that issues it) and enter the recipient's bank details."""
    to_proposed(application, actors)
    step(application, "approve", actors["head"])
    services.notice_store_pdf(notice_id=Notice.objects.get(application=application).pk, pdf=PDF)
    services.applicant_bank_details_set(
        applicant=application.applicant,
        iban=IBAN,
        account_holder=f"Stadtkasse {application.applicant}",
        actor=actors["gemeinde_a"],
    )
    application.refresh_from_db()
    return application


def file(application: Application, actor: User, **kw: Any) -> PaymentRequest:
    """A request for 2021 on preliminary figures for the first position (``kw`` overrides)."""
    fields: dict[str, Any] = {
        "amount": Decimal("10000.00"),
        "period_start": dt.date(2021, 1, 1),
        "period_end": dt.date(2021, 6, 30),
        "basis": PaymentRequest.Basis.PRELIMINARY,
        "positions": list(application.positions.all()[:1]),
    }
    fields.update(kw)
    return services.payment_request_file(application=application, actor=actor, **fields)


def released(request: PaymentRequest, checker: User, releaser: User) -> PaymentRequest:
    services.payment_request_transition(payment_request=request, action="check", actor=checker)
    return services.payment_request_transition(
        payment_request=request, action="release", actor=releaser
    )


def matrix_request(application: Application, side: str) -> PaymentRequest:
    """A payment request on the decided (notice issued) sibling of the matrix's application of
    ``side``, in a batch of its own (for the permission matrix)."""
    from pik.funding.models import PaymentBatch

    decided = Application.objects.get(applicant=application.applicant, year=2019)
    batch, _ = PaymentBatch.objects.get_or_create(number=f"ZL-MATRIX-{side}")
    request, _ = PaymentRequest.objects.get_or_create(
        application=decided,
        number=1,
        defaults={
            "year": 2019,
            "period_start": dt.date(2019, 1, 1),
            "period_end": dt.date(2019, 6, 30),
            "amount": Decimal("1000.00"),
            "basis": PaymentRequest.Basis.PRELIMINARY,
            "status": PaymentRequest.Status.IN_BATCH,
            "batch": batch,
        },
    )
    return request
