"""Payment requests, the grant's payment overview, and the payment batches (scoped reads)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from pik.core.scoping import get_visible_or_404, visible
from pik.funding import ledger, rules
from pik.funding.calculation import approved_per_year
from pik.funding.models import Applicant, Application, PaymentBatch, PaymentRequest
from pik.funding.selectors.applications import application_get
from pik.funding.workflow import PAYMENT_REQUEST
from pik.orgs.models import User

P = PaymentRequest.Status
_RELATED = ("application__applicant", "application__programme", "filed_by", "checked_by")


def _requests(user: User) -> QuerySet[PaymentRequest]:
    return visible(PaymentRequest.objects.select_related(*_RELATED), user)


#: The payment requests' sortable columns (``pik.core.sorting``): key → fields.
PAYMENT_REQUEST_SORT_COLUMNS = {
    "abruf": ("application__file_number", "number"),
    "empfaenger": ("application__applicant__name",),
    "zeitraum": ("period_start", "period_end"),
    "betrag": ("amount",),
    "status": ("status",),
    "angelegt": ("created_at",),
}
PAYMENT_REQUEST_SORT_DEFAULT = "-angelegt"


def payment_request_list(
    *, user: User, order: Sequence[str] = ("-created_at", "-pk")
) -> QuerySet[PaymentRequest]:
    """The requests this user may see: the recipient's own, the RPS's Kreise, all for the head;
    ``order`` from ``PAYMENT_REQUEST_SORT_COLUMNS``."""
    if not rules.can_see_applications(user):
        raise PermissionDenied(rules.PAYMENTS_RESERVED)
    return _requests(user).order_by(*order)


def payment_requests_released(*, user: User) -> QuerySet[PaymentRequest]:
    """Released requests waiting for a batch (those this RPS person may handle)."""
    if not rules.is_rps(user):
        return PaymentRequest.objects.none()
    return _requests(user).filter(status=P.RELEASED).order_by("pk")


def payable_applications(*, user: User) -> QuerySet[Application]:
    """The user's own grants with an issued notice (where a request can be filed)."""
    if not rules.can_apply(user):
        return Application.objects.none()
    return (
        Application.objects.filter(rules.applicant_q(user, "applicant__"))
        .filter(status=Application.Status.NOTICE_ISSUED)
        .select_related("applicant", "programme")
        .order_by("-year", "pk")
    )


@dataclass(frozen=True)
class PaymentRequestView:
    request: PaymentRequest
    actions: list[Any]


def payment_request_get(*, user: User, pk: int) -> PaymentRequestView:
    if not rules.can_see_applications(user):
        raise Http404
    request = get_visible_or_404(
        PaymentRequest.objects.select_related(
            *_RELATED, "released_by", "batch", "application__rule_version"
        ).prefetch_related("positions"),
        user,
        pk=pk,
    )
    return PaymentRequestView(request, PAYMENT_REQUEST.allowed(request, user))


@dataclass(frozen=True)
class YearLine:
    year: int
    approved: Decimal
    requested: Decimal

    @property
    def open(self) -> Decimal:
        return self.approved - self.requested


@dataclass
class GrantPayments:
    """A grant's money per budget year: approved, requested so far, still to request; paid."""

    application: Application
    years: list[YearLine]
    paid: Decimal
    first_tranche_percent: Decimal
    requests: list[PaymentRequest] = field(default_factory=list)


def grant_payments(*, user: User, pk: int) -> GrantPayments:
    """The payment overview of one grant (for the request form)."""
    application = application_get(user=user, pk=pk)
    per_year = approved_per_year(
        funding_year=application.year,
        approved=application.approved_amount or Decimal("0.00"),
        positions=list(application.positions.all()),
    )
    requested = ledger.requested_by_year(application=application)
    return GrantPayments(
        application=application,
        years=[
            YearLine(y, amount, requested.get(y, Decimal("0.00"))) for y, amount in per_year.items()
        ],
        paid=ledger.paid_of(application=application),
        first_tranche_percent=application.rule_version.first_tranche_percent,
        requests=list(application.payment_requests.order_by("number")),
    )


def bank_applicant_get(*, user: User, pk: int) -> Applicant:
    """The applicant whose bank details this user may enter (its own administration), or 404."""
    applicant = get_visible_or_404(Applicant.objects.select_related("kreis"), user, pk=pk)
    if not rules.may_set_bank_details(user, applicant):
        raise Http404
    return applicant


@dataclass(frozen=True)
class BatchView:
    batch: PaymentBatch
    requests: list[PaymentRequest]
    total: Decimal


def payment_batch_list(*, user: User) -> list[PaymentBatch]:
    if not rules.may_see_payment_batches(user):
        return []
    return list(PaymentBatch.objects.select_related("created_by")[:50])


def payment_batch_get(*, user: User, pk: int) -> BatchView:
    """A batch with its requests (recipient, IBAN, amount, purpose): RPS and auditors only."""
    if not rules.may_see_payment_batches(user):
        raise Http404
    batch = get_visible_or_404(PaymentBatch.objects.select_related("booked_by"), user, pk=pk)
    requests = list(batch.requests.select_related("application__applicant").order_by("pk"))
    return BatchView(batch, requests, ledger.batch_total(requests))
