"""Demo data for the proof of use: Böblingen's approved 2019 application has an interim proof
for 2019 (submitted and accepted, with a finding) and its final proof in draft, lines filled in.
Idempotent: nothing is added where a proof of use exists already.
"""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.core.files.uploadedfile import SimpleUploadedFile

from pik.funding import services
from pik.funding.models import Application, ProofOfUse
from pik.orgs.models import User

DEMO_DOMAIN = "demo.pik-bw.example"
REPORT = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FIGURES = {
    "persons_counselled": 157,
    "households": 61,
    "persons_new": 48,
    "plans_created": 144,
    "plans_reviewed": 97,
    "contacts_total": 772,
    "contacts_outreach": 131,
    "contacts_remote": 214,
    "referrals": 88,
    "persons_ended": 23,
    "goals_reached": 64,
}


def _u(local: str) -> User:
    return User.objects.get(email=f"{local}@{DEMO_DOMAIN}")


def _fill(proof: ProofOfUse, *, until: dt.date, salary: str, author: User) -> None:
    """Every line filled from the position's first day to ``until`` with ``salary`` paid."""
    for line in proof.lines.select_related("position"):
        services.proof_line_set(
            line=line,
            filled_from=line.position.start_date,
            filled_to=until,
            salary_paid=salary,
            actor=author,
        )


def seed(*, stdout: TextIO) -> None:
    application = Application.objects.filter(
        programme__code="im",
        applicant__gemeinde__ags="08115003",
        year=2019,
        status__in=[Application.Status.APPROVED, Application.Status.NOTICE_ISSUED],
    ).first()
    if application is None or ProofOfUse.objects.filter(application=application).exists():
        return
    author, case_worker = _u("gemeinde.boeblingen"), _u("sachbearbeitung.stuttgart")
    interim = services.proof_create(
        application=application, kind="interim", year=2019, actor=author
    )
    _fill(interim, until=dt.date(2019, 12, 31), salary="30.000,00", author=author)
    services.proof_report_upload(
        proof=interim, upload=SimpleUploadedFile("sachbericht-2019.pdf", REPORT), actor=author
    )
    services.proof_key_figures_set(proof=interim, figures=FIGURES, actor=author)
    services.proof_transition(proof=interim, action="submit", actor=author)
    services.proof_finding_add(
        proof=interim,
        text="Der Sachbericht beschreibt die Zusammenarbeit mit dem Träger nachvollziehbar.",
        actor=case_worker,
    )
    services.proof_transition(proof=interim, action="accept", actor=case_worker)
    final = services.proof_create(application=application, kind="final", actor=author)
    _fill(final, until=dt.date(2020, 12, 31), salary="60.000,00", author=author)
    stdout.write(
        "Demo-Verwendungsnachweise: Zwischennachweis 2019 anerkannt, Endnachweis im Entwurf.\n"
    )
