"""Applications with their positions, attachments, history and notices."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pik.core.models import TimeStamped
from pik.core.scoping import DataKind, ScopePaths
from pik.funding.models.programmes import Applicant, Programme, RuleVersion
from pik.orgs.models import Provider


class Application(TimeStamped):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SUBMITTED = "submitted", _("eingereicht")
        IN_REVIEW = "in_review", _("in Prüfung")
        INFO_REQUESTED = "info_requested", _("Nachforderung")
        PROPOSED_APPROVAL = "proposed_approval", _("Bewilligung vorgeschlagen")
        PROPOSED_REJECTION = "proposed_rejection", _("Ablehnung vorgeschlagen")
        APPROVED = "approved", _("bewilligt")
        REJECTED = "rejected", _("abgelehnt")
        NOTICE_ISSUED = "notice_issued", _("Bescheid erlassen")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(Applicant, on_delete=models.PROTECT, related_name="applications")
    year = models.PositiveSmallIntegerField(_("Förderjahr"))
    rule_version = models.ForeignKey(RuleVersion, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("Status"), max_length=30, choices=Status.choices, default=Status.DRAFT
    )
    contingent = models.DecimalField(
        _("Kontingent (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    requested_amount = models.DecimalField(
        _("beantragt (EUR)"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    approved_amount = models.DecimalField(
        _("bewilligt (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    file_number = models.CharField(_("Aktenzeichen"), max_length=60, unique=True, null=True)
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    due_date = models.DateField(_("Frist"), null=True, blank=True)
    message = models.TextField(_("letzte Nachricht"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    # Digitale Lösungen
    tool_name = models.CharField(_("Digitales Werkzeug"), max_length=200, blank=True)
    tool_description = models.TextField(_("Beschreibung und Zweck"), blank=True)
    tool_costs = models.DecimalField(
        _("Kosten (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    access_confirmed = models.BooleanField(
        _("Alle Integrationsmanagerinnen und -manager im Kreis erhalten Zugang"), default=False
    )
    access_granted = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("Zugang erhalten")
    )

    scope: ClassVar = ScopePaths(
        DataKind.FUNDING, kreis="applicant__kreis_id", gemeinde="applicant__gemeinde_id"
    )

    class Meta:
        verbose_name = _("Antrag")
        verbose_name_plural = _("Anträge")
        ordering: ClassVar = ["-created_at"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["programme", "applicant", "year"],
                condition=~Q(status="withdrawn"),
                name="application_one_per_applicant_year",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["programme", "year", "status"]),
            # The workbench lists the most recently changed first, also per status: without
            # these every page sorts all matching applications (bench/bench_workbench.py).
            # The second also serves every lookup by status alone.
            models.Index(fields=["-updated_at", "-id"], name="application_recent_first"),
            models.Index(fields=["status", "-updated_at", "-id"], name="application_status_recent"),
        ]

    def __str__(self) -> str:
        return self.file_number or f"Antrag {self.pk} ({self.applicant})"


class Position(models.Model):
    """A funded post (Stelle): a named person, share of a full-time position, months."""

    class Qualification(models.TextChoices):
        INTERMEDIATE = "intermediate", _("Mittlerer Bildungsabschluss mit Berufsausbildung")
        UNIVERSITY = "university", _("Hochschulabschluss in einem einschlägigen Fach")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="positions")
    person_name = models.CharField(_("Name der Person"), max_length=200)
    qualification = models.CharField(
        _("Qualifikation"), max_length=20, choices=Qualification.choices
    )
    share = models.DecimalField(_("Stellenanteil (VZÄ)"), max_digits=3, decimal_places=2)
    start_date = models.DateField(_("Beginn"))
    months = models.PositiveSmallIntegerField(_("Monate"))
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("Träger (Weiterleitung)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
    )
    amount = models.DecimalField(_("Förderbetrag (EUR)"), max_digits=14, decimal_places=2)

    # the applicant's Kreis and Gemeinde, and the Träger the money is passed on to
    scope: ClassVar = ScopePaths(
        DataKind.FUNDING,
        kreis="application__applicant__kreis_id",
        gemeinde="application__applicant__gemeinde_id",
        provider="provider_id",
    )

    class Meta:
        verbose_name = _("Stelle")
        verbose_name_plural = _("Stellen")
        ordering: ClassVar = ["pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(share__gt=0) & Q(share__lte=1), name="position_share_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.share} VZÄ)"

    @property
    def pass_on(self) -> bool:
        return self.provider_id is not None


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="attachments/%Y/%m/")
    original_name = models.CharField(_("Dateiname"), max_length=255)
    content_type = models.CharField(_("Dateityp"), max_length=50)
    size = models.PositiveIntegerField(_("Größe (Bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    #: The request for information this file answers (uploaded while the request was open).
    answers = models.ForeignKey(
        "ApplicationEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answer_attachments",
        verbose_name=_("Antwort auf"),
    )

    class Meta:
        verbose_name = _("Anlage")
        verbose_name_plural = _("Anlagen")

    def __str__(self) -> str:
        return self.original_name


class ApplicationEvent(models.Model):
    """The visible history of an application (the audit trail keeps the full record)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=40)
    label = models.CharField(max_length=200)
    from_status = models.CharField(max_length=30)
    to_status = models.CharField(max_length=30)
    message = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.label} ({self.created_at:%d.%m.%Y})"


class Notice(TimeStamped):
    class Kind(models.TextChoices):
        APPROVAL = "approval", _("Zuwendungsbescheid")
        REJECTION = "rejection", _("Ablehnungsbescheid")

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="notice")
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    pdf = models.FileField(upload_to="notices/%Y/", blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    scope: ClassVar = ScopePaths(
        DataKind.FUNDING,
        kreis="application__applicant__kreis_id",
        gemeinde="application__applicant__gemeinde_id",
    )

    class Meta:
        verbose_name = _("Bescheid")
        verbose_name_plural = _("Bescheide")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.application.file_number}"
