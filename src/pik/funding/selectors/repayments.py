"""Repayment claims: the base-rate table, one claim with its interest statement, the lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from pik.core.numbers import format_money
from pik.core.scoping import get_visible_or_404, visible
from pik.funding import interest, ledger, rules
from pik.funding.models import (
    Application,
    BaseRate,
    ProofOfUse,
    RepaymentClaim,
    RepaymentPayment,
)
from pik.funding.selectors.applications import application_get
from pik.funding.selectors.proofs import proof_underspend
from pik.funding.workflow import REPAYMENT
from pik.orgs.models import User

C = RepaymentClaim.Status
ZERO = Decimal("0.00")
#: Claims whose principal still binds what was paid (a discarded one binds nothing).
OPEN = (C.PROPOSED, C.ISSUED)


def base_rate_table() -> list[tuple[dt.date, Decimal]]:
    """Every base rate as (valid from, rate), oldest first (system read for the interest)."""
    return list(BaseRate.objects.order_by("valid_from").values_list("valid_from", "rate"))


def base_rate_list(*, user: User) -> list[BaseRate]:
    if not rules.can_see_base_rates(user):
        raise PermissionDenied(rules.BASE_RATES_RESERVED)  # statewide data, no secret
    return list(BaseRate.objects.select_related("created_by").order_by("-valid_from"))


def claim_statement(
    claim: RepaymentClaim,
    *,
    until: dt.date,
    rates: list[tuple[dt.date, Decimal]] | None = None,
) -> interest.InterestStatement:
    """The claim's interest for the days before ``until``, its part payments taken into account
    (system read: the page, the notice and the payment service all compute it here)."""
    payments = [
        (p.received_on, p.principal)
        for p in claim.payments.all()
        if p.principal > 0 and p.received_on <= until
    ]
    return interest.interest(
        principal=claim.amount,
        due=claim.due_date,
        until=until,
        base_rates=base_rate_table() if rates is None else rates,
        payments=payments,
    )


def interest_paid(claim: RepaymentClaim) -> Decimal:
    return claim.payments.aggregate(s=Sum("interest"))["s"] or ZERO


def claimed_elsewhere(*, application: Application, exclude: int | None = None) -> Decimal:
    """Principal of the application's open claims not yet paid back (system read: what paid
    money is already claimed)."""
    claims = RepaymentClaim.objects.filter(application=application, status__in=OPEN)
    if exclude is not None:
        claims = claims.exclude(pk=exclude)
    principal = claims.aggregate(s=Sum("amount"))["s"] or ZERO
    repaid = (
        RepaymentPayment.objects.filter(claim__in=claims).aggregate(s=Sum("principal"))["s"] or ZERO
    )
    return principal - repaid


def repayment_ceiling(*, application: Application) -> Decimal:
    """What may still be claimed back: paid (net of repayments) less what open claims claim."""
    return ledger.paid_of(application=application) - claimed_elsewhere(application=application)


def _claims(user: User) -> QuerySet[RepaymentClaim]:
    qs = visible(RepaymentClaim.objects.all(), user)
    if not rules.may_see_repayment_proposals(user):
        qs = qs.filter(status__in=(C.ISSUED, C.SETTLED))
    return qs.select_related(
        "application", "application__applicant", "application__applicant__kreis"
    )


#: The repayment list's sortable columns (``pik.core.sorting``): key → fields.
REPAYMENT_SORT_COLUMNS = {
    "nr": ("pk",),
    "aktenzeichen": ("application__file_number",),
    "antragsteller": ("application__applicant__name",),
    "betrag": ("amount",),
    "faellig": ("due_date",),
    "status": ("status",),
    "angelegt": ("created_at",),
}
REPAYMENT_SORT_DEFAULT = "-angelegt"


def repayment_list(
    *, user: User, order: Sequence[str] = ("-created_at", "-pk")
) -> QuerySet[RepaymentClaim]:
    """The claims this user may see, newest first (applicants: issued ones only); ``order``
    from ``REPAYMENT_SORT_COLUMNS``."""
    if not rules.can_see_applications(user):
        raise PermissionDenied(rules.APPLICATIONS_RESERVED)
    return _claims(user).order_by(*order)


def repayments_of(*, user: User, application: Application) -> list[RepaymentClaim]:
    return list(_claims(user).filter(application=application))


def repayment_get(*, user: User, pk: int) -> RepaymentClaim:
    if not rules.can_see_applications(user):
        raise Http404
    return get_visible_or_404(_claims(user), user, pk=pk)


def repayment_notice_get(*, user: User, pk: int) -> RepaymentClaim:
    claim = repayment_get(user=user, pk=pk)
    if not claim.pdf:
        raise Http404
    return claim


def repayment_has_pdf(*, claim_id: int) -> bool:
    return RepaymentClaim.objects.filter(pk=claim_id).exclude(pdf="").exists()


def repayment_for_document(*, claim_id: int) -> RepaymentClaim:
    """The claim with everything its notice shows (system read for the background job)."""
    return RepaymentClaim.objects.select_related(
        "application__applicant__kreis__regierungsbezirk",
        "application__applicant__gemeinde",
        "application__programme",
        "application__rule_version",
        "proposed_by",
        "decided_by",
    ).get(pk=claim_id)


@dataclass
class RepaymentNew:
    """The "propose a claim" page: the application, what may still be claimed, and the final
    proof of use the claim starts from (if any), with the form's prefilled values."""

    application: Application
    ceiling: Decimal
    proof: ProofOfUse | None
    initial: dict[str, Any]


def repayment_new_page(
    *, user: User, application_pk: int, proof_pk: int | None = None
) -> RepaymentNew:
    """404 for anyone who may not propose a claim (the page is not theirs), and for a proof of
    use that is not this application's."""
    application = application_get(user=user, pk=application_pk)
    if not rules.may_handle_repayment(user, application):
        raise Http404
    ceiling = repayment_ceiling(application=application)
    initial: dict[str, Any] = {"amount": ceiling}
    proof = None
    if proof_pk is not None:
        proof = get_visible_or_404(
            ProofOfUse.objects.filter(application=application), user, pk=proof_pk
        )
        underspend = proof_underspend(proof=proof)
        if underspend > 0:
            initial = {
                "amount": min(underspend, ceiling),
                "reason": RepaymentClaim.Reason.NOT_USED,
                "explanation": (
                    f"Nach dem geprüften Verwendungsnachweis sind von den ausgezahlten "
                    f"{format_money(proof.paid_amount or ZERO, language='de')} nur "
                    f"{format_money(proof.eligible_amount or ZERO, language='de')} förderfähig; "
                    f"{format_money(underspend, language='de')} wurden nicht oder nicht "
                    "zweckentsprechend verwendet."
                ),
                "due_date": proof.decided_at.date() if proof.decided_at else None,
                "proof": proof.pk,
            }
    return RepaymentNew(application, ceiling, proof, initial)


@dataclass
class RepaymentView:
    claim: RepaymentClaim
    statement: interest.InterestStatement
    on: dt.date
    interest_paid: Decimal
    actions: list[Any]
    may_record_payment: bool
    payments: list[RepaymentPayment] = field(default_factory=list)

    @property
    def interest_open(self) -> Decimal:
        return self.statement.total - self.interest_paid

    @property
    def open_total(self) -> Decimal:
        return self.statement.outstanding + self.interest_open


def repayment_page(*, user: User, pk: int, on: dt.date | None = None) -> RepaymentView:
    """One claim with its interest to ``on`` (today), its payments and the steps open."""
    claim = repayment_get(user=user, pk=pk)
    today = on or timezone.localdate()
    until = today + dt.timedelta(days=1)  # interest including today
    return RepaymentView(
        claim=claim,
        statement=claim_statement(claim, until=until),
        on=today,
        interest_paid=interest_paid(claim),
        actions=REPAYMENT.allowed(claim, user),
        may_record_payment=claim.status == C.ISSUED
        and rules.may_handle_repayment(user, claim.application),
        payments=list(claim.payments.all()),
    )
