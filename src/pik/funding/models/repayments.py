"""Repayment (Rückforderung): the base-rate table, claims with their notice, payments received."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pik.core.models import TimeStamped
from pik.core.scoping import DataKind, ScopePaths
from pik.funding.interest import MARGIN
from pik.funding.models.applications import Application

FUNDING_OF_APPLICATION = ScopePaths(
    DataKind.FUNDING,
    kreis="application__applicant__kreis_id",
    gemeinde="application__applicant__gemeinde_id",
)


class BaseRate(models.Model):
    """The base rate of § 247 BGB from ``valid_from`` until the next entry begins (dated data:
    the Bundesbank publishes it every half year; the ministry enters new values)."""

    valid_from = models.DateField(_("gültig ab"), unique=True)
    rate = models.DecimalField(_("Basiszinssatz (%)"), max_digits=5, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    scope: ClassVar = ScopePaths(DataKind.PUBLIC)

    class Meta:
        verbose_name = _("Basiszinssatz")
        verbose_name_plural = _("Basiszinssätze")
        ordering: ClassVar = ["valid_from"]
        constraints: ClassVar = [
            # Five points above it: the interest rate may never turn negative.
            models.CheckConstraint(condition=Q(rate__gt=-5), name="base_rate_above_minus_five"),
        ]

    def __str__(self) -> str:
        return f"{self.rate} % ab {self.valid_from:%d.%m.%Y}"

    @property
    def claim_rate(self) -> Decimal:
        """The yearly interest rate of a repayment claim while this base rate holds."""
        return self.rate + MARGIN


class RepaymentClaim(TimeStamped):
    """Money of an application not used, or not used as approved, claimed back with interest."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("vorgeschlagen")
        ISSUED = "issued", _("festgesetzt (Bescheid erlassen)")
        SETTLED = "settled", _("beglichen")
        DISCARDED = "discarded", _("verworfen")

    class Reason(models.TextChoices):
        NOT_USED = "not_used", _("Mittel nicht verwendet")
        NOT_AS_APPROVED = "not_as_approved", _("Mittel nicht zweckentsprechend verwendet")

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="repayment_claims"
    )
    # The final proof of use whose check found the money not used (prefills the claim).
    proof = models.ForeignKey(
        "ProofOfUse",
        verbose_name=_("Verwendungsnachweis"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repayment_claims",
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    reason = models.CharField(_("Grund"), max_length=20, choices=Reason.choices)
    explanation = models.TextField(_("Begründung"))
    amount = models.DecimalField(_("Rückforderungsbetrag (EUR)"), max_digits=14, decimal_places=2)
    due_date = models.DateField(_("fällig ab (Zinsbeginn)"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("festgesetzt am"), null=True, blank=True)
    pdf = models.FileField(upload_to="repayments/%Y/", blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    scope: ClassVar = FUNDING_OF_APPLICATION

    class Meta:
        verbose_name = _("Rückforderung")
        verbose_name_plural = _("Rückforderungen")
        ordering: ClassVar = ["-created_at", "-pk"]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="repayment_amount_positive"),
            # One live claim per proof of use (a discarded proposal may be made again).
            models.UniqueConstraint(
                fields=["proof"], condition=~Q(status="discarded"), name="repayment_one_per_proof"
            ),
        ]

    def __str__(self) -> str:
        return f"Rückforderung {self.pk} zu {self.application}"


class RepaymentPayment(models.Model):
    """A payment received on a claim: first the principal (booked back into the budget), then
    the interest (revenue of the state budget, not of the programme: not in the ledger)."""

    claim = models.ForeignKey(RepaymentClaim, on_delete=models.PROTECT, related_name="payments")
    received_on = models.DateField(_("eingegangen am"))
    amount = models.DecimalField(_("Betrag (EUR)"), max_digits=14, decimal_places=2)
    principal = models.DecimalField(_("davon Hauptforderung"), max_digits=14, decimal_places=2)
    interest = models.DecimalField(_("davon Zinsen"), max_digits=14, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    scope: ClassVar = ScopePaths(
        DataKind.FUNDING,
        kreis="claim__application__applicant__kreis_id",
        gemeinde="claim__application__applicant__gemeinde_id",
    )

    class Meta:
        verbose_name = _("Zahlungseingang")
        verbose_name_plural = _("Zahlungseingänge")
        ordering: ClassVar = ["received_on", "pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(amount__gt=0) & Q(principal__gte=0) & Q(interest__gte=0),
                name="repayment_payment_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} EUR am {self.received_on:%d.%m.%Y}"
