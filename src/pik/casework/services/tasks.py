"""Writes of tasks and reminders (Aufgaben / Wiedervorlagen)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pik.casework import rules
from pik.casework.models import Client, Task
from pik.casework.services._common import _ensure_workable
from pik.casework.services.clients import NO_ACCESS
from pik.core import audit
from pik.core.validation import clean_text, raise_if

if TYPE_CHECKING:
    from pik.orgs.models import User


@transaction.atomic
def task_create(
    *,
    title: str,
    due_on: dt.date,
    assigned_to: User,
    client: Client | None = None,
    actor: User,
) -> Task:
    """A task for oneself or (coordination, or for a manager of the Kreis) for someone else,
    about a client or not."""
    kreis_id = client.kreis_id if client is not None else rules.casework_kreis_id(actor)
    if client is not None:
        rules.require(rules.may_work_on(actor, client), NO_ACCESS)
        _ensure_workable(client)
    if kreis_id is None or not rules.may_open_records_in(actor, kreis_id):
        raise ValidationError("Sie können in diesem Kreis keine Aufgaben anlegen.")
    errors: dict[str, str] = {}
    text, problem = clean_text(title, label="Die Aufgabe", max_length=200, required=True)
    if problem:
        errors["title"] = problem
    if assigned_to != actor and not (
        rules.may_assign_in(actor, kreis_id) or rules.can_hold_records(assigned_to, kreis_id)
    ):
        errors["assigned_to"] = "Aufgaben gehen nur an das Integrationsmanagement im Kreis."
    if due_on < timezone.localdate() - dt.timedelta(days=365):
        errors["due_on"] = "Das Fälligkeitsdatum liegt mehr als ein Jahr zurück."
    raise_if(errors)
    task = Task.objects.create(
        kreis_id=kreis_id,
        client=client,
        assigned_to=assigned_to,
        created_by=actor,
        title=text,
        due_on=due_on,
    )
    audit.record(
        actor=actor,
        action="task.create",
        target=client if client is not None else task,
        task_id=task.pk,
    )
    return task


@transaction.atomic
def task_complete(*, task: Task, actor: User) -> Task:
    """Tick a task off (once)."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    rules.require(
        rules.may_complete_task(actor, task), "Sie haben keinen Zugriff auf diese Aufgabe."
    )
    if task.done_at is not None:
        raise ValidationError("Die Aufgabe ist bereits erledigt.")
    task.done_at = timezone.now()
    task.save(update_fields=["done_at", "updated_at"])
    audit.record(actor=actor, action="task.complete", target=task)
    return task
