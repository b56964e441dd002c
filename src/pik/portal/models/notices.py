"""Notices (Hinweise) on the start page. Called ``Announcement`` in code, so that it is never
confused with funding's ``Notice`` (the Bescheid)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pik.core.models import TimeStamped
from pik.core.scoping import DataKind, ScopePaths


class Announcement(TimeStamped):
    title = models.CharField(_("Titel"), max_length=200)
    text = models.TextField(_("Text"))
    link_url = models.URLField(_("Weiterführender Link"), blank=True)
    link_text = models.CharField(_("Linktext"), max_length=200, blank=True)
    shown_from = models.DateField(_("anzeigen ab"))
    shown_until = models.DateField(_("anzeigen bis"), null=True, blank=True)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope: ClassVar = ScopePaths(DataKind.PUBLIC)

    class Meta:
        verbose_name = _("Hinweis")
        verbose_name_plural = _("Hinweise")
        ordering: ClassVar = ["-shown_from", "-pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(shown_until__isnull=True) | Q(shown_until__gte=F("shown_from")),
                name="announcement_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
