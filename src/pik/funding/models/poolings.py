"""The members' agreement to an intercommunal pooling (interkommunaler Zusammenschluss)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pik.core.scoping import DataKind, ScopePaths
from pik.funding.models.programmes import Applicant
from pik.orgs.models import Gemeinde


class PoolingConsent(models.Model):
    """One member's agreement: confirmed by its own administration, or recorded by the RPS with
    the written agreement attached. A pooling binds once every member has one."""

    class Way(models.TextChoices):
        MEMBER = "member", _("von der Gemeindeverwaltung bestätigt")
        RPS = "rps", _("vom Regierungspräsidium mit schriftlicher Vereinbarung erfasst")

    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="consents")
    gemeinde = models.ForeignKey(Gemeinde, on_delete=models.PROTECT, related_name="+")
    way = models.CharField(_("Art der Zustimmung"), max_length=10, choices=Way.choices)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("zugestimmt am"), auto_now_add=True)
    document = models.FileField(upload_to="poolings/%Y/", blank=True)
    document_name = models.CharField(_("Vereinbarung"), max_length=255, blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True)

    scope: ClassVar = ScopePaths(
        DataKind.FUNDING, kreis="applicant__kreis_id", gemeinde="gemeinde_id"
    )

    class Meta:
        verbose_name = _("Zustimmung zum Zusammenschluss")
        verbose_name_plural = _("Zustimmungen zum Zusammenschluss")
        ordering: ClassVar = ["confirmed_at", "pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["applicant", "gemeinde"], name="pooling_consent_once_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeinde}: {self.get_way_display()}"
