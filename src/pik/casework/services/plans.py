"""Writes to the integration plan: its fields, goals and steps; every change makes a version."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from pik.casework import rules
from pik.casework.models import Client, Consent, Goal, Plan, PlanField, PlanVersion, Step, Task
from pik.casework.selectors.plans import plan_as_dict
from pik.casework.services._common import _ensure_consent, _ensure_workable, _lock
from pik.casework.services.clients import NO_ACCESS
from pik.core import audit
from pik.core.locking import check_version
from pik.core.validation import clean_text, not_future, raise_if

if TYPE_CHECKING:
    from pik.orgs.models import User


@dataclass(frozen=True)
class PlanData:
    status: str = Plan.Status.DRAFT
    agreed_on: dt.date | None = None
    review_due: dt.date | None = None
    language_skills: str = ""
    school_education: str = ""
    vocational_qualifications: str = ""
    occupation: str = ""
    interests: str = ""
    agreements: str = ""
    situations: dict[str, str] | None = None


def _plan_for_change(client: Client, actor: User) -> Plan:
    """Every plan change: the actor may work on the record, it is locked, still workable and
    rests on the participation consent; the plan row is locked too (created at version 0)."""
    rules.require(rules.may_work_on(actor, client), NO_ACCESS)
    client = _lock(client)
    _ensure_workable(client)
    _ensure_consent(
        client,
        Consent.Purpose.PARTICIPATION,
        "Ohne gültige Einwilligung zur Teilnahme kann der Integrationsplan nicht bearbeitet "
        "werden.",
    )
    plan, _ = Plan.objects.select_for_update().get_or_create(client=client, defaults={"version": 0})
    return plan


def _new_plan_version(plan: Plan, actor: User, change: str) -> None:
    """Bump the version and freeze a copy of the whole plan."""
    Plan.objects.filter(pk=plan.pk).update(version=F("version") + 1, updated_at=timezone.now())
    plan.refresh_from_db()
    fresh = Plan.objects.prefetch_related("goals__steps").get(pk=plan.pk)
    PlanVersion.objects.create(
        plan=plan,
        number=plan.version,
        snapshot=plan_as_dict(fresh),
        created_by=actor,
        change=change,
    )


def _plan_changed(plan: Plan, actor: User, change: str, *, action: str, **details: Any) -> None:
    """A new plan version and its audit event: the two halves of every plan change."""
    _new_plan_version(plan, actor, change)
    audit.record(
        actor=actor,
        action=action,
        target=plan.client,
        plan_version=plan.version,
        **details,
    )


@transaction.atomic
def plan_save(*, client: Client, data: PlanData, expected_version: int, actor: User) -> Plan:
    """Save the plan's fields. ``expected_version`` 0 for a plan that does not exist yet."""
    plan = _plan_for_change(client, actor)
    check_version(
        plan,
        expected_version,
        message=(
            f"Der Integrationsplan wurde inzwischen geändert (jetzt Fassung {plan.version}, Sie "
            f"hatten Fassung {expected_version} geladen). Ihre Änderungen wurden nicht "
            "gespeichert. Bitte laden Sie den Plan neu."
        ),
    )
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for f in fields(PlanData):
        if f.name in Plan.TEXT_FIELDS:
            values[f.name], problem = clean_text(
                getattr(data, f.name), label="Der Text", max_length=5000
            )
            if problem:
                errors[f.name] = problem
    situations: dict[str, str] = {}
    for key, value in (data.situations or {}).items():
        if key not in PlanField.values:
            errors["situations"] = "Unbekanntes Handlungsfeld in der Ausgangslage."
            continue
        text, problem = clean_text(value, label="Die Ausgangslage", max_length=5000)
        if problem:
            errors[f"situation_{key}"] = problem
        elif text:
            situations[key] = text
    if data.status not in Plan.Status.values:
        errors["status"] = "Bitte wählen Sie einen Status."
    if data.status == Plan.Status.AGREED and data.agreed_on is None:
        errors["agreed_on"] = "Ein vereinbarter Plan braucht das Datum der Vereinbarung."
    not_future(data.agreed_on, "Das Datum der Vereinbarung", errors, "agreed_on")
    if data.review_due and data.agreed_on and data.review_due < data.agreed_on:
        errors["review_due"] = "Die Überprüfung kann nicht vor der Vereinbarung liegen."
    raise_if(errors)
    values.update(
        status=data.status,
        agreed_on=data.agreed_on,
        review_due=data.review_due,
        situations=situations,
    )
    for key, value in values.items():
        setattr(plan, key, value)
    plan.save()
    _plan_changed(plan, actor, "Planfelder gespeichert", action="plan.save")
    return plan


@transaction.atomic
def goal_add(
    *,
    client: Client,
    field: str,
    description: str,
    target_date: dt.date | None = None,
    actor: User,
) -> Goal:
    """A goal in one plan field; the plan is created on its first change."""
    plan = _plan_for_change(client, actor)
    errors: dict[str, str] = {}
    if field not in PlanField.values:
        errors["field"] = "Bitte wählen Sie ein Handlungsfeld."
    text, problem = clean_text(description, label="Das Ziel", max_length=2000, required=True)
    if problem:
        errors["description"] = problem
    raise_if(errors)
    goal = Goal.objects.create(plan=plan, field=field, description=text, target_date=target_date)
    _plan_changed(
        plan,
        actor,
        f"Ziel hinzugefügt ({goal.get_field_display()})",
        action="plan.goal_add",
        goal_id=goal.pk,
    )
    return goal


@transaction.atomic
def goal_set_status(*, goal: Goal, status: str, actor: User) -> Goal:
    """A goal achieved, dropped or open again (a new plan version)."""
    plan = _plan_for_change(goal.plan.client, actor)
    if status not in Goal.Status.values:
        raise ValidationError({"status": "Bitte wählen Sie einen Status."})
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    if goal.status != status:
        goal.status, goal.status_changed_on = status, timezone.localdate()
    goal.save(update_fields=["status", "status_changed_on", "updated_at"])
    _plan_changed(
        plan,
        actor,
        f"Ziel {goal.get_status_display()}",
        action="plan.goal_status",
        goal_id=goal.pk,
        status=status,
    )
    return goal


@transaction.atomic
def step_add(
    *,
    goal: Goal,
    description: str,
    who: str = Step.Who.CLIENT,
    due_on: dt.date | None = None,
    actor: User,
) -> Step:
    """A step towards a goal; the manager's own dated steps also land on "Mein Tag"."""
    plan = _plan_for_change(goal.plan.client, actor)
    errors: dict[str, str] = {}
    text, problem = clean_text(description, label="Der Schritt", max_length=300, required=True)
    if problem:
        errors["description"] = problem
    if who not in Step.Who.values:
        errors["who"] = "Bitte wählen Sie, wer den Schritt übernimmt."
    raise_if(errors)
    step = Step.objects.create(goal=goal, description=text, who=who, due_on=due_on)
    client = plan.client
    if who == Step.Who.MANAGER and due_on is not None:
        # The manager's own steps become tasks on "Mein Tag" (done with the step).
        Task.objects.create(
            kreis_id=client.kreis_id,
            client=client,
            step=step,
            assigned_to=client.responsible or actor,
            created_by=actor,
            title=f"Planschritt: {text}"[:200],
            due_on=due_on,
        )
    _plan_changed(plan, actor, "Schritt hinzugefügt", action="plan.step_add", step_id=step.pk)
    return step


@transaction.atomic
def step_set_done(*, step: Step, done: bool, actor: User) -> Step:
    """Tick a step off (or open it again); its task follows."""
    plan = _plan_for_change(step.goal.plan.client, actor)
    step = Step.objects.select_for_update().get(pk=step.pk)
    step.done_on = timezone.localdate() if done else None
    step.save(update_fields=["done_on", "updated_at"])
    Task.objects.filter(step=step).update(done_at=timezone.now() if done else None)
    _plan_changed(
        plan,
        actor,
        "Schritt erledigt" if done else "Schritt wieder offen",
        action="plan.step_done" if done else "plan.step_reopen",
        step_id=step.pk,
    )
    return step
