"""The proof-of-use procedure as a transition table (pik.core.workflow).

The recipient submits (again after a return for correction); the RPS accepts it, returns it for
correction with findings, or finds a repayment due. The parts are the application's
(``rules.application_roles``): the applicant, the responsible case worker, the head of unit.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from pik.core.workflow import Transition, Workflow
from pik.funding.models import ProofOfUse
from pik.funding.rules import APPLICANT, CASE_WORKER, HEAD, application_roles

P = ProofOfUse.Status
CHECKERS = {CASE_WORKER, HEAD}


def _roles(user: Any, proof: ProofOfUse) -> set[str]:
    return application_roles(user, proof.application)


def _has_findings(proof: ProofOfUse, user: Any) -> str | None:
    if not proof.findings.exists():
        return "Bitte halten Sie vor der Rückgabe mindestens eine Feststellung fest."
    return None


def _final(proof: ProofOfUse, user: Any) -> str | None:
    if proof.kind != ProofOfUse.Kind.FINAL:
        return (
            "Eine Rückforderung ergibt sich aus dem Endnachweis; einen Zwischennachweis "
            "bitte anerkennen oder zur Korrektur zurückgeben."
        )
    return None


TRANSITIONS = [
    Transition(P.DRAFT, "submit", P.SUBMITTED, roles={APPLICANT}, label="Einreichen"),
    Transition(P.RETURNED, "submit", P.SUBMITTED, roles={APPLICANT}, label="Erneut einreichen"),
    Transition(P.SUBMITTED, "accept", P.ACCEPTED, roles=CHECKERS, label="Anerkennen"),
    Transition(
        P.SUBMITTED,
        "return",
        P.RETURNED,
        roles=CHECKERS,
        guard=_has_findings,
        label="Zur Korrektur zurückgeben",
    ),
    Transition(
        P.SUBMITTED,
        "claim_repayment",
        P.REPAYMENT_DUE,
        roles=CHECKERS,
        guard=_final,
        label="Rückforderung feststellen",
    ),
]

PROOF_OF_USE = Workflow("proof_of_use", TRANSITIONS, roles_of=_roles)

#: The audit actions of the proof of use (registered in ``pik.funding.actions``).
PROOF_ACTIONS: dict[str, Any] = {
    "proof.create": _("Verwendungsnachweis angelegt"),
    "proof.line_set": _("Stelle im Verwendungsnachweis erfasst"),
    "proof.report_upload": _("Sachbericht hochgeladen"),
    "proof.key_figures_set": _("Kennzahlen erfasst"),
    "proof.key_figures_casework": _("Kennzahlen aus der Fallarbeit übernommen"),
    "proof.key_figures_confirm": _("Kennzahlen aus der Fallarbeit bestätigt"),
    "proof.invoice_add": _("Rechnung zum Verwendungsnachweis hochgeladen"),
    "proof.finding_add": _("Prüfungsfeststellung festgehalten"),
    "proof.submit": _("Verwendungsnachweis eingereicht"),
    "proof.accept": _("Verwendungsnachweis anerkannt"),
    "proof.return": _("Verwendungsnachweis zur Korrektur zurückgegeben"),
    "proof.claim_repayment": _("Rückforderung aus dem Verwendungsnachweis festgestellt"),
}
