"""Proof of use written by the recipient: created for an approved application, a line per funded
position, the narrative report, the digital tool's invoices (the key figures: ``key_figures``).

Each service checks ``rules.may_write_proof`` and that the proof is still open (draft, or returned
for correction), collects every German field error at once and saves nothing on an error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from pik.core import audit
from pik.core.locking import check_version
from pik.core.money import parse_money
from pik.core.uploads import PDF, UploadError, check_attachment, check_report
from pik.funding import proofs, rules
from pik.funding.models import (
    Application,
    Position,
    Programme,
    ProofInvoice,
    ProofLine,
    ProofOfUse,
)
from pik.orgs.models import User

P = ProofOfUse.Status
GRANTED = (Application.Status.APPROVED, Application.Status.NOTICE_ISSUED)
WRITE_REFUSED = "Den Verwendungsnachweis reicht nur der Zuwendungsempfänger ein."
STALE = (
    "Der Verwendungsnachweis wurde inzwischen von jemand anderem geändert. Bitte laden Sie die "
    "Seite neu und prüfen Sie die Änderungen."
)
EXTENSIONS = {PDF: "pdf", "image/png": "png", "image/jpeg": "jpg"}


def _lock_proof(proof: ProofOfUse, expected_version: int | None) -> ProofOfUse:
    """The proof's row locked (only its own row), checked against the version the form had."""
    locked = (
        ProofOfUse.objects.select_for_update(of=("self",))
        .select_related(
            "application",
            "application__programme",
            "application__applicant",
            "application__rule_version",
        )
        .get(pk=proof.pk)
    )
    check_version(locked, expected_version, message=STALE)
    return locked


def _writable(proof: ProofOfUse, actor: User) -> None:
    rules.require(rules.may_write_proof(actor, proof.application), WRITE_REFUSED)
    if proof.status not in (P.DRAFT, P.RETURNED):
        raise ValidationError(
            f"Der Verwendungsnachweis ist „{proof.get_status_display()}“ und kann nicht mehr "
            "geändert werden."
        )


def _touch(proof: ProofOfUse, *fields: str) -> None:
    proof.version += 1
    proof.save(update_fields=["version", "updated_at", *fields])


@transaction.atomic
def proof_create(
    *, application: Application, kind: str, actor: User, year: int | None = None
) -> ProofOfUse:
    """An interim proof for one calendar year of the funded period, or the one final proof."""
    rules.require(rules.may_write_proof(actor, application), WRITE_REFUSED)
    return _create(application=application, kind=kind, actor=actor, year=year)


def _create(
    *, application: Application, kind: str, actor: User | None, year: int | None
) -> ProofOfUse:
    """The proof created (the caller checked who may): the recipient, or the January job."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("programme", "rule_version", "applicant")
        .get(pk=application.pk)
    )
    if application.status not in GRANTED:
        raise ValidationError("Einen Verwendungsnachweis gibt es erst nach der Bewilligung.")
    if kind not in ProofOfUse.Kind.values:
        raise ValidationError({"kind": "Bitte Zwischen- oder Endnachweis wählen."})
    if kind == ProofOfUse.Kind.INTERIM and application.programme.kind != Programme.Kind.STAFF:
        raise ValidationError(
            {"kind": "Für Digitale Lösungen gibt es nur den Verwendungsnachweis (Endnachweis)."}
        )
    existing = ProofOfUse.objects.filter(application=application, kind=kind)
    if kind == ProofOfUse.Kind.FINAL and existing.exists():
        raise ValidationError(
            {"kind": "Für diesen Antrag gibt es bereits einen Verwendungsnachweis (Endnachweis)."}
        )
    start, end, due = proofs.proof_period(application, kind=kind, year=year)
    if kind == ProofOfUse.Kind.INTERIM and existing.filter(period_start=start).exists():
        raise ValidationError({"year": f"Für {year} gibt es bereits einen Zwischennachweis."})
    try:
        with transaction.atomic():
            proof = ProofOfUse.objects.create(
                application=application,
                kind=kind,
                period_start=start,
                period_end=end,
                due_date=due,
                created_by=actor,
            )
    except IntegrityError as exc:  # the same proof created at the same moment by a colleague
        raise ValidationError("Dieser Verwendungsnachweis wurde soeben schon angelegt.") from exc
    ProofLine.objects.bulk_create(
        ProofLine(proof=proof, position=position) for position in application.positions.all()
    )
    audit.record(
        actor=actor,
        action="proof.create",
        target=proof,
        kind=kind,
        period_start=start,
        period_end=end,
        due_date=due,
    )
    return proof


def _money(
    value: Any, errors: dict[str, str], *, field: str, what: str, missing: str
) -> Decimal | None:
    """An amount typed by a person (``what``: "Das gezahlte Entgelt"): not negative, two places;
    a German error on ``field`` otherwise."""
    text = str(value).strip() if value is not None else ""
    if text.startswith(("-", "−")) or (isinstance(value, Decimal | int) and value < 0):
        errors[field] = f"{what} darf nicht negativ sein."
        return None
    if text == "":
        errors[field] = missing
        return None
    try:
        return parse_money(value, field)
    except ValidationError as exc:
        errors[field] = " ".join(exc.messages)
        return None


def _check_line_dates(line: ProofLine, proof: ProofOfUse, errors: dict[str, str]) -> None:
    """Every date of the line inside the funded period (extended for an interruption) and, for an
    interim proof, inside its year."""
    rule = proof.application.rule_version
    first, last = line.filled_from, line.filled_to
    if (first is None) != (last is None):
        errors["filled_to"] = "Bitte Beginn und Ende der Besetzung angeben (oder beide leer)."
        return
    if first is None or last is None:
        return
    if last < first:
        errors["filled_to"] = "Das Ende der Besetzung liegt vor ihrem Beginn."
        return
    window = proofs.funded_months(line.position, rule, line)
    window = (
        max(window[0], proofs.month_index(proof.period_start)),
        window[1]
        if proof.kind == ProofOfUse.Kind.FINAL
        else min(window[1], proofs.month_index(proof.period_end)),
    )
    if proofs.month_index(first) < window[0] or proofs.month_index(last) > window[1]:
        errors["filled_from"] = (
            f"Die besetzten Monate {first:%m/%Y}–{last:%m/%Y} liegen außerhalb des "
            f"Förderzeitraums dieses Nachweises ({proofs.month_start(window[0]):%m/%Y}–"
            f"{proofs.month_start(window[1]):%m/%Y})."
        )
    pause = (line.interrupted_from, line.interrupted_to)
    if (pause[0] is None) != (pause[1] is None):
        errors["interrupted_to"] = "Bitte Beginn und Ende der Unterbrechung angeben."
    elif pause[0] and pause[1] and (pause[1] < pause[0] or pause[0] < first or pause[1] > last):
        errors["interrupted_from"] = (
            "Die Unterbrechung muss innerhalb der besetzten Monate liegen (Beginn vor Ende)."
        )
    if line.changed_on is not None:
        if not first < line.changed_on <= last:
            errors["changed_on"] = (
                "Der Wechsel muss nach Beginn und bis zum Ende der Besetzung liegen."
            )
        if not line.new_person_name and not line.new_qualification:
            errors["new_person_name"] = "Bitte die neue Person oder die neue Qualifikation angeben."
    elif line.new_person_name or line.new_qualification:
        errors["changed_on"] = "Bitte das Datum des Wechsels angeben."


@transaction.atomic
def proof_line_set(
    *,
    line: ProofLine,
    actor: User,
    filled_from: dt.date | None,
    filled_to: dt.date | None,
    salary_paid: Any,
    interrupted_from: dt.date | None = None,
    interrupted_to: dt.date | None = None,
    changed_on: dt.date | None = None,
    new_person_name: str = "",
    new_qualification: str = "",
    expected_version: int | None = None,
) -> ProofLine:
    """What one funded position actually had: months filled, salary paid, an interruption, a
    change of person or qualification; rated with the rule version, every error at once."""
    proof = _lock_proof(line.proof, expected_version)
    _writable(proof, actor)
    line = ProofLine.objects.select_related("position").get(pk=line.pk, proof=proof)
    errors: dict[str, str] = {}
    salary = _money(
        salary_paid,
        errors,
        field="salary_paid",
        what="Das gezahlte Entgelt",
        missing="Bitte das gezahlte Entgelt angeben (0,00, wenn nichts gezahlt).",
    )
    if new_qualification and new_qualification not in Position.Qualification.values:
        errors["new_qualification"] = "Bitte eine Qualifikation aus der Liste wählen."
    line.filled_from, line.filled_to = filled_from, filled_to
    line.interrupted_from, line.interrupted_to = interrupted_from, interrupted_to
    line.changed_on, line.new_person_name = changed_on, new_person_name.strip()
    line.new_qualification = new_qualification
    _check_line_dates(line, proof, errors)
    if errors:
        raise ValidationError(errors)
    line.salary_paid = salary
    rated = proofs.rate_line(line, proof.application.rule_version)
    line.months_filled, line.eligible_amount = rated.months, rated.eligible
    line.save()
    fields: list[str] = []
    if proof.kind == ProofOfUse.Kind.FINAL:  # an interruption may move the longest end
        rule = proof.application.rule_version
        longest = max(
            proofs.funded_end(other.position, rule, other)
            for other in proof.lines.select_related("position")
        )
        _, end, due = proofs.proof_period(
            proof.application, kind=proof.kind, year=None, longest_end=longest
        )
        proof.period_end, proof.due_date, fields = end, due, ["period_end", "due_date"]
    _touch(proof, *fields)
    audit.record(
        actor=actor,
        action="proof.line_set",
        target=proof,
        position_id=line.position_id,
        months=rated.months,
        salary_paid=salary,
        eligible=rated.eligible,
    )
    return line


@transaction.atomic
def proof_report_upload(*, proof: ProofOfUse, upload: UploadedFile, actor: User) -> ProofOfUse:
    """The narrative report (Sachbericht): PDF or Word, checked by its content; a new upload
    replaces the earlier one (one report per applicant and proof)."""
    proof = _lock_proof(proof, None)
    _writable(proof, actor)
    try:
        data, kind = check_report(upload)
    except UploadError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    digest = hashlib.sha256(data).hexdigest()
    extension = "pdf" if kind == PDF else "docx"
    proof.report.save(f"sachbericht-{digest[:16]}.{extension}", ContentFile(data), save=False)
    proof.report_name = (upload.name or "Sachbericht")[:255]
    proof.report_type, proof.report_sha256 = kind, digest
    _touch(proof, "report", "report_name", "report_type", "report_sha256")
    audit.record(
        actor=actor,
        action="proof.report_upload",
        target=proof,
        name=proof.report_name,
        size=len(data),
    )
    return proof


@transaction.atomic
def proof_invoice_add(
    *,
    proof: ProofOfUse,
    invoice_date: dt.date,
    number: str,
    supplier: str,
    amount: Any,
    upload: UploadedFile,
    actor: User,
) -> ProofInvoice:
    """An invoice for the digital tool with its amount and the invoice itself (PDF or image,
    checked by content), dated inside the proof's period."""
    proof = _lock_proof(proof, None)
    _writable(proof, actor)
    if proof.application.programme.kind != proof.application.programme.Kind.DIGITAL:
        raise ValidationError("Rechnungen gehören zum Nachweis der Digitalen Lösungen.")
    errors: dict[str, str] = {}
    value = _money(
        amount, errors, field="amount", what="Der Betrag", missing="Bitte den Betrag angeben."
    )
    if value is not None and value <= 0:
        errors["amount"] = "Der Betrag muss größer als 0 sein."
    if not number.strip():
        errors["number"] = "Bitte die Rechnungsnummer angeben."
    if not supplier.strip():
        errors["supplier"] = "Bitte den Rechnungssteller angeben."
    if not proof.period_start <= invoice_date <= proof.period_end:
        errors["invoice_date"] = (
            f"Das Rechnungsdatum liegt außerhalb des Zeitraums des Nachweises "
            f"({proof.period_start:%d.%m.%Y}–{proof.period_end:%d.%m.%Y})."
        )
    try:
        data, kind = check_attachment(upload)
    except UploadError as exc:
        errors["file"] = str(exc)
    if errors or value is None:
        raise ValidationError(errors)
    invoice = ProofInvoice(
        proof=proof,
        invoice_date=invoice_date,
        number=number.strip(),
        supplier=supplier.strip(),
        amount=value,
        original_name=(upload.name or "Rechnung")[:255],
        content_type=kind,
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
    invoice.file.save(f"{invoice.sha256[:16]}.{EXTENSIONS[kind]}", ContentFile(data), save=False)
    invoice.save()
    _touch(proof)
    audit.record(
        actor=actor,
        action="proof.invoice_add",
        target=proof,
        amount=value,
        invoice=invoice.number,
    )
    return invoice
