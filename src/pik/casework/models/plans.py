"""The individual integration plan: fields, goals, steps, and a frozen copy per change."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pik.casework.models.clients import USER, Client, via_client
from pik.core.models import TimeStamped


class PlanField(models.TextChoices):
    """The fields of the integration plan used in practice (Handlungsfelder)."""

    LANGUAGE = "language", _("Sprache")
    SCHOOL = "school", _("Schule")
    TRAINING = "training", _("Ausbildung/Studium")
    WORK = "work", _("Arbeit")
    HOUSING = "housing", _("Wohnen")
    HEALTH = "health", _("Gesundheit")
    FAMILY = "family", _("Kinder/Familie")
    PARTICIPATION = "participation", _("Gesellschaftliche Teilhabe")
    RESIDENCE = "residence", _("Aufenthaltsrecht/Aufenthaltsstatus")
    FINANCES = "finances", _("Finanzen/Leistungen")


class Plan(TimeStamped):
    """The individual integration plan with its goal agreement. Each change makes a version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        AGREED = "agreed", _("vereinbart")

    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="plan")
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default="draft")
    agreed_on = models.DateField(_("vereinbart am"), null=True, blank=True)
    review_due = models.DateField(_("nächste Überprüfung"), null=True, blank=True)
    language_skills = models.TextField(_("Sprachkenntnisse"), blank=True)
    school_education = models.TextField(_("Schulbildung"), blank=True)
    vocational_qualifications = models.TextField(_("Berufliche Qualifikation"), blank=True)
    occupation = models.TextField(_("Tätigkeit / Beruf"), blank=True)
    interests = models.TextField(_("Interessen"), blank=True)
    agreements = models.TextField(_("Vereinbarungen"), blank=True)
    #: The situation per plan field (Ausgangslage), keyed by ``PlanField`` value.
    situations = models.JSONField(_("Ausgangslage je Handlungsfeld"), default=dict, blank=True)
    version = models.PositiveIntegerField(_("Fassung"), default=1)

    scope: ClassVar = via_client()

    TEXT_FIELDS: ClassVar = [
        "language_skills",
        "school_education",
        "vocational_qualifications",
        "occupation",
        "interests",
        "agreements",
    ]

    class Meta:
        verbose_name = _("Integrationsplan")
        verbose_name_plural = _("Integrationspläne")
        constraints: ClassVar = [
            models.CheckConstraint(
                name="plan_agreed_has_date",
                condition=Q(status="draft") | Q(agreed_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"Integrationsplan {self.client_id} (Fassung {self.version})"


class PlanVersion(models.Model):
    """A frozen copy of the plan (fields, goals, steps) after each change."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("Fassung"))
    snapshot = models.JSONField(default=dict)
    created_at = models.DateTimeField(_("gespeichert am"), auto_now_add=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    change = models.CharField(_("Änderung"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Fassung des Integrationsplans")
        verbose_name_plural = _("Fassungen des Integrationsplans")
        ordering: ClassVar = ["-number"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["plan", "number"], name="planversion_unique_number")
        ]

    def __str__(self) -> str:
        return f"Fassung {self.number}"


class Goal(TimeStamped):
    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        ACHIEVED = "achieved", _("erreicht")
        DROPPED = "dropped", _("nicht weiter verfolgt")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    field = models.CharField(_("Handlungsfeld"), max_length=20, choices=PlanField.choices)
    description = models.TextField(_("Ziel"))
    target_date = models.DateField(_("Zieldatum"), null=True, blank=True)
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default="open")
    #: The day the status last changed (a goal reached in a period counts in its key figures).
    status_changed_on = models.DateField(_("Status geändert am"), null=True, blank=True)

    scope: ClassVar = via_client("plan__client__")

    class Meta:
        verbose_name = _("Ziel")
        verbose_name_plural = _("Ziele")
        ordering: ClassVar = ["pk"]

    def __str__(self) -> str:
        return self.description[:60]


class Step(TimeStamped):
    class Who(models.TextChoices):
        CLIENT = "client", _("Klientin / Klient")
        MANAGER = "manager", _("Integrationsmanagement")
        PARTNER = "partner", _("Netzwerkpartner")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    description = models.CharField(_("Schritt"), max_length=300)
    who = models.CharField(_("wer"), max_length=10, choices=Who.choices, default=Who.CLIENT)
    due_on = models.DateField(_("bis"), null=True, blank=True)
    done_on = models.DateField(_("erledigt am"), null=True, blank=True)

    scope: ClassVar = via_client("goal__plan__client__")

    class Meta:
        verbose_name = _("Schritt")
        verbose_name_plural = _("Schritte")
        ordering: ClassVar = ["pk"]

    def __str__(self) -> str:
        return self.description[:60]
