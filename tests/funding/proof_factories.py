"""Proof-of-use test data built through the services: an approved application, payments booked,
a final proof filled in (the one way the proof tests, wrong-actor cases and the matrix build it).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from pik.core.roles import Role
from pik.funding import services
from pik.funding.models import Application, LedgerEntry, ProofOfUse
from pik.orgs.models import Kreis, User
from pik.orgs.selectors import managers_in_kreis
from tests.funding import factories

FIGURES = {
    "persons_counselled": 157,
    "households": 61,
    "persons_new": 40,
    "plans_created": 144,
    "plans_reviewed": 90,
    "contacts_total": 772,
    "contacts_outreach": 120,
    "contacts_remote": 200,
    "referrals": 85,
    "persons_ended": 30,
    "goals_reached": 70,
}


def docx_bytes() -> bytes:
    """A minimal Word document (the parts a DOCX is recognised by)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def report_upload(kind: str = "pdf") -> SimpleUploadedFile:
    if kind == "docx":
        return SimpleUploadedFile("sachbericht.docx", docx_bytes())
    return SimpleUploadedFile("sachbericht.pdf", factories.PDF, content_type="application/pdf")


def approve(application: Application, member: Any) -> Application:
    """Through the procedure: submitted by its author, proposed by the case worker of its Kreis
    and approved by the head (four eyes)."""
    side = "a" if application.applicant.kreis.ags == "08115" else "b"
    author = application.created_by
    case_worker = member(Role.RPS_CASE_WORKER, side)
    if application.status == "info_requested":  # the permission matrix's application
        factories.step(application, "resubmit", author)
    else:
        factories.step(application, "submit", author)
        factories.step(application, "start_review", case_worker)
    factories.step(application, "propose_approval", case_worker)
    return factories.step(application, "approve", member(Role.RPS_HEAD))


def book_payment(application: Application, amount: str) -> LedgerEntry:
    """A payment booked in the ledger, as the payment procedure books it (test stand-in)."""
    return factories.book_payment(application, Decimal(amount))


def staff_approved(world: Any, member: Any) -> tuple[Application, User]:
    """Böblingen's 2020 application (Sara Nouri 1,0 university from 03/2020, Jan Keller 0,5
    intermediate from 07/2020, 24 months each: 179.000,00 EUR), approved; and its author."""
    im = factories.programme("im")
    factories.contingents(im)
    author = member(Role.GEMEINDE_ADMIN, "a")
    draft = factories.draft(im, factories.applicant(im, [world.gemeinde_a]), author)
    return approve(draft, member), author


def digital_approved(world: Any, member: Any, side: str = "a") -> tuple[Application, User]:
    """A Kreis's 2021 digital-tool application (48.500,00 EUR), approved; and its author."""
    digital = factories.programme("digital")
    kreis = Kreis.objects.get(ags={"a": "08115", "b": "08116"}[side])
    gemeinde = world.gemeinde_a if side == "a" else world.gemeinde_b
    author = member(Role.KREIS_COORDINATOR, side)
    applicant = factories.applicant(digital, [gemeinde], kind="kreis", kreis=kreis)
    draft = factories.draft(digital, applicant, author, year=2021, positions=())
    services.digital_details_set(
        application=draft,
        tool_name="Fallakte",
        tool_description="Gemeinsame Fallakte",
        tool_costs="48.500,00",
        access_granted=list(managers_in_kreis(kreis_id=kreis.pk)),
        access_confirmed=True,
        actor=author,
    )
    return approve(draft, member), author


def fill_final(application: Application, author: User) -> ProofOfUse:
    """The final proof with every line, the report and the key figures: ready to submit.

    Sara Nouri all 24 months (130.000,00 paid), Jan Keller 18 of 24 months (40.000,00 paid):
    eligible 128.000,00 + 38.250,00 = 166.250,00 EUR."""
    proof = services.proof_create(application=application, kind="final", actor=author)
    filled = {
        "Sara Nouri": (dt.date(2020, 3, 1), dt.date(2022, 2, 28), "130.000,00"),
        "Jan Keller": (dt.date(2020, 7, 1), dt.date(2021, 12, 31), "40.000,00"),
    }
    for line in proof.lines.select_related("position"):
        first, last, salary = filled[line.position.person_name]
        services.proof_line_set(
            line=line, filled_from=first, filled_to=last, salary_paid=salary, actor=author
        )
    services.proof_report_upload(proof=proof, upload=report_upload(), actor=author)
    services.proof_key_figures_set(proof=proof, figures=FIGURES, actor=author)
    proof.refresh_from_db()
    return proof
