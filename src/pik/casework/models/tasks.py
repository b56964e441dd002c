"""Tasks and reminders (Aufgaben / Wiedervorlagen) of the managers."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from pik.casework.models.clients import USER, Client
from pik.core.models import TimeStamped
from pik.core.scoping import DataKind, ScopePaths


class Task(TimeStamped):
    """A to-do or reminder (Aufgabe / Wiedervorlage) of a manager, often about a client."""

    kreis = models.ForeignKey("orgs.Kreis", on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, null=True, blank=True, related_name="tasks"
    )
    assigned_to = models.ForeignKey(
        USER, verbose_name=_("für"), on_delete=models.PROTECT, related_name="casework_tasks"
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    step = models.ForeignKey(
        "Step",
        verbose_name=_("aus Planschritt"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tasks",
    )
    title = models.CharField(_("Aufgabe"), max_length=200)
    due_on = models.DateField(_("fällig am"))
    done_at = models.DateTimeField(_("erledigt am"), null=True, blank=True)

    scope: ClassVar = ScopePaths(DataKind.CASEWORK, kreis="kreis_id", owner="assigned_to_id")

    class Meta:
        verbose_name = _("Aufgabe")
        verbose_name_plural = _("Aufgaben")
        ordering: ClassVar = ["due_on", "pk"]
        indexes: ClassVar = [
            models.Index(fields=["assigned_to", "done_at", "due_on"], name="task_inbox_idx")
        ]

    def __str__(self) -> str:
        return self.title
