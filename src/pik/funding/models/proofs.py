"""Proof of use (Verwendungsnachweis), interim and final, with what it is made of.

Per funded position a line (months filled, salary paid, an interruption, a change of person or
qualification); for the digital programme the tool's invoices; one narrative report
(Sachbericht) per proof; the key figures as one named set of fields (``KeyFigures``); the RPS's
findings. The computed amounts are stored when the proof is checked, so the repayment claim and
the page show the figures the decision rests on.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pik.core.models import TimeStamped
from pik.core.scoping import DataKind, ScopePaths
from pik.funding.models.applications import Application, Position

ZERO = Decimal("0.00")


class ProofOfUse(TimeStamped):
    class Kind(models.TextChoices):
        INTERIM = "interim", _("Zwischenverwendungsnachweis")
        FINAL = "final", _("Verwendungsnachweis (Endnachweis)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SUBMITTED = "submitted", _("eingereicht")
        RETURNED = "returned", _("zur Korrektur zurückgegeben")
        ACCEPTED = "accepted", _("anerkannt")
        REPAYMENT_DUE = "repayment_due", _("Rückforderung")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="proofs")
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    period_start = models.DateField(_("Zeitraum von"))
    period_end = models.DateField(_("Zeitraum bis"))
    due_date = models.DateField(_("fällig am"))
    # The narrative report (Sachbericht): one per applicant and proof, PDF or DOCX, checked by
    # content; combined where several Träger took part (the page names them).
    report = models.FileField(upload_to="proofs/%Y/", blank=True)
    report_name = models.CharField(_("Sachbericht"), max_length=255, blank=True)
    report_type = models.CharField(max_length=100, blank=True)
    report_sha256 = models.CharField(max_length=64, blank=True)
    # What the check computed and the decision rests on (set by the RPS's decision).
    eligible_amount = models.DecimalField(
        _("förderfähig (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    paid_amount = models.DecimalField(
        _("ausgezahlt (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    underspend = models.DecimalField(
        _("nicht oder nicht zweckentsprechend verwendet (EUR)"),
        max_digits=14,
        decimal_places=2,
        default=ZERO,
    )
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    decided_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    scope: ClassVar = ScopePaths(
        DataKind.FUNDING,
        kreis="application__applicant__kreis_id",
        gemeinde="application__applicant__gemeinde_id",
    )

    class Meta:
        verbose_name = _("Verwendungsnachweis")
        verbose_name_plural = _("Verwendungsnachweise")
        ordering: ClassVar = ["application", "period_start", "kind"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["application"], condition=Q(kind="final"), name="proof_one_final"
            ),
            models.UniqueConstraint(
                fields=["application", "period_start"],
                condition=Q(kind="interim"),
                name="proof_one_interim_per_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="proof_period_order"
            ),
            models.CheckConstraint(
                condition=Q(underspend__gte=0), name="proof_underspend_positive"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} {self.application} "
            f"({self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y})"
        )


class ProofLine(models.Model):
    """One funded position in a proof of use: what was actually filled and paid."""

    proof = models.ForeignKey(ProofOfUse, on_delete=models.CASCADE, related_name="lines")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="proof_lines")
    filled_from = models.DateField(_("besetzt ab"), null=True, blank=True)
    filled_to = models.DateField(_("besetzt bis"), null=True, blank=True)
    salary_paid = models.DecimalField(
        _("gezahltes Entgelt (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # Salary payments interrupted (e.g. parental leave): these months are not funded and extend
    # the funded period by as many months, up to the rule version's allowance.
    interrupted_from = models.DateField(_("Gehaltszahlung unterbrochen ab"), null=True, blank=True)
    interrupted_to = models.DateField(_("unterbrochen bis"), null=True, blank=True)
    # A change of person or qualification: from this date the new rate of the rule version.
    changed_on = models.DateField(_("Wechsel am"), null=True, blank=True)
    new_person_name = models.CharField(_("neue Person"), max_length=200, blank=True)
    new_qualification = models.CharField(
        _("neue Qualifikation"), max_length=20, choices=Position.Qualification.choices, blank=True
    )
    months_filled = models.PositiveSmallIntegerField(_("besetzte Monate"), default=0)
    eligible_amount = models.DecimalField(
        _("förderfähig (EUR)"), max_digits=14, decimal_places=2, default=ZERO
    )

    class Meta:
        verbose_name = _("Stelle im Verwendungsnachweis")
        verbose_name_plural = _("Stellen im Verwendungsnachweis")
        ordering: ClassVar = ["position_id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["proof", "position"], name="proof_line_unique"),
            models.CheckConstraint(
                condition=Q(salary_paid__isnull=True) | Q(salary_paid__gte=0),
                name="proof_line_salary_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position.person_name} ({self.proof})"

    @property
    def complete(self) -> bool:
        """Stated: the salary paid (0,00 and no months for a position vacant the whole period;
        the service allows the months filled only both or neither)."""
        return self.salary_paid is not None


class ProofInvoice(models.Model):
    """An invoice for the digital tool (digital programme): amount and the checked document."""

    proof = models.ForeignKey(ProofOfUse, on_delete=models.CASCADE, related_name="invoices")
    invoice_date = models.DateField(_("Rechnungsdatum"))
    number = models.CharField(_("Rechnungsnummer"), max_length=100)
    supplier = models.CharField(_("Rechnungssteller"), max_length=200)
    amount = models.DecimalField(_("Betrag (EUR)"), max_digits=14, decimal_places=2)
    file = models.FileField(upload_to="proofs/invoices/%Y/")
    original_name = models.CharField(_("Dateiname"), max_length=255)
    content_type = models.CharField(max_length=50)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Rechnung")
        verbose_name_plural = _("Rechnungen")
        ordering: ClassVar = ["invoice_date", "pk"]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="proof_invoice_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.supplier} {self.number}"


class KeyFigures(models.Model):
    """The key figures of the period, with the field list of the statewide template (Kennzahlen,
    VwV Nr. 6.2). Entered by hand or taken from case work (``source``, ADR 0039: ``pik.stats``
    counts them and hands the numbers to ``services.proof_key_figures_from_casework``); the
    case-work key figures (``casework.selectors.keyfigures.RawKeyFigures``, ADR 0036) fill them:
    persons_counselled ← persons_total, persons_new/persons_ended ← persons["new"/"ended"],
    households, plans_created/plans_reviewed ← plans["created"/"reviewed"], contacts_* ←
    contacts_by_channel (all; outreach; phone, e-mail, video), goals_reached ← goals_reached
    summed; referrals from the network. ``pik.funding.proofs.KEY_FIGURE_NAMES`` gives the order.
    Figures from case work wait for the applicant's confirmation (``awaiting_confirmation``).
    """

    class Source(models.TextChoices):
        MANUAL = "manual", _("von Hand erfasst")
        CASEWORK = "casework", _("aus der Fallarbeit übernommen")

    proof = models.OneToOneField(ProofOfUse, on_delete=models.CASCADE, related_name="key_figures")
    source = models.CharField(_("Herkunft"), max_length=10, choices=Source.choices)
    persons_counselled = models.PositiveIntegerField(_("Beratene Personen"))
    households = models.PositiveIntegerField(_("Beratene Haushalte"))
    persons_new = models.PositiveIntegerField(_("davon im Zeitraum neu aufgenommen"))
    plans_created = models.PositiveIntegerField(_("Erstellte Integrationspläne"))
    plans_reviewed = models.PositiveIntegerField(_("Fortgeschriebene Integrationspläne"))
    contacts_total = models.PositiveIntegerField(_("Beratungskontakte insgesamt"))
    contacts_outreach = models.PositiveIntegerField(_("davon aufsuchend"))
    contacts_remote = models.PositiveIntegerField(_("davon per Telefon, E-Mail oder Video"))
    referrals = models.PositiveIntegerField(_("Vermittlungen in Regelangebote"))
    goals_reached = models.PositiveIntegerField(_("Erreichte Ziele"))
    persons_ended = models.PositiveIntegerField(_("davon Beratung im Zeitraum beendet"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("erfasst am"), auto_now=True)
    # Taken from case work (ADR 0039): when, and whose caseload (the managers the applicant
    # employs and those of each Träger with passed-on funds). Kept after a change by hand, so the
    # page can say the figures were changed after they came from case work.
    casework_at = models.DateTimeField(_("aus der Fallarbeit übernommen am"), null=True)
    casework_scope = models.CharField(_("Fallarbeit von"), max_length=500, blank=True)
    # Figures from case work count only once the applicant confirmed them (before submitting).
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Kennzahlen")
        verbose_name_plural = _("Kennzahlen")

    def __str__(self) -> str:
        return f"Kennzahlen {self.proof}"

    @property
    def awaiting_confirmation(self) -> bool:
        """Taken from case work and not yet confirmed by the applicant (submission waits)."""
        return self.source == self.Source.CASEWORK and self.confirmed_at is None


class ProofFinding(models.Model):
    """A finding of the RPS's check (Prüfvermerk), one text each."""

    proof = models.ForeignKey(ProofOfUse, on_delete=models.CASCADE, related_name="findings")
    text = models.TextField(_("Feststellung"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Prüfungsfeststellung")
        verbose_name_plural = _("Prüfungsfeststellungen")
        ordering: ClassVar = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
