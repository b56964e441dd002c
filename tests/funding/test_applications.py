"""The procedure: submission, review, information requests, four eyes, decision, notice."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from pypdf import PdfReader

from pik.core import audit
from pik.core.locking import StaleVersion
from pik.funding import documents, services
from pik.funding.models import (
    Application,
    LedgerEntry,
    Notice,
)
from tests.funding.factories import step, to_proposed

S = Application.Status


def test_whole_path_with_information_request(
    draft, actors, django_capture_on_commit_callbacks
) -> None:
    step(draft, "submit", actors["gemeinde_a"])
    assert draft.status == S.SUBMITTED
    assert draft.file_number == "RPS15.2-IM-2020-08115-0001"
    step(draft, "start_review", actors["case_worker_a"])
    step(draft, "request_info", actors["case_worker_a"], message="Arbeitsverträge fehlen.")
    assert draft.status == S.INFO_REQUESTED and draft.message == "Arbeitsverträge fehlen."
    step(draft, "resubmit", actors["gemeinde_a"])
    step(draft, "propose_approval", actors["case_worker_a"], amount="170.000,00")
    assert (
        draft.approved_amount == Decimal("170000.00")
        and draft.proposed_by == actors["case_worker_a"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        step(draft, "approve", actors["head"])
    draft.refresh_from_db()
    assert draft.status == S.NOTICE_ISSUED
    committed = LedgerEntry.objects.filter(application=draft)
    assert sum(e.amount for e in committed) == Decimal("170000.00")
    # bound per budget year (0028); 2022 has no budget row, its share stays in 2020's
    assert {e.budget.year for e in committed} == {2020, 2021}
    labels = [e.label for e in draft.events.all()]
    assert labels[0] == "Entwurf angelegt" and labels[-1] == "Bescheid erlassen"
    actions = [e.action for e in audit.events_for(draft)]
    assert "application.approve" in actions and "application.request_info" in actions

    notice = Notice.objects.get(application=draft)
    pages = PdfReader(io.BytesIO(notice.pdf.read())).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())  # layout line breaks
    for expected in (
        "Zuwendungsbescheid",
        "RPS15.2-IM-2020-08115-0001",
        "170.000,00 EUR",
        "Sara Nouri",
        "Änderung der VwV vom 11. November 2020",
        "Rechtsbehelfsbelehrung",
        "31. Januar",
        "Stadt Böblingen",
    ):
        assert expected in text, expected


def test_four_eyes_the_proposer_cannot_approve(draft, actors) -> None:
    to_proposed(draft, actors)
    with pytest.raises(ValidationError, match="Vier-Augen-Prinzip"):
        step(draft, "approve", actors["case_worker_a"])
    draft.refresh_from_db()
    assert draft.status == S.PROPOSED_APPROVAL and not LedgerEntry.objects.exists()
    step(draft, "approve", actors["case_worker_a2"])  # a colleague may
    assert draft.status == S.APPROVED


def test_roles_outside_their_part_are_refused(draft, actors) -> None:
    with pytest.raises(ValidationError, match="Rolle"):
        step(draft, "submit", actors["case_worker_a"])
    with pytest.raises(ValidationError, match="Rolle"):
        step(draft, "submit", actors["gemeinde_b"])
    step(draft, "submit", actors["gemeinde_a"])
    with pytest.raises(ValidationError, match="Rolle"):
        step(draft, "start_review", actors["case_worker_b"])  # not responsible for Kreis A


def test_request_for_information_needs_a_message(draft, actors) -> None:
    step(draft, "submit", actors["gemeinde_a"])
    step(draft, "start_review", actors["case_worker_a"])
    with pytest.raises(ValidationError, match="Begründung bzw. Nachricht"):
        step(draft, "request_info", actors["case_worker_a"], message="  ")
    assert draft.status == S.IN_REVIEW


def test_withdrawal_until_the_decision(draft, actors) -> None:
    to_proposed(draft, actors)
    step(draft, "withdraw", actors["gemeinde_a"])
    assert draft.status == S.WITHDRAWN


def test_no_withdrawal_after_the_decision(draft, actors) -> None:
    to_proposed(draft, actors)
    step(draft, "approve", actors["head"])
    with pytest.raises(ValidationError, match="nicht möglich"):
        step(draft, "withdraw", actors["gemeinde_a"])


def test_empty_application_cannot_be_submitted(im, applicant_a, actors) -> None:
    application = services.application_create(
        programme=im, applicant=applicant_a, year=2021, actor=actors["gemeinde_a"]
    )
    with pytest.raises(ValidationError, match="mindestens eine Stelle"):
        step(application, "submit", actors["gemeinde_a"])
    assert application.status == S.DRAFT and application.file_number is None


def test_duplicate_application_for_applicant_programme_and_year(
    draft, im, applicant_a, actors
) -> None:
    with pytest.raises(ValidationError, match="bereits einen Antrag"):
        services.application_create(
            programme=im, applicant=applicant_a, year=2020, actor=actors["gemeinde_a"]
        )
    step(draft, "withdraw", actors["gemeinde_a"])
    again = services.application_create(
        programme=im, applicant=applicant_a, year=2020, actor=actors["gemeinde_a"]
    )
    assert again.status == S.DRAFT


def test_stale_version_is_refused_no_lost_update(draft, actors) -> None:
    old_version = draft.version
    services.application_transition(
        application=draft, action="submit", actor=actors["gemeinde_a"], expected_version=old_version
    )
    with pytest.raises(StaleVersion, match="inzwischen"):
        services.application_transition(
            application=draft,
            action="withdraw",
            actor=actors["gemeinde_a"],
            expected_version=old_version,
        )


def test_rejection_issues_a_rejection_notice(
    draft, actors, django_capture_on_commit_callbacks
) -> None:
    step(draft, "submit", actors["gemeinde_a"])
    step(draft, "start_review", actors["case_worker_a"])
    step(
        draft,
        "propose_rejection",
        actors["case_worker_a"],
        message="Keine Stellen im Kreis besetzt.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        step(draft, "reject", actors["head"])
    notice = Notice.objects.get(application=draft)
    text = PdfReader(io.BytesIO(notice.pdf.read())).pages[0].extract_text()
    assert "Ablehnungsbescheid" in text and "Keine Stellen im Kreis besetzt." in text


def test_a_resubmission_keeps_the_first_submission_date(draft, actors) -> None:  # type: ignore[no-untyped-def]
    """ "Ihr Antrag vom" is the first submission; the resubmission is an event of its own."""
    step(draft, "submit", actors["gemeinde_a"])
    first = dt.datetime(2020, 2, 3, 10, 0, tzinfo=timezone.get_current_timezone())
    Application.objects.filter(pk=draft.pk).update(submitted_at=first)  # submitted weeks ago
    step(draft, "start_review", actors["case_worker_a"])
    step(draft, "request_info", actors["case_worker_a"], message="Arbeitsverträge fehlen.")
    step(draft, "resubmit", actors["gemeinde_a"])
    assert draft.submitted_at == first
    resubmitted = draft.events.get(action="resubmit")
    assert resubmitted.label == "Erneut einreichen" and resubmitted.created_at > first
    step(draft, "propose_approval", actors["case_worker_a"])
    step(draft, "approve", actors["head"])
    context = documents.notice_context(notice_id=Notice.objects.get(application=draft).pk)
    text = " ".join(render_to_string("funding/pdf/notice.html", context).split())
    assert "Ihr Antrag vom 03.02.2020" in text
