"""Proofs of use in both Kreise for the permission matrix: the matrix's own application of each
Kreis approved, with a final proof (report uploaded), and a Kreis's digital-tool proof with an
invoice. Built once per test (looked up again on the second call)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from pik.core.roles import Role
from pik.funding import services
from pik.funding.models import Application, ProofInvoice, ProofLine, ProofOfUse
from pik.orgs.models import User
from tests.funding import factories
from tests.funding.proof_factories import approve, digital_approved, report_upload

__all__ = ["ProofLine", "digital_invoice", "staff_proof"]
_counter = itertools.count()


def _member(world: Any) -> Any:
    """Like the ``member`` fixture, for code that only has the world."""

    def make(role: Role, side: str = "a", **_: Any) -> User:
        where = world.side(side)
        kwargs: dict[str, Any] = {}
        if role == Role.RPS_CASE_WORKER:
            kwargs["responsible_kreise"] = [where["kreis"]]
        elif role in (Role.KREIS_COORDINATOR, Role.GEMEINDE_ADMIN):
            kwargs["kreis"] = where["kreis"]
            if role == Role.GEMEINDE_ADMIN:
                kwargs["gemeinde"] = where["gemeinde"]
        return factories.user(f"proof-{role.value}-{next(_counter)}@test.example", role, **kwargs)

    return make


def staff_proof(world: Any, application: Application) -> ProofOfUse:
    found = ProofOfUse.objects.filter(application=application).first()
    if found:
        return found
    application = approve(application, _member(world))
    proof = services.proof_create(
        application=application, kind="final", actor=application.created_by
    )
    services.proof_report_upload(proof=proof, upload=report_upload(), actor=application.created_by)
    return proof


def digital_invoice(world: Any, side: str) -> ProofInvoice:
    kreis = world.side(side)["kreis"]
    found = ProofInvoice.objects.filter(proof__application__applicant__kreis=kreis).first()
    if found:
        return found
    application, author = digital_approved(world, _member(world), side)
    proof = services.proof_create(application=application, kind="final", actor=author)
    return services.proof_invoice_add(
        proof=proof,
        invoice_date=dt.date(2021, 5, 3),
        number="R-1",
        supplier="Softwarehaus",
        amount="1.000,00",
        upload=factories.pdf_upload("rechnung.pdf"),
        actor=author,
    )
