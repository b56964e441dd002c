"""Referrals: client data passed on to a named network partner (Weitergabe).

The table came from casework and keeps its name (``casework_referral``), so no row moved. A
referral hangs off a client record (CASEWORK scope through the client): deleted with it,
stripped by its anonymisation (``casework.parts``).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pik.core.models import TimeStamped
from pik.core.scoping import DataKind, ScopePaths


class Referral(TimeStamped):
    """Data passed on to a named network partner: only with the client's consent naming that
    partner."""

    client = models.ForeignKey(
        "casework.Client", on_delete=models.CASCADE, related_name="referrals"
    )
    consent = models.ForeignKey(
        "casework.Consent", on_delete=models.CASCADE, related_name="referrals"
    )
    network_actor = models.CharField(_("Netzwerkpartner"), max_length=200)
    purpose = models.CharField(_("Anlass"), max_length=300)
    shared_on = models.DateField(_("weitergegeben am"))
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    scope: ClassVar = ScopePaths(
        DataKind.CASEWORK,
        kreis="client__kreis_id",
        owner="client__responsible_id",
        shared_with="client__shared_with",
    )

    class Meta:
        db_table = "casework_referral"
        verbose_name = _("Weitergabe an Netzwerkpartner")
        verbose_name_plural = _("Weitergaben an Netzwerkpartner")
        ordering: ClassVar = ["-shared_on", "-pk"]

    def __str__(self) -> str:
        return f"Weitergabe {self.client_id} an {self.network_actor}"
