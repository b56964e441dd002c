"""Counselling contacts (Beratungskontakte)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pik.casework.models.clients import USER, Client, via_client
from pik.casework.models.plans import PlanField
from pik.core.models import TimeStamped


class Contact(TimeStamped):
    """A counselling contact (Beratungskontakt)."""

    class Kind(models.TextChoices):
        IN_PERSON = "in_person", _("persönlich")
        OUTREACH = "outreach", _("aufsuchend")
        PHONE = "phone", _("telefonisch")
        EMAIL = "email", _("E-Mail")
        VIDEO = "video", _("Video")
        MESSENGER = "messenger", _("Messenger")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="contacts")
    staff = models.ForeignKey(
        USER, verbose_name=_("beraten von"), on_delete=models.PROTECT, related_name="+"
    )
    occurred_on = models.DateField(_("Datum"))
    kind = models.CharField(_("Art"), max_length=12, choices=Kind.choices)
    duration_minutes = models.PositiveSmallIntegerField(_("Dauer (Minuten)"))
    topics = models.JSONField(_("Themen"), default=list, blank=True)
    interpreter = models.BooleanField(_("mit Dolmetschung"), default=False)
    notes = models.TextField(_("Notiz"), blank=True)

    scope: ClassVar = via_client()

    class Meta:
        verbose_name = _("Beratungskontakt")
        verbose_name_plural = _("Beratungskontakte")
        ordering: ClassVar = ["-occurred_on", "-pk"]
        indexes: ClassVar = [
            models.Index(fields=["client", "occurred_on"], name="contact_client_date_idx"),
            models.Index(fields=["staff", "occurred_on"], name="contact_staff_date_idx"),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                name="contact_duration_range",
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=600),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d.%m.%Y}"

    def topic_labels(self) -> list[str]:
        labels = dict(PlanField.choices)
        return [str(labels.get(t, t)) for t in self.topics]
