"""The application procedure as a transition table (pik.core.workflow).

Who plays which part for an application is a rule (``rules.application_roles``); the system step
``notice`` (approved → notice issued) is in the table too, played only by the system (actor None).
"""

from __future__ import annotations

from pik.core.workflow import Transition, Workflow, four_eyes
from pik.funding.models import Application, PaymentRequest, RepaymentClaim
from pik.funding.rules import (
    APPLICANT,
    CASE_WORKER,
    HEAD,
    SYSTEM,
    application_roles,
    repayment_roles,
)

S = Application.Status
OPEN = (
    S.DRAFT,
    S.SUBMITTED,
    S.IN_REVIEW,
    S.INFO_REQUESTED,
    S.PROPOSED_APPROVAL,
    S.PROPOSED_REJECTION,
)

TRANSITIONS = [
    Transition(S.DRAFT, "submit", S.SUBMITTED, roles={APPLICANT}, label="Einreichen"),
    Transition(
        S.SUBMITTED,
        "start_review",
        S.IN_REVIEW,
        roles={CASE_WORKER, HEAD},
        label="Prüfung beginnen",
    ),
    Transition(
        S.IN_REVIEW,
        "request_info",
        S.INFO_REQUESTED,
        roles={CASE_WORKER, HEAD},
        label="Unterlagen nachfordern",
    ),
    Transition(
        S.INFO_REQUESTED, "resubmit", S.IN_REVIEW, roles={APPLICANT}, label="Erneut einreichen"
    ),
    Transition(
        S.IN_REVIEW,
        "propose_approval",
        S.PROPOSED_APPROVAL,
        roles={CASE_WORKER, HEAD},
        label="Bewilligung vorschlagen",
    ),
    Transition(
        S.IN_REVIEW,
        "propose_rejection",
        S.PROPOSED_REJECTION,
        roles={CASE_WORKER, HEAD},
        label="Ablehnung vorschlagen",
    ),
    Transition(
        S.PROPOSED_APPROVAL,
        "approve",
        S.APPROVED,
        roles={HEAD, CASE_WORKER},
        guard=four_eyes("proposed_by_id"),
        label="Bewilligen",
    ),
    Transition(
        S.PROPOSED_REJECTION,
        "reject",
        S.REJECTED,
        roles={HEAD, CASE_WORKER},
        guard=four_eyes("proposed_by_id"),
        label="Ablehnen",
    ),
    Transition(
        S.PROPOSED_APPROVAL, "send_back", S.IN_REVIEW, roles={HEAD}, label="Zur Prüfung zurückgeben"
    ),
    Transition(
        S.PROPOSED_REJECTION,
        "send_back",
        S.IN_REVIEW,
        roles={HEAD},
        label="Zur Prüfung zurückgeben",
    ),
    *[
        Transition(state, "withdraw", S.WITHDRAWN, roles={APPLICANT}, label="Zurückziehen")
        for state in OPEN
    ],
    # The system step: the stored notice PDF issues the approval (notice_store_pdf).
    Transition(S.APPROVED, "notice", S.NOTICE_ISSUED, roles={SYSTEM}, label="Bescheid erlassen"),
]

APPLICATION = Workflow("application", TRANSITIONS, roles_of=application_roles)

#: Who is expected to act next, per state (for inboxes).
WAITING_FOR = {
    S.DRAFT: APPLICANT,
    S.INFO_REQUESTED: APPLICANT,
    S.SUBMITTED: CASE_WORKER,
    S.IN_REVIEW: CASE_WORKER,
    S.PROPOSED_APPROVAL: HEAD,
    S.PROPOSED_REJECTION: HEAD,
}

# --- Repayment claims (Rückforderung): proposed by the RPS, issued by a second person ----------

R = RepaymentClaim.Status
REPAYMENT = Workflow(
    "repayment",
    [
        Transition(
            R.PROPOSED,
            "issue",
            R.ISSUED,
            roles={HEAD, CASE_WORKER},
            guard=four_eyes("proposed_by_id"),
            label="Rückforderung festsetzen",
        ),
        Transition(
            R.PROPOSED, "discard", R.DISCARDED, roles={HEAD, CASE_WORKER}, label="Verwerfen"
        ),
        # The system step: the last payment received settles the claim.
        Transition(R.ISSUED, "settle", R.SETTLED, roles={SYSTEM}, label="Beglichen"),
    ],
    roles_of=repayment_roles,
)

# --- Payment requests (Mittelabruf): check and release by two different RPS persons ---------------

P = PaymentRequest.Status
RPS_PARTS = {CASE_WORKER, HEAD}


def payment_request_roles(user: object, request: PaymentRequest) -> set[str]:
    """The parts a user plays for a payment request: those for its application."""
    return application_roles(user, request.application)


PAYMENT_TRANSITIONS = [
    Transition(P.SUBMITTED, "check", P.CHECKED, roles=RPS_PARTS, label="Sachlich prüfen"),
    Transition(
        P.CHECKED,
        "release",
        P.RELEASED,
        roles=RPS_PARTS,
        guard=four_eyes("checked_by_id"),
        label="Zur Zahlung freigeben",
    ),
    Transition(P.SUBMITTED, "reject", P.REJECTED, roles=RPS_PARTS, label="Ablehnen"),
    Transition(P.CHECKED, "reject", P.REJECTED, roles=RPS_PARTS, label="Ablehnen"),
    Transition(P.SUBMITTED, "withdraw", P.WITHDRAWN, roles={APPLICANT}, label="Zurückziehen"),
    Transition(
        P.RELEASED, "batch", P.IN_BATCH, roles=RPS_PARTS, label="In Zahlungsliste aufnehmen"
    ),
    Transition(P.IN_BATCH, "pay", P.PAID, roles=RPS_PARTS, label="Auszahlung gebucht"),
]

PAYMENT_REQUEST = Workflow("payment_request", PAYMENT_TRANSITIONS, roles_of=payment_request_roles)
