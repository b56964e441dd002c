"""Programmes, budgets and their ledger, rule versions, contingents and applicants."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pik.core.models import TimeStamped
from pik.core.numbers import format_money
from pik.core.scoping import DataKind, ScopePaths
from pik.orgs.models import Gemeinde, Kreis


class Programme(TimeStamped):
    class Kind(models.TextChoices):
        STAFF = "staff", _("Förderung von Integrationsmanagerinnen und -managern")
        DIGITAL = "digital", _("Digitale Lösungen im Integrationsmanagement")

    code = models.SlugField(_("Kürzel"), unique=True)
    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("Beschreibung"), blank=True)
    start_date = models.DateField(_("Beginn des Programms"))

    scope: ClassVar = ScopePaths(DataKind.PUBLIC)

    class Meta:
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")
        ordering: ClassVar = ["start_date", "code"]

    def __str__(self) -> str:
        return self.name


class Budget(TimeStamped):
    """The state's money for one programme and year. Balances come from the ledger."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("Haushaltsjahr"))
    total = models.DecimalField(_("Haushaltsansatz (EUR)"), max_digits=14, decimal_places=2)

    scope: ClassVar = ScopePaths(DataKind.PUBLIC)

    class Meta:
        verbose_name = _("Haushaltsansatz")
        verbose_name_plural = _("Haushaltsansätze")
        ordering: ClassVar = ["programme", "year"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["programme", "year"], name="budget_unique_year"),
            models.CheckConstraint(condition=Q(total__gte=0), name="budget_total_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}"


class LedgerEntry(models.Model):
    """One movement of budget money. Balances are sums of entries, never stored."""

    class Kind(models.TextChoices):
        COMMITMENT = "commitment", _("Bindung (Bewilligung)")
        RELEASE = "release", _("Freigabe (Aufhebung einer Bindung)")
        PAYMENT = "payment", _("Auszahlung")
        REPAYMENT = "repayment", _("Rückzahlung")

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(_("Betrag (EUR)"), max_digits=14, decimal_places=2)
    application = models.ForeignKey(
        "Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
    )
    note = models.CharField(_("Vermerk"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("gebucht am"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Buchung")
        verbose_name_plural = _("Buchungen")
        ordering: ClassVar = ["created_at", "pk"]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="ledger_amount_positive"),
        ]
        indexes: ClassVar = [
            # Covers the balance sums (budget, kind → amount) without reading the table rows
            # (bench/bench_ledger.py).
            models.Index(fields=["budget", "kind", "amount"], name="ledger_budget_kind_amount"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {format_money(self.amount, language='de')}"


class RuleVersion(TimeStamped):
    """The funding rules of a programme in force from ``effective_from`` (a VwV or amendment)."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="rule_versions")
    name = models.CharField(_("Fassung"), max_length=200)
    legal_basis = models.TextField(_("Rechtsgrundlage"))
    effective_from = models.DateField(_("gültig ab"))
    rate_per_person = models.DecimalField(
        _("Betrag je Person in Anschlussunterbringung (EUR)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    rate_is_derived = models.BooleanField(_("Betrag je Person abgeleitet"), default=False)
    reference_date = models.DateField(_("Stichtag"), null=True, blank=True)
    min_contingent = models.DecimalField(
        _("Mindestkontingent für einen eigenen Antrag (EUR)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0.00"),
    )
    amount_intermediate = models.DecimalField(
        _("Festbetrag je Vollzeitstelle und Jahr, mittlerer Abschluss mit Ausbildung (EUR)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0.00"),
    )
    amount_university = models.DecimalField(
        _("Festbetrag je Vollzeitstelle und Jahr, Hochschulabschluss (EUR)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0.00"),
    )
    university_is_derived = models.BooleanField(_("Hochschul-Festbetrag abgeleitet"), default=False)
    min_position_share = models.DecimalField(
        _("Mindestanteil einer Stelle (VZÄ)"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.25"),
    )
    standard_months = models.PositiveSmallIntegerField(_("Regelförderdauer (Monate)"), default=24)
    max_total_months = models.PositiveSmallIntegerField(_("Höchstförderdauer (Monate)"), default=24)
    interruption_months = models.PositiveSmallIntegerField(
        _("Verlängerung bei unterbrochener Gehaltszahlung (Monate)"), default=0
    )
    first_tranche_percent = models.DecimalField(
        _("Erste Rate (%)"), max_digits=5, decimal_places=2, default=Decimal("60.00")
    )
    proof_of_use_months = models.PositiveSmallIntegerField(
        _("Verwendungsnachweis fällig (Monate nach Ende)"), default=3
    )
    key_figures_due = models.CharField(
        _("Kennzahlen fällig am"), max_length=20, default="31. Januar"
    )
    counselling_max_years = models.PositiveSmallIntegerField(
        _("Beratungsdauer je Person (Jahre)"), default=3
    )
    counselling_max_years_justified = models.PositiveSmallIntegerField(
        _("Beratungsdauer in begründeten Fällen (Jahre)"), default=4
    )

    scope: ClassVar = ScopePaths(DataKind.PUBLIC)

    class Meta:
        verbose_name = _("Fassung der Förderrichtlinie")
        verbose_name_plural = _("Fassungen der Förderrichtlinie")
        ordering: ClassVar = ["programme", "-effective_from"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["programme", "effective_from"], name="rule_version_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (gültig ab {self.effective_from:%d.%m.%Y})"


class Contingent(TimeStamped):
    """What a Gemeinde may receive at most in a funding year: persons on the reference date times
    the rate, under the rule version in force in that year (not the newest one)."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="contingents")
    year = models.PositiveSmallIntegerField(_("Förderjahr"))
    rule_version = models.ForeignKey(RuleVersion, on_delete=models.PROTECT, related_name="+")
    gemeinde = models.ForeignKey(Gemeinde, on_delete=models.PROTECT, related_name="contingents")
    reference_date = models.DateField(_("Stichtag"))
    persons = models.PositiveIntegerField(_("Personen in Anschlussunterbringung"))
    amount = models.DecimalField(_("Kontingent (EUR)"), max_digits=14, decimal_places=2)
    budget_share = models.DecimalField(
        _("Anteil am Haushaltsansatz (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    is_demo = models.BooleanField(_("Demo-Zahl"), default=False)

    scope: ClassVar = ScopePaths(
        DataKind.FUNDING, kreis="gemeinde__kreis_id", gemeinde="gemeinde_id"
    )

    class Meta:
        verbose_name = _("Mittelkontingent")
        verbose_name_plural = _("Mittelkontingente")
        ordering: ClassVar = ["-year", "gemeinde__ags"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["programme", "year", "gemeinde"], name="contingent_unique_year"
            ),
            models.CheckConstraint(condition=Q(persons__gt=0), name="contingent_persons_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.gemeinde}: {self.amount} EUR"


class Applicant(TimeStamped):
    """Who applies: a Gemeinde alone, a pooling of Gemeinden, or a Kreis (Landratsamt)."""

    class Kind(models.TextChoices):
        GEMEINDE = "gemeinde", _("Gemeinde")
        POOLING = "pooling", _("Interkommunaler Zusammenschluss")
        KREIS = "kreis", _("Kreis (Landratsamt / Stadtkreis)")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="applicants")
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("Name"), max_length=250)
    kreis = models.ForeignKey(Kreis, on_delete=models.PROTECT, related_name="applicants")
    gemeinde = models.ForeignKey(
        Gemeinde,
        verbose_name=_("federführende Gemeinde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_applicants",
    )
    members = models.ManyToManyField(
        Gemeinde, related_name="applicants", verbose_name=_("Gemeinden")
    )
    # A pooling binds its members only once every member has agreed (PoolingConsent); until
    # then it is a proposal: no contingent, and its members may still apply alone or elsewhere.
    bound_at = models.DateTimeField(_("verbindlich seit"), null=True, blank=True)
    # Where the state cash office pays to (checked with the IBAN checksum when entered).
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    account_holder = models.CharField(_("Kontoinhaber"), max_length=200, blank=True)

    scope: ClassVar = ScopePaths(DataKind.FUNDING, kreis="kreis_id", gemeinde="gemeinde_id")

    class Meta:
        verbose_name = _("Antragsteller")
        verbose_name_plural = _("Antragsteller")
        ordering: ClassVar = ["name"]
        constraints: ClassVar = [
            models.CheckConstraint(
                name="applicant_gemeinde_unless_kreis",
                condition=Q(kind="kreis") | Q(gemeinde__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_bound(self) -> bool:
        return self.bound_at is not None
