"""Applications: the draft created, and each step of the procedure through the transition table.

The helpers here (row lock with the optimistic version check, the editable check, the recomputed
amount, the history event) are shared by the services on an application's contents
(``positions``, ``attachments``) and by the notices.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from pik.core import audit
from pik.core.locking import check_version
from pik.core.money import parse_money
from pik.core.numbers import format_money
from pik.core.tasks import enqueue_in_transaction
from pik.funding import ledger, rules, selectors
from pik.funding.calculation import approved_per_year
from pik.funding.models import Applicant, Application, ApplicationEvent, Notice, Programme
from pik.funding.workflow import APPLICATION
from pik.orgs.models import User

S = Application.Status
#: By path, not imported: the tasks module imports these services.
NOTICE_RENDER = "pik.funding.tasks.notice_render"
ANSWER_DAYS = 28
REVIEW_DAYS = 56
STALE = (
    "Der Antrag wurde inzwischen von jemand anderem geändert. Bitte laden Sie die Seite neu und "
    "prüfen Sie die Änderungen."
)


def _event(
    application: Application,
    *,
    action: str,
    label: str,
    old: str,
    actor: User | None,
    message: str = "",
) -> None:
    ApplicationEvent.objects.create(
        application=application,
        action=action,
        label=label,
        from_status=old,
        to_status=application.status,
        actor=actor,
        message=message,
    )


def _lock(application: Application, expected_version: int | None) -> Application:
    # ``of=("self",)``: only the application's row. A plain FOR UPDATE over the join would also
    # lock the programme and rule-version rows that every application statewide shares, and so
    # serialise all steps of all applicants; what must be serial is the budget (ledger.commit).
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("applicant", "programme", "rule_version")
        .get(pk=application.pk)
    )
    check_version(locked, expected_version, message=STALE)
    return locked


@transaction.atomic
def application_create(
    *, programme: Programme, applicant: Applicant, year: int, actor: User
) -> Application:
    """A draft for the applicant and funding year, under the rule version in force at the year's
    end; the staff programme caps it at the applicant's contingent, fixed now."""
    if not rules.is_applicant_for(actor, applicant):
        raise ValidationError("Sie dürfen für diesen Antragsteller keinen Antrag stellen.")
    if applicant.programme_id != programme.pk:
        raise ValidationError("Der Antragsteller gehört zu einem anderen Förderprogramm.")
    if not applicant.is_bound:
        missing = selectors.pooling_missing(applicant=applicant)
        raise ValidationError(
            f"„{applicant}“ ist noch ein Vorschlag und bindet niemanden: es fehlt die "
            f"Zustimmung von {', '.join(g.name for g in missing)}."
        )
    if year < programme.start_date.year:
        raise ValidationError({"year": f"Das Programm beginnt erst {programme.start_date.year}."})
    if (
        Application.objects.filter(programme=programme, applicant=applicant, year=year)
        .exclude(status=S.WITHDRAWN)
        .exists()
    ):
        raise ValidationError(
            f"Für {applicant} gibt es im Förderjahr {year} bereits einen Antrag in diesem Programm."
        )
    rule = selectors.rule_version_for(programme=programme, on=dt.date(year, 12, 31))
    application = Application(
        programme=programme,
        applicant=applicant,
        year=year,
        rule_version=rule,
        created_by=actor,
        contingent=selectors.applicant_contingent(applicant=applicant, year=year)
        if programme.kind == Programme.Kind.STAFF
        else None,
    )
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:
        raise ValidationError("Für diesen Antragsteller gibt es bereits einen Antrag.") from exc
    _event(application, action="create", label="Entwurf angelegt", old="", actor=actor)
    audit.record(
        actor=actor,
        action="application.create",
        target=application,
        year=year,
        rule_version=rule.name,
    )
    return application


def _editable(application: Application, actor: User) -> None:
    if application.status not in (S.DRAFT, S.INFO_REQUESTED):
        raise ValidationError("Der Antrag kann in diesem Status nicht mehr geändert werden.")
    if not rules.is_applicant_of(actor, application):
        # A whole sentence: a negation cannot be glued onto a phrase that ends in its verb
        # ("Sie dürfen diesen Antrag ändern nicht.").
        raise ValidationError("Sie dürfen diesen Antrag nicht ändern.")


def _recompute(application: Application) -> None:
    total = application.positions.aggregate(s=Sum("amount"))["s"] or Decimal("0.00")
    if application.programme.kind == Programme.Kind.DIGITAL:
        total = application.tool_costs or Decimal("0.00")
    elif application.contingent is not None:
        total = min(total, application.contingent)
    application.requested_amount = total
    application.version += 1
    application.save(update_fields=["requested_amount", "version", "updated_at"])


def _completeness(application: Application) -> None:
    if application.programme.kind == Programme.Kind.STAFF:
        if not application.positions.exists():
            raise ValidationError("Bitte mindestens eine Stelle angeben.")
        return
    if not application.tool_name or not application.tool_costs:
        raise ValidationError("Bitte das Werkzeug und seine Kosten angeben.")
    missing = selectors.missing_access(application=application)
    if missing or not application.access_confirmed:
        names = ", ".join(str(u) for u in missing)
        raise ValidationError(
            "Alle Integrationsmanagerinnen und -manager im Kreis müssen Zugang erhalten."
            + (f" Es fehlen: {names}." if names else " Bitte bestätigen Sie den Zugang für alle.")
        )


def _file_number(application: Application) -> str:
    prefix = (
        f"RPS15.2-{application.programme.code.upper()}-{application.year}-"
        f"{application.applicant.kreis.ags}-"
    )
    taken = Application.objects.filter(file_number__startswith=prefix).count()
    return f"{prefix}{taken + 1:04d}"


def _prepare_step(
    application: Application, action: str, actor: User, message: str, amount: Any
) -> set[str]:
    """Checks and field changes a step needs before its state changes; the changed fields."""
    fields: set[str] = set()
    if action in ("submit", "resubmit"):
        _completeness(application)
        # The first submission is the application's date ("Ihr Antrag vom"); a resubmission
        # after a request for information is an event of its own and keeps that date.
        if application.submitted_at is None:
            application.submitted_at = timezone.now()
            fields.add("submitted_at")
        if not application.file_number:
            application.file_number = _file_number(application)
            fields.add("file_number")
    if action in ("request_info", "propose_rejection", "send_back") and not message.strip():
        raise ValidationError({"message": "Bitte eine Begründung bzw. Nachricht angeben."})
    # Deadlines: the applicant answers a request within ANSWER_DAYS; the RPS decides a
    # submission within REVIEW_DAYS (shown in the workbench, overdue ones first).
    if action == "request_info":
        application.due_date = timezone.localdate() + dt.timedelta(days=ANSWER_DAYS)
        fields.add("due_date")
    elif action in ("submit", "resubmit"):
        application.due_date = timezone.localdate() + dt.timedelta(days=REVIEW_DAYS)
        fields.add("due_date")
    if action == "propose_approval":
        value = application.requested_amount if amount in (None, "") else parse_money(amount)
        if value <= 0 or value > application.requested_amount:
            raise ValidationError(
                {
                    "amount": "Der Betrag muss größer 0 und höchstens "
                    f"{format_money(application.requested_amount, language='de')} (beantragt) sein."
                }
            )
        application.approved_amount = value
        fields.add("approved_amount")
    if action in ("propose_approval", "propose_rejection"):
        application.proposed_by = actor
        fields.add("proposed_by")
    if message.strip():
        application.message = message.strip()
        fields.add("message")
    return fields


@transaction.atomic
def application_transition(
    *,
    application: Application,
    action: str,
    actor: User,
    message: str = "",
    amount: Any = None,
    expected_version: int | None = None,
) -> Application:
    """One step of the procedure, checked against the transition table."""
    application = _lock(application, expected_version)
    old = application.status
    transition = APPLICATION.apply(application, action=action, user=actor)  # the rule: the table
    fields = {"status", "version", "updated_at"} | _prepare_step(
        application, action, actor, message, amount
    )
    application.version += 1
    if action in ("approve", "reject"):
        application.decided_by, application.decided_at = actor, timezone.now()
        fields |= {"decided_by", "decided_at"}
    if action == "approve":
        # Bound per budget year like the positions' months (docs/decisions/0028).
        ledger.commit_approval(
            application=application,
            parts=approved_per_year(
                funding_year=application.year,
                approved=application.approved_amount or Decimal("0.00"),
                positions=list(application.positions.all()),
            ),
            actor=actor,
        )
    application.save(update_fields=sorted(fields))
    _event(
        application, action=action, label=transition.label, old=old, actor=actor, message=message
    )
    audit.record(
        actor=actor,
        action=f"application.{action}",
        target=application,
        from_status=old,
        to_status=application.status,
        amount=application.approved_amount if action in ("approve", "propose_approval") else None,
    )
    if action in ("approve", "reject"):
        notice = Notice.objects.create(
            application=application,
            kind=Notice.Kind.APPROVAL if action == "approve" else Notice.Kind.REJECTION,
            issued_by=actor,
        )
        # Queued in this transaction: the notice is rendered exactly if the decision commits.
        enqueue_in_transaction(NOTICE_RENDER, notice_id=notice.pk)
    return application
