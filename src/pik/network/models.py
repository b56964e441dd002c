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


class Actor(TimeStamped):
    """A local actor of the integration network (Netzwerkpartner) in the Kreis's directory:
    shared by every integration manager of the Kreis, maintained by its coordinator; anyone in
    the Kreis's case work may suggest one, the coordinator takes it in."""

    class Kind(models.TextChoices):
        LANGUAGE_COURSE = "language_course", _("Sprachkursträger")
        JOBCENTER = "jobcenter", _("Jobcenter")
        EMPLOYMENT_AGENCY = "employment_agency", _("Agentur für Arbeit")
        IMMIGRATION_OFFICE = "immigration_office", _("Ausländerbehörde")
        MIGRATION_COUNSELLING = "migration_counselling", _("Migrationsberatung (MBE, JMD)")
        SCHOOL = "school", _("Schule")
        CHILDCARE = "childcare", _("Kita und Kindertagespflege")
        HEALTH = "health", _("Gesundheitsdienst")
        PSYCHOSOCIAL = "psychosocial", _("Psychosoziales Zentrum")
        VOLUNTEERS = "volunteers", _("Ehrenamtliche Initiative")
        EMPLOYER = "employer", _("Arbeitgeber")
        SPORTS = "sports", _("Sportverein")
        OTHER = "other", _("Sonstige Stelle")

    class Status(models.TextChoices):
        ACTIVE = "active", _("im Verzeichnis")
        SUGGESTED = "suggested", _("vorgeschlagen")

    kreis = models.ForeignKey("orgs.Kreis", on_delete=models.PROTECT, related_name="+")
    gemeinde = models.ForeignKey(
        "orgs.Gemeinde", verbose_name=_("Gemeinde"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    address = models.CharField(_("Anschrift"), max_length=200, blank=True)
    contact_persons = models.TextField(_("Ansprechpersonen"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    languages = models.CharField(_("Sprachen"), max_length=200, blank=True)
    opening_hours = models.TextField(_("Öffnungszeiten"), blank=True)
    topics = models.JSONField(_("Handlungsfelder"), default=list, blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(_("Bearbeitungsstand"), default=1)

    # Public-service contact data, no client data: visible in the Kreis (and statewide).
    scope: ClassVar = ScopePaths(DataKind.ORG, kreis="kreis_id")

    class Meta:
        verbose_name = _("Netzwerkpartner")
        verbose_name_plural = _("Netzwerkpartner")
        ordering: ClassVar = ["name", "pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["kreis", "gemeinde", "name"], name="actor_unique_name_per_gemeinde"
            )
        ]

    def __str__(self) -> str:
        return self.name
