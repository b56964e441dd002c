"""Proofs of use: one proof as its page shows it, the figures of its check, the underspend.

``proof_underspend`` is the one read the repayment claim starts from: the amount not used or not
used as approved that the RPS's check stored with the decision "repayment due".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from pik.core.scoping import get_visible_or_404, visible
from pik.funding import ledger, proofs, rules
from pik.funding.models import (
    Applicant,
    Application,
    KeyFigures,
    Position,
    ProofFinding,
    ProofInvoice,
    ProofLine,
    ProofOfUse,
)
from pik.funding.proof_workflow import PROOF_OF_USE
from pik.orgs.models import Provider, User

ZERO = Decimal("0.00")
P = ProofOfUse.Status
A = Application.Status
#: A proof of use follows a grant: the application is approved (its notice on the way or out).
GRANTED = (A.APPROVED, A.NOTICE_ISSUED)


@dataclass(frozen=True)
class ProofFigures:
    """What the check compares: the eligible amount (months filled x rates, capped by the salary
    paid and by the approved amount; for the digital tool its invoices) and what was paid."""

    rated: Decimal
    eligible: Decimal
    approved: Decimal
    paid: Decimal

    @property
    def underspend(self) -> Decimal:
        """Paid beyond the eligible amount (not used or not used as approved), never negative."""
        return max(ZERO, self.paid - self.eligible)


def proof_figures(*, proof: ProofOfUse) -> ProofFigures:
    application = proof.application
    if application.programme.kind == application.programme.Kind.STAFF:
        rated = sum((line.eligible_amount for line in proof.lines.all()), ZERO)
    else:
        rated = sum((invoice.amount for invoice in proof.invoices.all()), ZERO)
    approved = application.approved_amount or ZERO
    return ProofFigures(
        rated=rated,
        eligible=min(rated, approved),
        approved=approved,
        paid=ledger.paid_of(application=application),
    )


def proof_underspend(*, proof: ProofOfUse) -> Decimal:
    """The amount to reclaim that the RPS's check found (status "repayment due"), else 0.00."""
    proof = ProofOfUse.objects.get(pk=proof.pk)
    return proof.underspend if proof.status == P.REPAYMENT_DUE else ZERO


def _proofs() -> Any:
    return ProofOfUse.objects.select_related(
        "application",
        "application__programme",
        "application__applicant",
        "application__applicant__kreis",
        "application__rule_version",
        "decided_by",
    ).prefetch_related(
        Prefetch("lines", queryset=ProofLine.objects.select_related("position")),
        "invoices",
        Prefetch("findings", queryset=ProofFinding.objects.select_related("created_by")),
    )


def proof_statuses() -> list[tuple[str, Any]]:
    return list(ProofOfUse.Status.choices)


#: The proof list's sortable columns (``pik.core.sorting``): key → fields.
PROOF_SORT_COLUMNS = {
    "nachweis": ("kind", "period_start"),
    "aktenzeichen": ("application__file_number",),
    "antragsteller": ("application__applicant__name",),
    "status": ("status",),
    "faellig": ("due_date",),
    "rueckforderung": ("underspend",),
}
PROOF_SORT_DEFAULT = "faellig"


def proof_list(
    *, user: User, status: str = "", order: Sequence[str] = ("due_date", "pk")
) -> QuerySet[ProofOfUse]:
    """The proofs of use the user sees (``status``: only those in that state, e.g.
    ``"submitted"`` for the RPS's check or ``"repayment_due"`` for the repayment claims), the
    longest waiting first (``order``: from ``PROOF_SORT_COLUMNS``)."""
    if not rules.can_see_applications(user):
        raise PermissionDenied(rules.APPLICATIONS_RESERVED)
    qs = visible(ProofOfUse.objects.all(), user).select_related(
        "application", "application__programme", "application__applicant"
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by(*order)


def proof_get(*, user: User, pk: int) -> ProofOfUse:
    """A proof of use of an application the user may see; 404 otherwise."""
    if not rules.can_see_applications(user):
        raise Http404
    return get_visible_or_404(_proofs(), user, pk=pk)


def proof_line_get(*, proof: ProofOfUse, pk: int) -> ProofLine:
    line = next((line for line in proof.lines.all() if line.pk == pk), None)
    if line is None:
        raise Http404
    return line


def proof_invoice_get(*, proof: ProofOfUse, pk: int) -> ProofInvoice:
    invoice = next((i for i in proof.invoices.all() if i.pk == pk), None)
    if invoice is None:
        raise Http404
    return invoice


def key_figures_of(*, proof: ProofOfUse) -> KeyFigures | None:
    return KeyFigures.objects.filter(proof=proof).select_related("confirmed_by").first()


@dataclass(frozen=True)
class CaseworkBasis:
    """Whose case work fills a proof's key figures, as plain data for ``pik.stats`` (which
    reads no funding model): the period, and the employers of the integration managers: the
    applicant (its lead Gemeinde, or the Kreis for a Kreis applicant) and each Träger that
    funds of this application are passed on to."""

    proof_id: int
    start: dt.date
    end: dt.date
    kreis_ags: str
    gemeinde_ags: str | None  # None: the Kreis (Landratsamt, Stadtkreis) employs
    provider_ids: tuple[int, ...]


def proof_casework_basis(*, proof: ProofOfUse) -> CaseworkBasis:
    """The caller got ``proof`` through ``proof_get`` (scoped) or is the system's job."""
    applicant = Applicant.objects.select_related("kreis", "gemeinde").get(
        pk=proof.application.applicant_id
    )
    providers = (
        Position.objects.filter(application_id=proof.application_id, provider__isnull=False)
        .order_by("provider_id")
        .values_list("provider_id", flat=True)
        .distinct()
    )
    return CaseworkBasis(
        proof_id=proof.pk,
        start=proof.period_start,
        end=proof.period_end,
        kreis_ags=applicant.kreis.ags,
        gemeinde_ags=(
            applicant.gemeinde.ags
            if applicant.kind != Applicant.Kind.KREIS and applicant.gemeinde
            else None
        ),
        provider_ids=tuple(p for p in providers if p is not None),
    )


@dataclass
class ProofView:
    proof: ProofOfUse
    figures: ProofFigures
    actions: list[Any]
    editable: bool  # the recipient may change it now
    may_check: bool  # the RPS may record findings now
    key_figures: KeyFigures | None
    key_figures_due: dt.date | None
    #: The Träger whose positions the one narrative report covers (combined report).
    providers: list[Provider] = field(default_factory=list)
    funded_until: dict[int, dt.date] = field(default_factory=dict)  # line id → funded end
    #: The RPS may start the repayment claim from this proof (prefilled with its underspend).
    may_claim_repayment: bool = False


def proof_view(*, user: User, pk: int) -> ProofView:
    """The proof-of-use page in one call."""
    proof = proof_get(user=user, pk=pk)
    application = proof.application
    rule = application.rule_version
    lines = list(proof.lines.all())
    editable = rules.may_write_proof(user, application) and proof.status in (P.DRAFT, P.RETURNED)
    provider_ids = {line.position.provider_id for line in lines} - {None}
    return ProofView(
        proof=proof,
        figures=proof_figures(proof=proof),
        actions=PROOF_OF_USE.allowed(proof, user),
        editable=editable,
        may_check=rules.may_check_proof(user, application) and proof.status == P.SUBMITTED,
        key_figures=key_figures_of(proof=proof),
        key_figures_due=(
            proofs.key_figures_due(rule, proof.period_start.year)
            if proof.kind == ProofOfUse.Kind.INTERIM
            else None
        ),
        providers=list(Provider.objects.filter(pk__in=provider_ids).order_by("name")),
        funded_until={line.pk: proofs.funded_end(line.position, rule, line) for line in lines},
        may_claim_repayment=proof.status == P.REPAYMENT_DUE
        and rules.may_handle_repayment(user, application)
        and not proof.repayment_claims.exclude(status="discarded").exists(),
    )


@dataclass(frozen=True)
class ProofOverview:
    """The proof-of-use part of the application page: the proofs, their due dates, and what the
    user may start."""

    proofs: list[ProofOfUse]
    final_due: dt.date | None
    may_create: bool
    interim_years: list[int]  # years of the funded period without an interim proof yet
    has_final: bool


def proof_overview(*, user: User, application: Application) -> ProofOverview | None:
    """None before the grant (no proof of use is due yet)."""
    if application.status not in GRANTED:
        return None
    existing = list(application.proofs.order_by("period_start", "kind"))
    try:
        start, end, final_due = proofs.proof_period(application, kind="final", year=None)
    except ValidationError:  # no funded position: nothing is due
        return ProofOverview(existing, None, False, [], False)
    taken = {p.period_start.year for p in existing if p.kind == ProofOfUse.Kind.INTERIM}
    has_final = any(p.kind == ProofOfUse.Kind.FINAL for p in existing)
    return ProofOverview(
        proofs=existing,
        final_due=final_due,
        may_create=rules.may_write_proof(user, application),
        interim_years=(
            [y for y in range(start.year, end.year + 1) if y not in taken]
            if application.programme.kind == application.programme.Kind.STAFF
            else []  # the digital tool is funded for one year: its proof is the final one
        ),
        has_final=has_final,
    )
