"""The client record and the household it may belong to."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pik.core.models import TimeStamped
from pik.core.scoping import DataKind, ScopePaths

USER = settings.AUTH_USER_MODEL


def via_client(path: str = "client__") -> ScopePaths:
    """CASEWORK scope of a table that hangs off a client record (``path`` leads to it)."""
    return ScopePaths(
        DataKind.CASEWORK,
        kreis=f"{path}kreis_id",
        owner=f"{path}responsible_id",
        shared_with=f"{path}shared_with",
    )


class ErasureReason(models.TextChoices):
    """Why a record is erased: a code from a list, so no free text (and no name) reaches the
    audit trail, which keeps the erasure for good."""

    REQUEST = "request", _("Antrag der betroffenen Person (Art. 17 DSGVO)")
    CONSENT_WITHDRAWN = (
        "consent_withdrawn",
        _("Einwilligung widerrufen, keine andere Rechtsgrundlage"),
    )
    PURPOSE_FULFILLED = "purpose_fulfilled", _("Zweck erfüllt / Aufbewahrungsfrist abgelaufen")
    UNLAWFUL = "unlawful", _("Unrechtmäßige Verarbeitung")
    OTHER = "other", _("Sonstiges")


class Household(TimeStamped):
    """A household (Haushalt / Bedarfsgemeinschaft) living in follow-up housing."""

    kreis = models.ForeignKey(
        "orgs.Kreis", on_delete=models.PROTECT, related_name="casework_households"
    )
    name = models.CharField(_("Bezeichnung"), max_length=150)
    gemeinde = models.ForeignKey(
        "orgs.Gemeinde", verbose_name=_("Gemeinde"), on_delete=models.PROTECT, null=True, blank=True
    )
    accommodation = models.CharField(
        _("Unterkunft (Anschlussunterbringung)"), max_length=200, blank=True
    )

    scope: ClassVar = ScopePaths(
        DataKind.CASEWORK,
        kreis="kreis_id",
        owner="members__responsible_id",
        shared_with="members__shared_with",
    )

    class Meta:
        verbose_name = _("Haushalt")
        verbose_name_plural = _("Haushalte")

    def __str__(self) -> str:
        return self.name


class Client(TimeStamped):
    """A person counselled (Klientin / Klient). ``version`` guards against lost updates."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("in Beratung")
        CLOSED = "closed", _("Beratung beendet")
        ANONYMISED = "anonymised", _("anonymisiert")

    class Gender(models.TextChoices):
        FEMALE = "female", _("weiblich")
        MALE = "male", _("männlich")
        DIVERSE = "diverse", _("divers")
        UNKNOWN = "unknown", _("keine Angabe")

    class EndReason(models.TextChoices):
        """Why the counselling ended, asked when it is closed (counted in the key figures)."""

        GOALS_REACHED = "goals_reached", _("Ziele erreicht")
        WORK_OR_TRAINING = "work_or_training", _("Arbeit oder Ausbildung aufgenommen")
        MOVED_AWAY = "moved_away", _("weggezogen")
        HANDED_OVER = "handed_over", _("an andere Stelle übergeben / Regelangebot")
        NO_CONTACT = "no_contact", _("kein Kontakt mehr")
        OWN_WISH = "own_wish", _("auf eigenen Wunsch beendet")
        OTHER = "other", _("sonstiges")

    kreis = models.ForeignKey(
        "orgs.Kreis", on_delete=models.PROTECT, related_name="casework_clients"
    )
    gemeinde = models.ForeignKey(
        "orgs.Gemeinde",
        verbose_name=_("Wohngemeinde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="casework_clients",
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("Haushalt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    responsible = models.ForeignKey(
        USER,
        verbose_name=_("zuständig"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="caseload",
    )
    shared_with: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        USER, verbose_name=_("geteilt mit"), blank=True, related_name="shared_clients"
    )

    class Relation(models.TextChoices):
        HEAD = "head", _("Haushaltsvorstand")
        PARTNER = "partner", _("Ehe-/Lebenspartner(in)")
        CHILD = "child", _("Kind")
        PARENT = "parent", _("Elternteil")
        SIBLING = "sibling", _("Geschwister")
        OTHER = "other", _("andere Verwandtschaft")

    first_name = models.CharField(_("Vorname (lateinische Schrift)"), max_length=100)
    last_name = models.CharField(_("Nachname (lateinische Schrift)"), max_length=100)
    name_original = models.CharField(
        _("Name in Originalschrift (wie geschrieben)"), max_length=200, blank=True
    )
    household_relation = models.CharField(
        _("Stellung im Haushalt"), max_length=10, choices=Relation.choices, blank=True
    )
    first_name_key = models.CharField(max_length=100, editable=False, db_index=True)
    last_name_key = models.CharField(max_length=100, editable=False, db_index=True)
    # the duplicate check's match forms (casework.matching.match_form, ADR 0023)
    first_name_match = models.CharField(max_length=100, editable=False, blank=True, default="")
    last_name_match = models.CharField(max_length=100, editable=False, blank=True, default="")
    birth_date = models.DateField(_("Geburtsdatum"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("Geburtsjahr"), null=True, blank=True)
    gender = models.CharField(
        _("Geschlecht"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN
    )
    country_of_origin = models.CharField(_("Herkunftsland"), max_length=100, blank=True)
    nationality = models.CharField(_("Staatsangehörigkeit"), max_length=100, blank=True)
    languages = models.CharField(_("Sprachen mit Niveau"), max_length=200, blank=True)
    residence_status = models.CharField(_("Aufenthaltsstatus"), max_length=100, blank=True)
    residence_valid_until = models.DateField(
        _("Aufenthaltstitel gültig bis"), null=True, blank=True
    )
    street = models.CharField(_("Anschrift (Straße, Hausnummer)"), max_length=200, blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    school_qualification = models.CharField(_("Schulabschluss"), max_length=200, blank=True)
    vocational_qualification = models.CharField(
        _("Berufsabschluss / Studium"), max_length=200, blank=True
    )
    occupation = models.CharField(_("ausgeübte Tätigkeit"), max_length=200, blank=True)
    housing_entry = models.DateField(
        _("Einzug in die Anschlussunterbringung"), null=True, blank=True
    )
    planned_end = models.DateField(_("geplantes Ende der Beratung"), null=True, blank=True)
    extension_reason = models.TextField(_("Begründung für eine Beratung über 3 Jahre"), blank=True)
    health_notes = models.TextField(_("Gesundheitliche Hinweise"), blank=True)
    counselling_start = models.DateField(_("Beratung seit"))
    counselling_end = models.DateField(_("Beratung beendet am"), null=True, blank=True)
    #: Empty while in counselling (and for records closed before the reason was asked).
    end_reason = models.CharField(
        _("Grund für das Ende der Beratung"),
        max_length=20,
        choices=EndReason.choices,
        blank=True,
        default="",
    )
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    anonymised_at = models.DateTimeField(_("anonymisiert am"), null=True, blank=True)
    #: Kept by the consent services: an active consent to statistics exists (the key figures
    #: count only these people; ADR 0040). Never set by hand.
    counts_in_statistics = models.BooleanField(default=False, editable=False)
    version = models.PositiveIntegerField(_("Bearbeitungsstand"), default=1)

    scope: ClassVar = ScopePaths(
        DataKind.CASEWORK, kreis="kreis_id", owner="responsible_id", shared_with="shared_with"
    )

    class Meta:
        verbose_name = _("Klientin / Klient")
        verbose_name_plural = _("Klientinnen und Klienten")
        ordering: ClassVar = ["last_name", "first_name", "pk"]
        indexes: ClassVar = [
            models.Index(fields=["kreis", "last_name_key"], name="client_kreis_namekey_idx"),
            models.Index(fields=["kreis", "birth_year"], name="client_kreis_birthyear_idx"),
            models.Index(fields=["kreis", "responsible", "status"], name="client_caseload_idx"),
            models.Index(fields=["status", "counselling_end"], name="client_retention_idx"),
            models.Index(
                fields=["responsible", "status", "residence_valid_until"],
                name="client_permit_expiry_idx",
            ),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                name="client_birth_year_plausible",
                condition=Q(birth_year__isnull=True)
                | (Q(birth_year__gte=1900) & Q(birth_year__lte=2100)),
            ),
            models.CheckConstraint(
                name="client_end_after_start",
                condition=Q(counselling_end__isnull=True)
                | Q(counselling_end__gte=F("counselling_start")),
            ),
            models.CheckConstraint(
                name="client_closed_has_end",
                condition=Q(status="active") | Q(counselling_end__isnull=False),
            ),
            models.CheckConstraint(name="client_version_positive", condition=Q(version__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_anonymised(self) -> bool:
        return self.status == self.Status.ANONYMISED
