"""Reads of tasks and reminders."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from pik.casework.models import Client, Task
from pik.core.scoping import get_visible_or_404, visible

if TYPE_CHECKING:
    from pik.orgs.models import User


#: The task list's sortable columns (``pik.core.sorting``): key → fields.
TASK_SORT_COLUMNS = {
    "faellig": ("due_on",),
    "aufgabe": ("title",),
    "klient": ("client__last_name", "client__first_name"),
}
TASK_SORT_DEFAULT = "faellig"


def task_list(
    *, user: User, include_done: bool = False, order: Sequence[str] = ("due_on", "pk")
) -> QuerySet[Task]:
    """The user's tasks, open ones first; ``order`` (from ``TASK_SORT_COLUMNS``) within."""
    qs = visible(Task.objects.all(), user).filter(assigned_to=user).select_related("client")
    if not include_done:
        qs = qs.filter(done_at__isnull=True)
    return qs.order_by("done_at", *order)


def task_get(*, user: User, pk: Any) -> Task:
    return get_visible_or_404(Task.objects.select_related("client"), user, pk=pk)


def client_tasks(*, client: Client) -> QuerySet[Task]:
    return (
        Task.objects.filter(client=client)
        .select_related("assigned_to")
        .order_by("done_at", "due_on")
    )
