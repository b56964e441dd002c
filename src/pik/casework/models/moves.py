"""Moves of a record: handover within the Kreis, transfer to another Kreis."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pik.casework.models.clients import USER, Client
from pik.core.models import TimeStamped
from pik.core.scoping import DataKind, ScopePaths


class Handover(TimeStamped):
    """Handing a client over to another manager in the same Kreis; the recipient accepts."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wartet auf Annahme")
        ACCEPTED = "accepted", _("angenommen")
        DECLINED = "declined", _("abgelehnt")
        CANCELLED = "cancelled", _("zurückgezogen")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="handovers")
    from_user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    to_user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("Hinweis zur Übergabe"), blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    scope: ClassVar = ScopePaths(
        DataKind.CASEWORK, kreis="client__kreis_id", owner="from_user_id", shared_with="to_user_id"
    )

    class Meta:
        verbose_name = _("Übergabe")
        verbose_name_plural = _("Übergaben")
        ordering: ClassVar = ["-created_at"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(status="pending"),
                name="handover_one_pending_per_client",
            ),
            models.CheckConstraint(
                name="handover_not_to_self", condition=~Q(from_user=F("to_user"))
            ),
        ]

    def __str__(self) -> str:
        return f"Übergabe {self.client_id} an {self.to_user_id}"


class TransferRequest(TimeStamped):
    """Moving a client to another Kreis (e.g. after a move): needs consent and the other side."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("beantragt")
        ACCEPTED = "accepted", _("angenommen")
        DECLINED = "declined", _("abgelehnt")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="transfers")
    from_kreis = models.ForeignKey("orgs.Kreis", on_delete=models.PROTECT, related_name="+")
    to_kreis = models.ForeignKey(
        "orgs.Kreis", verbose_name=_("neuer Kreis"), on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("Anlass"))
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    # Only the receiving Kreis's coordinator works on the request; the sender sees it on the
    # client page (through the client's own scope).
    scope: ClassVar = ScopePaths(DataKind.CASEWORK, kreis="to_kreis_id")

    class Meta:
        verbose_name = _("Kreiswechsel")
        verbose_name_plural = _("Kreiswechsel")
        ordering: ClassVar = ["-created_at"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(status="requested"),
                name="transfer_one_open_per_client",
            ),
            models.CheckConstraint(
                name="transfer_other_kreis", condition=~Q(from_kreis=F("to_kreis"))
            ),
        ]

    def __str__(self) -> str:
        return f"Kreiswechsel {self.client_id} nach {self.to_kreis_id}"
