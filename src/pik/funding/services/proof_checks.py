"""The proof of use submitted and checked: findings of the RPS, and each step through the
transition table (``pik.funding.proof_workflow``).

The decision stores the figures it rests on: the eligible amount, what the ledger says was paid,
and the underspend (paid beyond the eligible amount), which the repayment claim starts from
(``selectors.proof_underspend``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pik.core import audit
from pik.core.numbers import format_money
from pik.funding import rules, selectors
from pik.funding.models import KeyFigures, ProofFinding, ProofOfUse
from pik.funding.proof_workflow import PROOF_OF_USE
from pik.funding.services.proofs import _lock_proof
from pik.orgs.models import User

P = ProofOfUse.Status
CHECK_REFUSED = "Verwendungsnachweise prüft nur das zuständige Regierungspräsidium."


@transaction.atomic
def proof_finding_add(*, proof: ProofOfUse, text: str, actor: User) -> ProofFinding:
    """One finding of the check (what is missing, wrong or not eligible), while it is checked."""
    proof = _lock_proof(proof, None)
    rules.require(rules.may_check_proof(actor, proof.application), CHECK_REFUSED)
    if proof.status != P.SUBMITTED:
        raise ValidationError("Feststellungen gibt es nur zu einem eingereichten Nachweis.")
    if not text.strip():
        raise ValidationError({"text": "Bitte die Feststellung beschreiben."})
    finding = ProofFinding.objects.create(proof=proof, text=text.strip(), created_by=actor)
    audit.record(actor=actor, action="proof.finding_add", target=proof, finding_id=finding.pk)
    return finding


def _completeness(proof: ProofOfUse) -> None:
    """Everything the recipient must hand in, all missing parts named at once."""
    missing: list[str] = []
    if not proof.report:
        missing.append("der Sachbericht (PDF oder Word)")
    if proof.application.programme.kind == proof.application.programme.Kind.STAFF:
        open_lines = [line for line in proof.lines.select_related("position") if not line.complete]
        missing += [
            f"die Angaben zur Stelle von {line.position.person_name}" for line in open_lines
        ]
        key_figures = KeyFigures.objects.filter(proof=proof).first()
        if key_figures is None:
            missing.append("die Kennzahlen des Zeitraums")
        elif key_figures.awaiting_confirmation:
            missing.append("Ihre Bestätigung der aus der Fallarbeit übernommenen Kennzahlen")
    elif not proof.invoices.exists():
        missing.append("mindestens eine Rechnung für das digitale Werkzeug")
    if missing:
        raise ValidationError("Zum Einreichen fehlen noch: " + "; ".join(missing) + ".")


def _decide(proof: ProofOfUse, action: str, actor: User) -> list[str]:
    """The figures of the check stored on the proof; a decision that they contradict refused."""
    figures = selectors.proof_figures(proof=proof)
    underspend = figures.underspend
    if proof.kind == ProofOfUse.Kind.FINAL and action == "accept" and underspend > 0:
        raise ValidationError(
            f"Ausgezahlt wurden {format_money(figures.paid, language='de')}, förderfähig sind "
            f"{format_money(figures.eligible, language='de')}: bitte die Rückforderung über "
            f"{format_money(underspend, language='de')} feststellen."
        )
    if action == "claim_repayment" and underspend <= 0:
        raise ValidationError(
            "Es ist nichts zurückzufordern: ausgezahlt wurde nicht mehr als förderfähig ist."
        )
    proof.eligible_amount, proof.paid_amount = figures.eligible, figures.paid
    proof.underspend = underspend if action == "claim_repayment" else 0
    proof.decided_at, proof.decided_by = timezone.now(), actor
    return ["eligible_amount", "paid_amount", "underspend", "decided_at", "decided_by"]


@transaction.atomic
def proof_transition(
    *, proof: ProofOfUse, action: str, actor: User, expected_version: int | None = None
) -> ProofOfUse:
    """One step of the proof of use, checked against its transition table."""
    proof = _lock_proof(proof, expected_version)
    old = proof.status
    PROOF_OF_USE.apply(proof, action=action, user=actor)  # the rule: the table
    fields = ["status", "version", "updated_at"]
    if action == "submit":
        _completeness(proof)
        proof.submitted_at = timezone.now()
        fields.append("submitted_at")
    else:
        fields += _decide(proof, action, actor)
    proof.version += 1
    proof.save(update_fields=fields)
    audit.record(
        actor=actor,
        action=f"proof.{action}",
        target=proof,
        from_status=old,
        to_status=proof.status,
        eligible=proof.eligible_amount,
        paid=proof.paid_amount,
        underspend=proof.underspend,
    )
    return proof
