"""Proof of use (Verwendungsnachweis): rated with the rule version, checked against the ledger,
and bad input refused in German with nothing half-saved."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from pik.core.audit import AuditEvent
from pik.core.roles import Role
from pik.funding import selectors, services
from pik.funding.models import ProofOfUse
from tests.funding import factories
from tests.funding.proof_factories import (
    FIGURES,
    book_payment,
    digital_approved,
    fill_final,
    report_upload,
    staff_approved,
)

D = Decimal


@pytest.fixture
def approved(world, member):
    return staff_approved(world, member)


def _line(proof, name):
    return next(
        line for line in proof.lines.select_related("position") if line.position.person_name == name
    )


def test_final_proof_with_underspend_ends_in_a_repayment_claim(approved, member) -> None:
    application, author = approved
    book_payment(application, "179000.00")
    proof = fill_final(application, author)
    assert (proof.period_start, proof.period_end) == (dt.date(2020, 3, 1), dt.date(2022, 6, 30))
    assert proof.due_date == dt.date(2022, 9, 30)  # 3 months after the longest period ends
    assert [(line.months_filled, line.eligible_amount) for line in proof.lines.all()] == [
        (24, D("128000.00")),
        (18, D("38250.00")),
    ]
    services.proof_transition(proof=proof, action="submit", actor=author)
    case_worker = member(Role.RPS_CASE_WORKER, "a")
    with pytest.raises(ValidationError, match="Rückforderung über 12.750,00"):
        services.proof_transition(proof=proof, action="accept", actor=case_worker)
    services.proof_finding_add(
        proof=proof, text="Stelle Keller ab 01/2022 unbesetzt.", actor=case_worker
    )
    services.proof_transition(proof=proof, action="claim_repayment", actor=case_worker)
    proof.refresh_from_db()
    assert proof.status == ProofOfUse.Status.REPAYMENT_DUE
    assert (proof.eligible_amount, proof.paid_amount, proof.underspend) == (
        D("166250.00"),
        D("179000.00"),
        D("12750.00"),
    )
    assert selectors.proof_underspend(proof=proof) == D("12750.00")
    assert AuditEvent.objects.filter(action="proof.claim_repayment").count() == 1


def test_final_proof_without_underspend_is_accepted_and_offers_no_claim(approved, member) -> None:
    application, author = approved
    book_payment(application, "100000.00")  # less paid than eligible: nothing to reclaim
    proof = fill_final(application, author)
    services.proof_transition(proof=proof, action="submit", actor=author)
    case_worker = member(Role.RPS_CASE_WORKER, "a")
    with pytest.raises(ValidationError, match="nichts zurückzufordern"):
        services.proof_transition(proof=proof, action="claim_repayment", actor=case_worker)
    services.proof_transition(proof=proof, action="accept", actor=case_worker)
    proof.refresh_from_db()
    assert proof.status == ProofOfUse.Status.ACCEPTED
    assert selectors.proof_underspend(proof=proof) == D("0.00")


def test_interruption_extends_the_period_and_a_change_is_rated_from_its_date(approved) -> None:
    application, author = approved
    proof = services.proof_create(application=application, kind="final", actor=author)
    sara = services.proof_line_set(
        line=_line(proof, "Sara Nouri"),
        filled_from=dt.date(2020, 3, 1),
        filled_to=dt.date(2022, 8, 31),  # 6 months beyond 02/2022: the interruption's extension
        interrupted_from=dt.date(2021, 1, 1),
        interrupted_to=dt.date(2021, 6, 30),
        salary_paid="140.000,00",
        actor=author,
    )
    assert (sara.months_filled, sara.eligible_amount) == (24, D("128000.00"))
    keller = services.proof_line_set(
        line=_line(proof, "Jan Keller"),
        filled_from=dt.date(2020, 7, 1),
        filled_to=dt.date(2022, 6, 30),
        changed_on=dt.date(2021, 1, 1),
        new_qualification="university",
        salary_paid="70.000,00",
        actor=author,
    )
    # 6 months at 51.000 x 0,5 and 18 months at 64.000 x 0,5 (per year)
    assert (keller.months_filled, keller.eligible_amount) == (24, D("60750.00"))
    proof.refresh_from_db()
    assert (proof.period_end, proof.due_date) == (dt.date(2022, 8, 31), dt.date(2022, 11, 30))


def test_salary_below_the_fixed_amount_caps_the_eligible_amount(approved) -> None:
    application, author = approved
    proof = services.proof_create(application=application, kind="final", actor=author)
    line = services.proof_line_set(
        line=_line(proof, "Jan Keller"),
        filled_from=dt.date(2020, 7, 1),
        filled_to=dt.date(2022, 6, 30),
        salary_paid="45.000,00",
        actor=author,
    )
    assert line.eligible_amount == D("45000.00")  # rated 51.000,00, paid less


def test_a_position_vacant_the_whole_period_is_stated_with_nothing_paid(approved) -> None:
    application, author = approved
    proof = services.proof_create(application=application, kind="interim", year=2022, actor=author)
    line = services.proof_line_set(
        line=_line(proof, "Jan Keller"),
        filled_from=None,
        filled_to=None,
        salary_paid="0,00",
        actor=author,
    )
    assert line.complete and (line.months_filled, line.eligible_amount) == (0, D("0.00"))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"filled_to": dt.date(2022, 3, 31)}, "filled_from", "außerhalb des Förderzeitraums"),
        ({"filled_from": dt.date(2020, 2, 1)}, "filled_from", "außerhalb des Förderzeitraums"),
        ({"salary_paid": "-100,00"}, "salary_paid", "nicht negativ"),
        ({"salary_paid": D("-1")}, "salary_paid", "nicht negativ"),
        (
            {"interrupted_from": dt.date(2019, 1, 1), "interrupted_to": dt.date(2019, 2, 1)},
            "interrupted_from",
            "innerhalb der besetzten Monate",
        ),
        ({"new_person_name": "Eva Roth"}, "changed_on", "Datum des Wechsels"),
    ],
)
def test_bad_line_is_refused_and_nothing_is_saved(approved, changes, field, message) -> None:
    application, author = approved
    proof = services.proof_create(application=application, kind="final", actor=author)
    values = {
        "filled_from": dt.date(2020, 3, 1),
        "filled_to": dt.date(2022, 2, 28),
        "salary_paid": "130.000,00",
        **changes,
    }
    line = _line(proof, "Sara Nouri")
    with pytest.raises(ValidationError) as caught:
        services.proof_line_set(line=line, actor=author, **values)
    assert message in " ".join(caught.value.message_dict[field])
    line.refresh_from_db()
    proof.refresh_from_db()
    assert (line.filled_from, line.salary_paid, line.eligible_amount) == (None, None, D("0.00"))
    assert proof.version == 1
    assert not AuditEvent.objects.filter(action="proof.line_set").exists()


def test_a_second_final_proof_is_refused(approved) -> None:
    application, author = approved
    services.proof_create(application=application, kind="final", actor=author)
    with pytest.raises(ValidationError, match="bereits einen Verwendungsnachweis"):
        services.proof_create(application=application, kind="final", actor=author)
    assert ProofOfUse.objects.filter(application=application).count() == 1


def test_interim_proof_covers_one_year_and_is_due_with_the_key_figures(approved, member) -> None:
    application, author = approved
    proof = services.proof_create(application=application, kind="interim", year=2020, actor=author)
    assert (proof.period_start, proof.period_end) == (dt.date(2020, 3, 1), dt.date(2020, 12, 31))
    assert proof.due_date == dt.date(2021, 1, 31)
    with pytest.raises(ValidationError, match="außerhalb des Förderzeitraums"):
        services.proof_line_set(
            line=_line(proof, "Sara Nouri"),
            filled_from=dt.date(2020, 3, 1),
            filled_to=dt.date(2021, 2, 28),  # beyond the interim year
            salary_paid="60.000,00",
            actor=author,
        )
    with pytest.raises(ValidationError, match="bereits einen Zwischennachweis"):
        services.proof_create(application=application, kind="interim", year=2020, actor=author)
    with pytest.raises(ValidationError, match="kein geförderter Monat"):
        services.proof_create(application=application, kind="interim", year=2025, actor=author)


def test_interim_proof_is_never_a_repayment_claim(approved, member) -> None:
    application, author = approved
    proof = services.proof_create(application=application, kind="interim", year=2021, actor=author)
    for line in proof.lines.all():
        services.proof_line_set(
            line=line,
            filled_from=dt.date(2021, 1, 1),
            filled_to=dt.date(2021, 12, 31),
            salary_paid="10.000,00",
            actor=author,
        )
    services.proof_report_upload(proof=proof, upload=report_upload("docx"), actor=author)
    services.proof_key_figures_set(proof=proof, figures=FIGURES, actor=author)
    services.proof_transition(proof=proof, action="submit", actor=author)
    with pytest.raises(ValidationError, match="Endnachweis"):
        services.proof_transition(
            proof=proof, action="claim_repayment", actor=member(Role.RPS_HEAD)
        )


def test_submit_names_everything_missing_and_changes_nothing(approved) -> None:
    application, author = approved
    proof = services.proof_create(application=application, kind="final", actor=author)
    with pytest.raises(ValidationError) as caught:
        services.proof_transition(proof=proof, action="submit", actor=author)
    text = caught.value.messages[0]
    assert "Sachbericht" in text and "Sara Nouri" in text and "Kennzahlen" in text
    proof.refresh_from_db()
    assert proof.status == ProofOfUse.Status.DRAFT and proof.submitted_at is None


def test_return_needs_a_finding_then_the_recipient_corrects_and_resubmits(approved, member) -> None:
    application, author = approved
    proof = fill_final(application, author)
    services.proof_transition(proof=proof, action="submit", actor=author)
    case_worker = member(Role.RPS_CASE_WORKER, "a")
    with pytest.raises(ValidationError, match="mindestens eine Feststellung"):
        services.proof_transition(proof=proof, action="return", actor=case_worker)
    with pytest.raises(ValidationError):  # no edits while it is being checked
        services.proof_key_figures_set(proof=proof, figures=FIGURES, actor=author)
    services.proof_finding_add(proof=proof, text="Sachbericht unvollständig.", actor=case_worker)
    services.proof_transition(proof=proof, action="return", actor=case_worker)
    services.proof_report_upload(proof=proof, upload=report_upload("docx"), actor=author)
    services.proof_transition(proof=proof, action="submit", actor=author)
    proof.refresh_from_db()
    assert proof.status == ProofOfUse.Status.SUBMITTED
    assert proof.report_type.endswith("wordprocessingml.document")


def test_report_is_checked_by_content(approved) -> None:
    application, author = approved
    proof = services.proof_create(application=application, kind="final", actor=author)
    fake = SimpleUploadedFile("sachbericht.docx", b"nur Text, kein Word-Dokument")
    with pytest.raises(ValidationError, match="kein PDF und kein Word-Dokument"):
        services.proof_report_upload(proof=proof, upload=fake, actor=author)
    proof.refresh_from_db()
    assert not proof.report and proof.version == 1


def test_key_figures_must_add_up(approved) -> None:
    application, author = approved
    proof = services.proof_create(application=application, kind="final", actor=author)
    with pytest.raises(ValidationError) as caught:
        services.proof_key_figures_set(
            proof=proof, figures={**FIGURES, "contacts_outreach": 700}, actor=author
        )
    assert "contacts_total" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.proof_key_figures_set(
            proof=proof, figures={**FIGURES, "households": -1}, actor=author
        )
    assert "households" in caught.value.message_dict
    assert selectors.key_figures_of(proof=proof) is None


def test_no_proof_before_the_grant(world, member) -> None:
    im = factories.programme("im")
    factories.contingents(im)
    author = member(Role.GEMEINDE_ADMIN, "a")
    draft = factories.draft(im, factories.applicant(im, [world.gemeinde_a]), author)
    with pytest.raises(ValidationError, match="erst nach der Bewilligung"):
        services.proof_create(application=draft, kind="final", actor=author)
    assert not ProofOfUse.objects.exists()


def test_only_the_recipient_writes_and_only_the_rps_checks(approved, member) -> None:
    application, author = approved
    with pytest.raises(PermissionDenied):
        services.proof_create(
            application=application, kind="final", actor=member(Role.RPS_CASE_WORKER, "a")
        )
    proof = fill_final(application, author)
    services.proof_transition(proof=proof, action="submit", actor=author)
    with pytest.raises(PermissionDenied):
        services.proof_finding_add(proof=proof, text="Selbst geprüft.", actor=author)
    with pytest.raises(ValidationError, match="Rolle"):
        services.proof_transition(proof=proof, action="accept", actor=author)


# --- Digital programme: the tool's invoices -----------------------------------------------------


def test_digital_proof_with_invoices(world, member) -> None:
    application, author = digital_approved(world, member)
    book_payment(application, "48500.00")
    with pytest.raises(ValidationError, match="nur den Verwendungsnachweis"):
        services.proof_create(application=application, kind="interim", year=2021, actor=author)
    proof = services.proof_create(application=application, kind="final", actor=author)
    assert (proof.period_start, proof.period_end) == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    assert proof.due_date == dt.date(2022, 3, 31)
    with pytest.raises(ValidationError) as caught:
        services.proof_invoice_add(
            proof=proof,
            invoice_date=dt.date(2022, 2, 1),
            number="R-1",
            supplier="Softwarehaus",
            amount="-5,00",
            upload=factories.pdf_upload("rechnung.pdf"),
            actor=author,
        )
    assert {"invoice_date", "amount"} <= set(caught.value.message_dict)
    assert not proof.invoices.exists()
    services.proof_invoice_add(
        proof=proof,
        invoice_date=dt.date(2021, 5, 3),
        number="R-2021-17",
        supplier="Softwarehaus Neckar GmbH",
        amount="45.000,00",
        upload=factories.pdf_upload("rechnung.pdf"),
        actor=author,
    )
    services.proof_report_upload(proof=proof, upload=report_upload(), actor=author)
    services.proof_transition(proof=proof, action="submit", actor=author)
    services.proof_transition(
        proof=proof, action="claim_repayment", actor=member(Role.RPS_CASE_WORKER, "a")
    )
    proof.refresh_from_db()
    assert (proof.eligible_amount, proof.underspend) == (D("45000.00"), D("3500.00"))
