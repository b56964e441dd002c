"""The application procedure as a transition table (pik.core.workflow)."""

from __future__ import annotations

from typing import Any

from pik.core.roles import Role
from pik.core.scoping import grants_for
from pik.core.workflow import Transition, Workflow, four_eyes
from pik.funding.models import Applicant, Application

S = Application.Status
APPLICANT = "applicant"  # the Gemeinde (lead) administration, or the Kreis for a Kreis applicant
CASE_WORKER = "case_worker"  # the RPS case worker responsible for the applicant's Kreis
HEAD = "head"  # the RPS head of unit
OPEN = (
    S.DRAFT,
    S.SUBMITTED,
    S.IN_REVIEW,
    S.INFO_REQUESTED,
    S.PROPOSED_APPROVAL,
    S.PROPOSED_REJECTION,
)


def application_roles(user: Any, application: Application) -> set[str]:
    """The parts this user plays for this application."""
    grants = grants_for(user)
    applicant = application.applicant
    roles: set[str] = set()
    if Role.RPS_HEAD in grants.roles:
        roles.add(HEAD)
    if Role.RPS_CASE_WORKER in grants.roles and applicant.kreis_id in grants.rps_kreise:
        roles.add(CASE_WORKER)
    if applicant.kind == Applicant.Kind.KREIS:
        if Role.KREIS_COORDINATOR in grants.roles and applicant.kreis_id in grants.casework_kreise:
            roles.add(APPLICANT)
    elif Role.GEMEINDE_ADMIN in grants.roles and applicant.gemeinde_id in grants.funding_gemeinden:
        roles.add(APPLICANT)
    return roles


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
