"""Payment requests (Mittelabruf) against an issued grant, and the payment batches for the state
cash office (Landesoberkasse) that pay them."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pik.core.models import TimeStamped
from pik.core.scoping import DataKind, ScopePaths
from pik.funding.models.applications import Application, Position


class PaymentBatch(TimeStamped):
    """Released payment requests gathered for the state cash office; booked exactly once."""

    class Status(models.TextChoices):
        OPEN = "open", _("zusammengestellt")
        BOOKED = "booked", _("gebucht")

    number = models.CharField(_("Nummer der Zahlungsliste"), max_length=40, unique=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    booked_at = models.DateTimeField(_("gebucht am"), null=True, blank=True)

    # A statewide RPS document: who may open it is a rule (rules.may_see_payment_batches).
    scope: ClassVar = ScopePaths(DataKind.ORG)

    class Meta:
        verbose_name = _("Zahlungsliste")
        verbose_name_plural = _("Zahlungslisten")
        ordering: ClassVar = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.number


class PaymentRequest(TimeStamped):
    """A recipient's request for part of the granted money for a period of one budget year."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("eingereicht")
        CHECKED = "checked", _("sachlich geprüft")
        RELEASED = "released", _("zur Zahlung freigegeben")
        IN_BATCH = "in_batch", _("in einer Zahlungsliste")
        PAID = "paid", _("ausgezahlt")
        REJECTED = "rejected", _("abgelehnt")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    class Basis(models.TextChoices):
        PRELIMINARY = "preliminary", _("vorläufige Zahlen (erste Rate)")
        FINAL = "final", _("endgültige Zahlen (Rest nach Ende des Zeitraums)")

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="payment_requests"
    )
    number = models.PositiveSmallIntegerField(_("laufende Nummer"))
    year = models.PositiveSmallIntegerField(_("Haushaltsjahr"))
    period_start = models.DateField(_("Zeitraum von"))
    period_end = models.DateField(_("Zeitraum bis"))
    amount = models.DecimalField(_("Betrag (EUR)"), max_digits=14, decimal_places=2)
    basis = models.CharField(_("Grundlage"), max_length=20, choices=Basis.choices)
    positions = models.ManyToManyField(
        Position, blank=True, related_name="payment_requests", verbose_name=_("Stellen")
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    message = models.TextField(_("letzte Nachricht"), blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    batch = models.ForeignKey(
        PaymentBatch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )

    scope: ClassVar = ScopePaths(
        DataKind.FUNDING,
        kreis="application__applicant__kreis_id",
        gemeinde="application__applicant__gemeinde_id",
    )

    class Meta:
        verbose_name = _("Mittelabruf")
        verbose_name_plural = _("Mittelabrufe")
        ordering: ClassVar = ["-created_at", "-pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["application", "number"], name="payment_request_unique_number"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_request_positive"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="payment_request_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} / Mittelabruf {self.number}"

    @property
    def purpose(self) -> str:
        """The purpose line of the transfer (at most 140 characters, SEPA)."""
        line = (
            f"{self.application.file_number} Mittelabruf {self.number} "
            f"{self.period_start:%d.%m.%Y}-{self.period_end:%d.%m.%Y}"
        )
        return line[:140]
