"""Informed consent: what a record may be used for, and since when."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pik.casework.models.clients import USER, Client, via_client
from pik.core.models import TimeStamped


class Consent(TimeStamped):
    """Informed consent with purpose, date, scope and withdrawal (GDPR Art. 6, 7, 9)."""

    class Purpose(models.TextChoices):
        PARTICIPATION = "participation", _("Teilnahme und Beratung (Verarbeitung der Daten)")
        HEALTH = "health", _("Verarbeitung von Gesundheitsdaten")
        NETWORK = "network", _("Weitergabe an Netzwerkpartner (Vermittlung)")
        TRANSFER = "transfer", _("Übermittlung an einen anderen Kreis")
        STATISTICS = "statistics", _("Anonymisierte Statistik")

    class Form(models.TextChoices):
        SIGNED_PAPER = "signed_paper", _("schriftlich (unterschriebenes Papier, eingescannt)")
        VERBAL_WITNESS = "verbal_witness", _("mündlich, mit Zeugin / Zeuge")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("Zweck"), max_length=20, choices=Purpose.choices)
    network_actor = models.CharField(
        _("Netzwerkpartner (Name der Stelle)"), max_length=200, blank=True
    )
    form = models.CharField(
        _("Form"), max_length=20, choices=Form.choices, default=Form.SIGNED_PAPER
    )
    witness = models.CharField(_("Zeugin / Zeuge"), max_length=200, blank=True)
    scan = models.FileField(_("Scan der Unterschrift"), upload_to="consents/%Y/", blank=True)
    scan_type = models.CharField(max_length=50, blank=True)
    scope_text = models.TextField(_("Umfang"), blank=True)
    given_on = models.DateField(_("erteilt am"))
    withdrawn_on = models.DateField(_("widerrufen am"), null=True, blank=True)
    form_language = models.CharField(_("Sprache des Formulars"), max_length=5, default="de")
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", null=True)

    scope: ClassVar = via_client()

    class Meta:
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")
        ordering: ClassVar = ["-given_on", "-pk"]
        indexes: ClassVar = [
            # who counts in the key figures: consent to statistics, not withdrawn
            models.Index(
                fields=["client"],
                condition=Q(purpose="statistics", withdrawn_on__isnull=True),
                name="consent_statistics_idx",
            ),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                name="consent_withdrawn_after_given",
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.given_on:%d.%m.%Y})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None
