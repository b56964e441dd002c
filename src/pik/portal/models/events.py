"""Events: announcements with date, place or online link, and their documentation afterwards."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pik.core.models import TimeStamped
from pik.core.scoping import DataKind, ScopePaths
from pik.portal.models.documents import StoredFile


class Event(TimeStamped):
    title = models.CharField(_("Titel"), max_length=200)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    place = models.CharField(_("Ort"), max_length=300, blank=True)
    online_url = models.URLField(_("Online-Teilnahme (Link)"), blank=True)
    programme_code = models.SlugField(_("Förderprogramm"), blank=True)
    registration_url = models.URLField(_("Anmeldung (Link)"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)

    scope: ClassVar = ScopePaths(DataKind.PUBLIC)

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering: ClassVar = ["starts_at", "pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""), name="event_has_place_or_link"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EventFile(StoredFile):
    """The programme beforehand, slides and minutes afterwards."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Programm")
        SLIDES = "slides", _("Präsentation")
        MINUTES = "minutes", _("Protokoll")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to="portal/events/%Y/")

    scope: ClassVar = ScopePaths(DataKind.PUBLIC)

    class Meta:
        verbose_name = _("Veranstaltungsunterlage")
        verbose_name_plural = _("Veranstaltungsunterlagen")
        ordering: ClassVar = ["event", "kind", "pk"]

    def __str__(self) -> str:
        return f"{self.event}: {self.get_kind_display()}"
