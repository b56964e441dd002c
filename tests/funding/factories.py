"""Helpers that build funding data through the services (so tests exercise the real path).

The one fixture style of the funding tests: conftest fixtures, the wrong-actor cases, the slow
tests and the permission matrix build their programmes, contingents, applicants, applications
and users here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from pik.core.roles import Role
from pik.funding import services
from pik.funding.models import (
    Applicant,
    Application,
    Budget,
    LedgerEntry,
    Programme,
    RepaymentClaim,
)
from pik.funding.reference import ensure_reference_data
from pik.orgs.models import Gemeinde, User
from pik.orgs.services import membership_create, user_create

# Kreis A (Böblingen): Böblingen 08115003 (50,705 inhabitants); small: Aidlingen, Altdorf.
PERSONS = {
    "08115003": 300,
    "08115001": 30,
    "08115002": 20,  # Kreis A
    "08116019": 400,
    "08116004": 25,  # Kreis B (Esslingen a. N., Altbach)
    "08117001": 70,  # Kreis Göppingen (for pooling across Kreis borders)
}
#: Two positions of a 2020 draft: 1.0 university from March, 0.5 intermediate from July.
POSITIONS = (
    ("Sara Nouri", "university", "1.00", dt.date(2020, 3, 1)),
    ("Jan Keller", "intermediate", "0.50", dt.date(2020, 7, 1)),
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def programme(code: str = "im") -> Programme:
    """A programme of the reference data ("im" staff, "digital" tools) with its rule versions."""
    ensure_reference_data(apps)
    return Programme.objects.get(code=code)


def user(email: str, role: Role, **where: Any) -> User:
    """A user holding one role (``where``: kreis, gemeinde, responsible_kreise …)."""
    created = user_create(email=email, actor=None)
    membership_create(user=created, role=role, actor=None, **where)
    return created


def persons_csv(persons: dict[str, int]) -> bytes:
    return ("ags,personen\n" + "\n".join(f"{a},{p}" for a, p in persons.items())).encode()


def contingents(
    im: Programme, persons: dict[str, int] | None = None, *, year: int = 2020
) -> dict[str, Gemeinde]:
    """Contingents of funding year ``year`` read in by the system for ``persons`` (AGS → persons;
    default PERSONS)."""
    persons = PERSONS if persons is None else persons
    result = services.contingents_import(
        programme=im, year=year, data=persons_csv(persons), filename="t.csv", actor=None
    )
    assert result.errors == [], result.errors
    return {g.ags: g for g in Gemeinde.objects.filter(ags__in=persons)}


def applicant(
    im: Programme, members: Iterable[Gemeinde], kind: str = "gemeinde", **kw: Any
) -> Applicant:
    """An applicant created by the system (a Gemeinde alone unless ``kind`` says otherwise)."""
    return services.applicant_create(
        programme=im, kind=kind, members=list(members), actor=None, **kw
    )


def draft(
    im: Programme,
    of: Applicant,
    author: User,
    *,
    year: int = 2020,
    positions: Iterable[tuple[str, str, str, dt.date]] = POSITIONS,
) -> Application:
    """A draft by ``author`` with 24-month positions (name, qualification, share, start)."""
    application = services.application_create(programme=im, applicant=of, year=year, actor=author)
    for name, qualification, share, start in positions:
        services.position_add(
            application=application,
            person_name=name,
            qualification=qualification,
            share=Decimal(share),
            start_date=start,
            months=24,
            actor=author,
        )
    application.refresh_from_db()
    return application


def step(application: Application, action: str, actor: User, **kw: Any) -> Application:
    application.refresh_from_db()
    services.application_transition(application=application, action=action, actor=actor, **kw)
    application.refresh_from_db()
    return application


def to_proposed(application: Application, actors: dict[str, User]) -> Application:
    step(application, "submit", actors["gemeinde_a"])
    step(application, "start_review", actors["case_worker_a"])
    return step(application, "propose_approval", actors["case_worker_a"])


def proposed_one_each(
    programme: Programme, gemeinden: Iterable[Gemeinde], case_worker: User, **proposal: Any
) -> list[Application]:
    """One application per Gemeinde (own admin, one full position, year 2020), proposed for
    approval by ``case_worker`` (``amount=…`` goes with the proposal); for the concurrency and
    worker tests that need many proposals at once."""
    applications = []
    for g in gemeinden:
        admin = user(f"admin-{g.ags}@test.example", Role.GEMEINDE_ADMIN, gemeinde=g)
        applicant_ = services.applicant_create(
            programme=programme, kind="gemeinde", members=[g], actor=None
        )
        application = services.application_create(
            programme=programme, applicant=applicant_, year=2020, actor=admin
        )
        services.position_add(
            application=application,
            person_name="Person",
            qualification="intermediate",
            share=Decimal("1.00"),
            start_date=dt.date(2020, 1, 1),
            months=24,
            actor=admin,
        )
        step(application, "submit", admin)
        step(application, "start_review", case_worker)
        applications.append(step(application, "propose_approval", case_worker, **proposal))
    return applications


def pdf_upload(name: str = "vertrag.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def approved(application: Application, actors: dict[str, User]) -> Application:
    """Proposed by the case worker of Kreis A, approved by the head: money bound."""
    to_proposed(application, actors)
    return step(application, "approve", actors["head"])


def book_payment(application: Application, amount: Decimal) -> LedgerEntry:
    """A payment on the application booked in its funding year's budget (test data for the
    repayment tests, which need money paid out before any can come back)."""
    return LedgerEntry.objects.create(
        budget=Budget.objects.get(programme=application.programme, year=application.year),
        kind=LedgerEntry.Kind.PAYMENT,
        amount=amount,
        application=application,
    )


def repayment(
    application: Application, proposer: User, amount: str = "10.000,00", **kw: Any
) -> RepaymentClaim:
    """A claim proposed by ``proposer`` (due 01.01.2025 unless ``due_date`` is given)."""
    return services.repayment_propose(
        application=application,
        reason=kw.pop("reason", "not_used"),
        explanation=kw.pop("explanation", "Stelle ab 01.07.2021 unbesetzt."),
        amount=amount,
        due_date=kw.pop("due_date", dt.date(2025, 1, 1)),
        actor=proposer,
    )
