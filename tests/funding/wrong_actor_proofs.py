"""Wrong-actor cases for the proof-of-use services (merged into ``wrong_actor.CASES``).

Each case builds a proof with which the call would succeed for the right actor (the recipient
writes, the RPS of the Kreis checks) and names one who may not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pik.core.roles import Role
from pik.funding import services
from pik.funding.models import ProofOfUse
from tests.funding import factories
from tests.funding.proof_factories import (
    FIGURES,
    digital_approved,
    fill_final,
    report_upload,
    staff_approved,
)


def _final(world: Any, member: Any) -> ProofOfUse:
    application, author = staff_approved(world, member)
    return services.proof_create(application=application, kind="final", actor=author)


def _submitted(world: Any, member: Any) -> ProofOfUse:
    """Submitted, nothing paid yet: the case worker of Kreis A could accept it."""
    application, author = staff_approved(world, member)
    proof = fill_final(application, author)
    return services.proof_transition(proof=proof, action="submit", actor=author)


def _digital_final(world: Any, member: Any) -> ProofOfUse:
    application, author = digital_approved(world, member)
    return services.proof_create(application=application, kind="final", actor=author)


def _from_casework(world: Any, member: Any) -> ProofOfUse:
    """A final proof whose key figures the January job took from case work (unconfirmed)."""
    proof = _final(world, member)
    services.proof_key_figures_from_casework(
        proof=proof, figures=FIGURES, scope_label="Gemeinde: Böblingen", actor=None
    )
    return proof


CASES = {
    # Esslingen's administration does not write Böblingen's proof of use.
    "proof_create": lambda world, member: {
        "application": staff_approved(world, member)[0],
        "kind": "final",
        "actor": member(Role.GEMEINDE_ADMIN, "b"),
    },
    # The RPS checks the proof; it does not fill in the recipient's figures.
    "proof_line_set": lambda world, member: {
        "line": _final(world, member).lines.first(),
        "filled_from": dt.date(2020, 3, 1),
        "filled_to": dt.date(2022, 2, 28),
        "salary_paid": "130.000,00",
        "actor": member(Role.RPS_CASE_WORKER, "a"),
    },
    "proof_report_upload": lambda world, member: {
        "proof": _final(world, member),
        "upload": report_upload(),
        "actor": member(Role.GEMEINDE_ADMIN, "b"),
    },
    "proof_key_figures_set": lambda world, member: {
        "proof": _final(world, member),
        "figures": FIGURES,
        "actor": member(Role.RPS_HEAD),
    },
    # Key figures from case work: the recipient's button or the January job, not the RPS …
    "proof_key_figures_from_casework": lambda world, member: {
        "proof": _final(world, member),
        "figures": FIGURES,
        "scope_label": "Gemeinde: Böblingen",
        "actor": member(Role.RPS_HEAD),
    },
    # … and only the recipient confirms them (not the case worker who checks them).
    "proof_key_figures_confirm": lambda world, member: {
        "proof": _from_casework(world, member),
        "actor": member(Role.RPS_CASE_WORKER, "a"),
    },
    # The yearly drafts are the system's January job, not a person's.
    "key_figure_drafts_prepare": lambda world, member: {
        "year": 2021,
        "actor": member(Role.GEMEINDE_ADMIN, "a"),
    },
    # The coordinator of Kreis B does not hand in Kreis A's invoices.
    "proof_invoice_add": lambda world, member: {
        "proof": _digital_final(world, member),
        "invoice_date": dt.date(2021, 5, 3),
        "number": "R-1",
        "supplier": "Softwarehaus",
        "amount": "1.000,00",
        "upload": factories.pdf_upload("rechnung.pdf"),
        "actor": member(Role.KREIS_COORDINATOR, "b"),
    },
    # The recipient does not record findings on its own proof …
    "proof_finding_add": lambda world, member: {
        "proof": _submitted(world, member),
        "text": "Alles in Ordnung.",
        "actor": member(Role.GEMEINDE_ADMIN, "a"),
    },
    # … and the case worker of Kreis B does not accept Kreis A's.
    "proof_transition": lambda world, member: {
        "proof": _submitted(world, member),
        "action": "accept",
        "actor": member(Role.RPS_CASE_WORKER, "b"),
    },
}
