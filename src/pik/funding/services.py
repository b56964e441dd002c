"""Every write of the funding procedures."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Sum
from django.utils import timezone

from pik.core import audit
from pik.core.money import allocate, to_cents
from pik.core.tasks import enqueue_in_transaction, tasks_pending
from pik.core.uploads import UploadError, check_attachment
from pik.core.workflow import TransitionNotAllowed
from pik.funding import calculation, ledger
from pik.funding.models import (
    Applicant,
    Application,
    ApplicationEvent,
    Attachment,
    Budget,
    Contingent,
    Notice,
    Position,
    Programme,
    RuleVersion,
)
from pik.funding.rules import application_roles
from pik.funding.uploads import read_person_rows
from pik.funding.workflow import APPLICATION
from pik.orgs.models import Gemeinde, Kreis, Provider, User
from pik.orgs.selectors import managers_in_kreis

S = Application.Status
log = logging.getLogger(__name__)
#: By path, not imported: the tasks module imports these services.
NOTICE_RENDER = "pik.funding.tasks.notice_render"


ANSWER_DAYS = 28
REVIEW_DAYS = 56


class StaleObject(ValidationError):
    """Someone else changed the record since it was loaded (optimistic locking)."""


def parse_money(value: Any, field: str = "amount") -> Decimal:
    """A Decimal with at most two places, else a German ValidationError."""
    try:
        amount = Decimal(str(value).strip().replace(" ", ""))
        to_cents(amount)
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(
            {field: f"„{value}“ ist kein gültiger Betrag (höchstens zwei Nachkommastellen)."}
        ) from exc
    return amount


# --- Rule versions --------------------------------------------------------------------------


def rule_version_for(programme: Programme, on: dt.date) -> RuleVersion:
    """The rule version in force on ``on`` (the latest that started on or before it)."""
    rule = (
        RuleVersion.objects.filter(programme=programme, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
    if rule is None:
        raise ValidationError(
            f"Für {programme} gilt am {on:%d.%m.%Y} noch keine Fassung der Förderrichtlinie."
        )
    return rule


@transaction.atomic
def rule_version_create(*, programme: Programme, actor: User | None, **fields: Any) -> RuleVersion:
    if RuleVersion.objects.filter(
        programme=programme, effective_from=fields["effective_from"]
    ).exists():
        raise ValidationError(
            {"effective_from": "Ab diesem Datum gibt es bereits eine Fassung der Förderrichtlinie."}
        )
    rule = RuleVersion(programme=programme, **fields)
    rule.full_clean()
    rule.save()
    audit.record(actor=actor, action="rule_version.create", target=rule, name=rule.name)
    return rule


# --- Budgets -------------------------------------------------------------------------------


@transaction.atomic
def budget_set_total(*, budget: Budget, total: Any, actor: User) -> Budget:
    """The ministry changes a yearly budget; never below what is already committed."""
    total = parse_money(total, "total")
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    committed = ledger.balances(budget).committed
    if total < committed:
        raise ValidationError(
            {
                "total": "Der Ansatz kann nicht unter die gebundenen Mittel "
                f"({committed} EUR) sinken."
            }
        )
    old = budget.total
    budget.total = total
    budget.save(update_fields=["total", "updated_at"])
    audit.record(actor=actor, action="budget.set_total", target=budget, old=old, new=total)
    return budget


# --- Contingents and applicants -------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    saved: int
    errors: list[str]


@transaction.atomic
def contingents_import(
    *,
    programme: Programme,
    data: bytes | IO[bytes],
    filename: str,
    actor: User | None,
    is_demo: bool = False,
) -> ImportResult:
    """Persons in follow-up housing per Gemeinde on the rule's reference date → contingents.

    All rows are checked first; with any bad row nothing is saved and every error is listed.
    ``data`` is best the uploaded file itself: it is then size-checked before it is read and
    read as a stream (``pik.core.tables``).
    """
    try:
        rows = read_person_rows(data, filename)
    except UploadError as exc:
        return ImportResult(0, [str(exc)])
    rule = (
        RuleVersion.objects.filter(programme=programme, reference_date__isnull=False)
        .order_by("-effective_from")
        .first()
    )
    if rule is None or rule.reference_date is None or rule.rate_per_person is None:
        return ImportResult(
            0, ["Keine Fassung der Förderrichtlinie mit Stichtag und Betrag je Person."]
        )
    # (pk, name) by AGS, and ids instead of model objects below: with 11,000 Gemeinden the
    # model instances were most of the import's time (bench/bench_contingents.py).
    gemeinden = {
        ags: (pk, name) for ags, pk, name in Gemeinde.objects.values_list("ags", "pk", "name")
    }
    errors: list[str] = []
    parsed: dict[str, tuple[int, int]] = {}
    for row in rows:
        gemeinde = gemeinden.get(row.ags)
        if gemeinde is None:
            errors.append(f"Zeile {row.line}: unbekannter Gemeindeschlüssel „{row.ags}“.")
            continue
        if row.ags in parsed:
            errors.append(f"Zeile {row.line}: Gemeinde {row.ags} kommt doppelt vor.")
            continue
        try:
            persons = int(row.persons.replace(".", "")) if row.persons else None
        except ValueError:
            persons = None
        if persons is None or persons <= 0:
            errors.append(
                f"Zeile {row.line} ({gemeinde[1]}): „{row.persons}“ ist keine Personenzahl "
                "größer 0."
            )
            continue
        parsed[row.ags] = (gemeinde[0], persons)
    if not parsed and not errors:
        errors.append("Die Datei enthält keine Zeilen.")
    if errors:
        return ImportResult(0, errors)
    _upsert_contingents(
        [
            (gemeinde_id, persons, calculation.contingent_amount(rule, persons))
            for gemeinde_id, persons in parsed.values()
        ],
        programme=programme,
        rule=rule,
        is_demo=is_demo,
    )
    audit.record(
        actor=actor,
        action="contingents.import",
        target=programme,
        rows=len(parsed),
        reference_date=rule.reference_date,
        rule_version=rule.name,
        filename=filename,
    )
    return ImportResult(len(parsed), [])


def _column(name: str) -> str:
    field = Contingent._meta.get_field(name)
    assert isinstance(field, models.Field)  # noqa: S101 - concrete fields only
    return str(field.column)


def _upsert_contingents(
    rows: list[tuple[int, int, Decimal]], *, programme: Programme, rule: RuleVersion, is_demo: bool
) -> None:
    """Insert or update one contingent per (Gemeinde, persons, amount), many rows a statement.

    Measured (bench/bench_contingents.py, 11,000 Gemeinden): bulk_update took 6–8 s and
    bulk_create(update_conflicts=True) 0.8–1.3 s, most of it Django preparing 110,000 values
    one by one. Now: on PostgreSQL one INSERT … SELECT FROM unnest(arrays) ON CONFLICT (~0.34 s),
    on SQLite multi-row INSERT … ON CONFLICT statements (~0.14 s); the unique constraint is
    contingent_unique.
    """
    ops = connection.ops
    names = ("created_at", "updated_at", "programme", "rule_version", "gemeinde",
             "reference_date", "persons", "amount", "is_demo")  # fmt: skip
    column = {name: ops.quote_name(_column(name)) for name in names}
    updated = ("updated_at", "rule_version", "persons", "amount", "is_demo")
    unique = ("programme", "reference_date", "gemeinde")
    now = ops.adapt_datetimefield_value(timezone.now())
    reference_date = ops.adapt_datefield_value(rule.reference_date)
    table = ops.quote_name(Contingent._meta.db_table)
    conflict = f"ON CONFLICT ({', '.join(column[n] for n in unique)}) DO UPDATE SET " + ", ".join(
        f"{column[n]} = excluded.{column[n]}" for n in updated
    )
    if connection.vendor == "postgresql":
        # Three arrays instead of 99,000 placeholders: psycopg spent most of the time splitting
        # the long statement (measured with cProfile on the 11,000 case).
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(column.values())}) "  # noqa: S608 - quoted model identifiers
                "SELECT %s, %s, %s, %s, g, %s, p, a, %s "
                "FROM unnest(%s::bigint[], %s::integer[], %s::numeric[]) AS u(g, p, a) "
                + conflict,
                [now, now, programme.pk, rule.pk, reference_date, is_demo,
                 [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]],
            )  # fmt: skip
        return
    per_statement = min(1000, (connection.features.max_query_params or 10_000) // len(names))
    row_sql = f"({', '.join(['%s'] * len(names))})"
    for start in range(0, len(rows), per_statement):
        batch = rows[start : start + per_statement]
        params: list[Any] = []
        for gemeinde_id, persons, amount in batch:
            params += [now, now, programme.pk, rule.pk, gemeinde_id, reference_date, persons,
                       ops.adapt_decimalfield_value(amount, 14, 2), is_demo]  # fmt: skip
        # Identifiers come from the model and are quoted; every value is a parameter.
        sql = "".join([
            f"INSERT INTO {table} ",
            f"({', '.join(column.values())}) VALUES {', '.join([row_sql] * len(batch))} ",
            conflict,
        ])  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


@transaction.atomic
def contingents_split_budget(*, programme: Programme, budget: Budget, actor: User | None) -> int:
    """Split a fixed budget over all contingents in proportion to persons (exact to the cent)."""
    contingents = list(Contingent.objects.filter(programme=programme).order_by("gemeinde__ags"))
    if not contingents:
        raise ValidationError("Es sind noch keine Personenzahlen eingelesen.")
    shares = allocate(budget.total, {c.gemeinde_id: c.persons for c in contingents})
    for c in contingents:
        c.budget_share = shares[c.gemeinde_id]
    Contingent.objects.bulk_update(contingents, ["budget_share"], batch_size=1000)
    audit.record(
        actor=actor, action="contingents.split_budget", target=budget, parts=len(contingents)
    )
    return len(contingents)


def applicant_contingent(applicant: Applicant) -> Decimal:
    total = Contingent.objects.filter(
        programme=applicant.programme, gemeinde__in=applicant.members.all()
    ).aggregate(s=Sum("amount"))["s"]
    return total or Decimal("0.00")


def _members_free(programme: Programme, gemeinden: Iterable[Gemeinde]) -> None:
    taken = (
        Applicant.objects.filter(programme=programme, members__in=list(gemeinden))
        .values_list("members__name", flat=True)
        .distinct()
    )
    if taken:
        raise ValidationError(
            "Diese Gemeinden gehören schon zu einem Antragsteller: " + ", ".join(sorted(taken))
        )


@transaction.atomic
def applicant_create(
    *,
    programme: Programme,
    kind: str,
    members: list[Gemeinde],
    actor: User | None,
    lead: Gemeinde | None = None,
    kreis: Kreis | None = None,
    name: str = "",
) -> Applicant:
    """A Gemeinde alone, a pooling (also across Kreis borders) or a hand-over to the Kreis."""
    if not members:
        raise ValidationError("Es muss mindestens eine Gemeinde angegeben werden.")
    _members_free(programme, members)
    rule = rule_version_for(programme, timezone.localdate())
    contingents = {
        c.gemeinde_id: c.amount
        for c in Contingent.objects.filter(programme=programme, gemeinde__in=members)
    }
    missing = [g.name for g in members if g.pk not in contingents]
    if missing and kind != Applicant.Kind.KREIS:
        raise ValidationError("Für diese Gemeinden gibt es kein Kontingent: " + ", ".join(missing))
    total = sum(contingents.values(), Decimal("0.00"))
    if kind == Applicant.Kind.GEMEINDE:
        if len(members) != 1:
            raise ValidationError("Eine Gemeinde beantragt allein nur für sich selbst.")
        lead = members[0]
        if total < rule.min_contingent:
            raise ValidationError(
                f"{lead} erreicht mit {total} EUR nicht das Mindestkontingent von "
                f"{rule.min_contingent} EUR: bitte zusammenschließen oder an den Kreis übertragen."
            )
        kreis, name = lead.kreis, name or str(lead)
    elif kind == Applicant.Kind.POOLING:
        if lead is None or lead not in members or len(members) < 2:
            raise ValidationError(
                "Ein Zusammenschluss braucht mindestens zwei Gemeinden und eine federführende."
            )
        if total < rule.min_contingent:
            raise ValidationError(
                f"Der Zusammenschluss erreicht mit {total} EUR nicht das Mindestkontingent "
                f"von {rule.min_contingent} EUR."
            )
        kreis, name = lead.kreis, name or f"Zusammenschluss {lead} u. a."
    else:
        if kreis is None:
            raise ValidationError("Für die Übertragung an den Kreis fehlt der Kreis.")
        outside = [g.name for g in members if g.kreis_id != kreis.pk]
        if outside:
            raise ValidationError("Diese Gemeinden liegen nicht im Kreis: " + ", ".join(outside))
        lead, name = None, name or f"Landratsamt {kreis}"
    applicant = Applicant.objects.create(
        programme=programme, kind=kind, name=name, kreis=kreis, gemeinde=lead
    )
    applicant.members.set(members)
    audit.record(
        actor=actor,
        action="applicant.create",
        target=applicant,
        kreis_id=kreis.pk,
        kind=kind,
        members=[g.ags for g in members],
        contingent=total,
    )
    return applicant


# --- Applications ---------------------------------------------------------------------------


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
    locked = (
        Application.objects.select_for_update()
        .select_related("applicant", "programme", "rule_version")
        .get(pk=application.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise StaleObject(
            "Der Antrag wurde inzwischen von jemand anderem geändert. Bitte laden Sie die Seite "
            "neu und prüfen Sie die Änderungen."
        )
    return locked


def _require(application: Application, actor: User, role: str, refusal: str) -> None:
    """Refuse with ``refusal``, a whole German sentence: a negation cannot be glued onto a
    phrase that ends in its verb ("Sie dürfen diesen Antrag ändern nicht.")."""
    if role not in application_roles(actor, application):
        raise ValidationError(refusal)


@transaction.atomic
def application_create(
    *, programme: Programme, applicant: Applicant, year: int, actor: User
) -> Application:
    if applicant.programme_id != programme.pk:
        raise ValidationError("Der Antragsteller gehört zu einem anderen Förderprogramm.")
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
    rule = rule_version_for(programme, dt.date(year, 12, 31))
    application = Application(
        programme=programme,
        applicant=applicant,
        year=year,
        rule_version=rule,
        created_by=actor,
        contingent=applicant_contingent(applicant)
        if programme.kind == Programme.Kind.STAFF
        else None,
    )
    _require(
        application,
        actor,
        "applicant",
        "Sie dürfen für diesen Antragsteller keinen Antrag stellen.",
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
        kreis_id=applicant.kreis_id,
        year=year,
        rule_version=rule.name,
    )
    return application


def _editable(application: Application, actor: User) -> None:
    if application.status not in (S.DRAFT, S.INFO_REQUESTED):
        raise ValidationError("Der Antrag kann in diesem Status nicht mehr geändert werden.")
    _require(application, actor, "applicant", "Sie dürfen diesen Antrag nicht ändern.")


def _recompute(application: Application) -> None:
    total = application.positions.aggregate(s=Sum("amount"))["s"] or Decimal("0.00")
    if application.programme.kind == Programme.Kind.DIGITAL:
        total = application.tool_costs or Decimal("0.00")
    elif application.contingent is not None:
        total = min(total, application.contingent)
    application.requested_amount = total
    application.version += 1
    application.save(update_fields=["requested_amount", "version", "updated_at"])


@transaction.atomic
def position_add(
    *,
    application: Application,
    person_name: str,
    qualification: str,
    share: Any,
    start_date: dt.date,
    months: int,
    actor: User,
    provider: Provider | None = None,
    expected_version: int | None = None,
) -> Position:
    application = _lock(application, expected_version)
    _editable(application, actor)
    rule = application.rule_version
    errors: dict[str, str] = {}
    try:
        share = Decimal(str(share).replace(",", "."))
    except InvalidOperation:
        share = Decimal(-1)
    if not person_name.strip():
        errors["person_name"] = "Die Person muss namentlich benannt werden."
    if qualification not in Position.Qualification.values:
        errors["qualification"] = "Bitte die Qualifikation wählen."
    if share < rule.min_position_share or share > 1 or share != share.quantize(Decimal("0.01")):
        errors["share"] = (
            f"Der Stellenanteil muss zwischen {rule.min_position_share} und 1,00 VZÄ liegen "
            "(höchstens zwei Nachkommastellen)."
        )
    if months < 1 or months > rule.max_total_months:
        errors["months"] = (
            f"Die Förderdauer muss zwischen 1 und {rule.max_total_months} Monaten liegen "
            f"({rule.name})."
        )
    if start_date < application.programme.start_date:
        errors["start_date"] = (
            f"Der Beginn liegt vor dem Start des Programms "
            f"({application.programme.start_date:%d.%m.%Y})."
        )
    if provider is not None and provider.kreis_id != application.applicant.kreis_id:
        errors["provider"] = "Der Träger hat seinen Sitz nicht im Kreis des Antragstellers."
    if errors:
        raise ValidationError(errors)
    position = Position.objects.create(
        application=application,
        person_name=person_name.strip(),
        qualification=qualification,
        share=share,
        start_date=start_date,
        months=months,
        provider=provider,
        amount=calculation.position_amount(
            rule, qualification=qualification, share=share, months=months
        ),
    )
    _recompute(application)
    audit.record(
        actor=actor,
        action="position.add",
        target=application,
        kreis_id=application.applicant.kreis_id,
        position_id=position.pk,
        amount=position.amount,
    )
    return position


@transaction.atomic
def position_remove(*, position: Position, actor: User) -> None:
    application = _lock(position.application, None)
    _editable(application, actor)
    position_id = position.pk
    position.delete()
    _recompute(application)
    audit.record(
        actor=actor,
        action="position.remove",
        target=application,
        kreis_id=application.applicant.kreis_id,
        position_id=position_id,
    )


@transaction.atomic
def digital_details_set(
    *,
    application: Application,
    tool_name: str,
    tool_description: str,
    tool_costs: Any,
    access_granted: Iterable[User],
    access_confirmed: bool,
    actor: User,
    expected_version: int | None = None,
) -> Application:
    application = _lock(application, expected_version)
    _editable(application, actor)
    if application.programme.kind != Programme.Kind.DIGITAL:
        raise ValidationError("Nur Anträge für Digitale Lösungen haben diese Angaben.")
    costs = parse_money(tool_costs, "tool_costs")
    if costs <= 0:
        raise ValidationError({"tool_costs": "Die Kosten müssen größer als 0 sein."})
    application.tool_name = tool_name.strip()
    application.tool_description = tool_description.strip()
    application.tool_costs = costs
    application.access_confirmed = access_confirmed
    application.save(
        update_fields=[
            "tool_name",
            "tool_description",
            "tool_costs",
            "access_confirmed",
            "updated_at",
        ]
    )
    known = {u.pk for u in managers_in_kreis(kreis_id=application.applicant.kreis_id)}
    application.access_granted.set([u for u in access_granted if u.pk in known])
    _recompute(application)
    audit.record(
        actor=actor,
        action="application.digital_details",
        target=application,
        kreis_id=application.applicant.kreis_id,
        costs=costs,
    )
    return application


def missing_access(application: Application) -> list[User]:
    """Managers in the Kreis who would not get access to the tool (blocks submission)."""
    granted = set(application.access_granted.values_list("pk", flat=True))
    return [
        u for u in managers_in_kreis(kreis_id=application.applicant.kreis_id) if u.pk not in granted
    ]


@transaction.atomic
def attachment_add(*, application: Application, upload: UploadedFile, actor: User) -> Attachment:
    application = _lock(application, None)
    _editable(application, actor)
    try:
        data, kind = check_attachment(upload)
    except UploadError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    attachment = Attachment(
        application=application,
        original_name=(upload.name or "Anlage")[:255],
        content_type=kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[kind]
    attachment.file.save(f"{attachment.sha256[:16]}.{extension}", ContentFile(data), save=False)
    attachment.save()
    audit.record(
        actor=actor,
        action="attachment.add",
        target=application,
        kreis_id=application.applicant.kreis_id,
        name=attachment.original_name,
        size=len(data),
    )
    return attachment


def _completeness(application: Application) -> None:
    if application.programme.kind == Programme.Kind.STAFF:
        if not application.positions.exists():
            raise ValidationError("Bitte mindestens eine Stelle angeben.")
        return
    if not application.tool_name or not application.tool_costs:
        raise ValidationError("Bitte das Werkzeug und seine Kosten angeben.")
    missing = missing_access(application)
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
                    f"{application.requested_amount} EUR (beantragt) sein."
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
    try:
        transition = APPLICATION.check(application, action=action, user=actor)
    except TransitionNotAllowed as exc:
        raise ValidationError(str(exc)) from exc
    old = application.status
    fields = {"status", "version", "updated_at"} | _prepare_step(
        application, action, actor, message, amount
    )
    application.status = transition.target
    application.version += 1
    if action in ("approve", "reject"):
        application.decided_by, application.decided_at = actor, timezone.now()
        fields |= {"decided_by", "decided_at"}
    if action == "approve":
        # The whole grant is bound in the funding year's budget (the notice shows the amounts
        # per calendar year of the positions; see docs/decisions/0006).
        budget = Budget.objects.filter(
            programme=application.programme, year=application.year
        ).first()
        if budget is None:
            raise ValidationError(f"Für {application.year} ist kein Haushaltsansatz angelegt.")
        ledger.commit(
            budget=budget,
            amount=application.approved_amount or Decimal("0.00"),
            application=application,
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
        kreis_id=application.applicant.kreis_id,
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


@transaction.atomic
def notice_store_pdf(*, notice_id: int, pdf: bytes) -> Notice:
    """Store the rendered notice and mark the application as notified (system step).

    Idempotent under the notice's row lock: a second render of the same notice (a worker that
    died after storing, a task queued again by the check) stores nothing and issues nothing.
    """
    notice = Notice.objects.select_for_update().select_related("application").get(pk=notice_id)
    if notice.pdf:
        log.info("Bescheid %s hat schon ein PDF; nicht erneut gespeichert.", notice_id)
        return notice
    notice.pdf.save(
        f"{notice.application.file_number or notice.pk}.pdf", ContentFile(pdf), save=False
    )
    notice.rendered_at = timezone.now()
    notice.save(update_fields=["pdf", "rendered_at", "updated_at"])
    application = Application.objects.select_for_update().get(pk=notice.application_id)
    if application.status == S.APPROVED:
        old = application.status
        application.status = S.NOTICE_ISSUED
        application.version += 1
        application.save(update_fields=["status", "version", "updated_at"])
        _event(application, action="notice", label="Bescheid erlassen", old=old, actor=None)
    audit.record(
        actor=None,
        action="notice.rendered",
        target=notice,
        kreis_id=application.applicant.kreis_id,
        size=len(pdf),
    )
    return notice


@transaction.atomic
def notice_requeue_missing(*, older_than: dt.timedelta | None = None) -> list[int]:
    """Queue the rendering again for notices still without PDF (system step, periodic check).

    Catches what the reaper cannot: a render task that failed, or one lost on a backend outside
    the database. Notices younger than ``older_than`` (NOTICE_CHECK_MINUTES) are on their way,
    and those with a queued or running task are skipped, so nothing is rendered twice at once.
    """
    if older_than is None:
        older_than = dt.timedelta(minutes=settings.NOTICE_CHECK_MINUTES)
    missing = Notice.objects.filter(pdf="", created_at__lte=timezone.now() - older_than)
    pending = tasks_pending(NOTICE_RENDER, key="notice_id")
    todo = [pk for pk in missing.order_by("pk").values_list("pk", flat=True) if pk not in pending]
    for pk in todo:
        enqueue_in_transaction(NOTICE_RENDER, notice_id=pk)
    if todo:
        log.warning("Bescheide ohne PDF neu eingereiht: %s", ", ".join(map(str, todo)))
    return todo
