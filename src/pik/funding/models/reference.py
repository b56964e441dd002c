"""Reference data of the letters: the administrative court for each Regierungsbezirk."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from pik.core.scoping import DataKind, ScopePaths


class AdministrativeCourt(models.Model):
    """The Verwaltungsgericht whose district is a Regierungsbezirk (§ 52 Nr. 3 Satz 2 VwGO).

    The RPS decides for the whole state, so an action goes to the court of the applicant's seat;
    in Baden-Württemberg the court districts follow the Regierungsbezirke. Keyed by the
    Regierungsbezirk's key (``081`` … ``084``), not a foreign key: the Regierungsbezirke come with
    the AGS reference data (``pik load_reference_data``), the courts with a data migration.
    """

    regierungsbezirk_ags = models.CharField(
        _("Schlüssel des Regierungsbezirks"), max_length=3, unique=True
    )
    name = models.CharField(_("Gericht"), max_length=100)
    street = models.CharField(_("Straße"), max_length=100)
    postcode = models.CharField(_("Postleitzahl"), max_length=5)
    city = models.CharField(_("Ort"), max_length=100)

    scope: ClassVar = ScopePaths(DataKind.PUBLIC)

    class Meta:
        verbose_name = _("Verwaltungsgericht")
        verbose_name_plural = _("Verwaltungsgerichte")
        ordering: ClassVar = ["regierungsbezirk_ags"]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"
