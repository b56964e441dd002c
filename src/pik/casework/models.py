"""Client records of integration management: clients, households, consent, contacts, plans.

Every table is CASEWORK data: an integration manager sees the own caseload (and records shared
with them) in the Kreis, the Kreis coordinator sees the whole Kreis, nobody else.
"""

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
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    anonymised_at = models.DateTimeField(_("anonymisiert am"), null=True, blank=True)
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


class Consent(TimeStamped):
    """Informed consent with purpose, date, scope and withdrawal (GDPR Art. 6, 7, 9)."""

    class Purpose(models.TextChoices):
        PARTICIPATION = "participation", _("Teilnahme und Beratung (Verarbeitung der Daten)")
        HEALTH = "health", _("Verarbeitung von Gesundheitsdaten")
        NETWORK = "network", _("Weitergabe an Netzwerkpartner (Vermittlung)")
        TRANSFER = "transfer", _("Übermittlung an einen anderen Kreis")
        STATISTICS = "statistics", _("Anonymisierte Statistik")

    class Form(models.TextChoices):
        SIGNED_PAPER = "signed_paper", _("schriftlich (unterschriebenes Papier, eingescannt)")
        VERBAL_WITNESS = "verbal_witness", _("mündlich, mit Zeugin / Zeuge")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("Zweck"), max_length=20, choices=Purpose.choices)
    network_actor = models.CharField(
        _("Netzwerkpartner (Name der Stelle)"), max_length=200, blank=True
    )
    form = models.CharField(
        _("Form"), max_length=20, choices=Form.choices, default=Form.SIGNED_PAPER
    )
    witness = models.CharField(_("Zeugin / Zeuge"), max_length=200, blank=True)
    scan = models.FileField(_("Scan der Unterschrift"), upload_to="consents/%Y/", blank=True)
    scan_type = models.CharField(max_length=50, blank=True)
    scope_text = models.TextField(_("Umfang"), blank=True)
    given_on = models.DateField(_("erteilt am"))
    withdrawn_on = models.DateField(_("widerrufen am"), null=True, blank=True)
    form_language = models.CharField(_("Sprache des Formulars"), max_length=5, default="de")
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", null=True)

    scope: ClassVar = via_client()

    class Meta:
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")
        ordering: ClassVar = ["-given_on", "-pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                name="consent_withdrawn_after_given",
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.given_on:%d.%m.%Y})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class Contact(TimeStamped):
    """A counselling contact (Beratungskontakt)."""

    class Kind(models.TextChoices):
        IN_PERSON = "in_person", _("persönlich")
        OUTREACH = "outreach", _("aufsuchend")
        PHONE = "phone", _("telefonisch")
        EMAIL = "email", _("E-Mail")
        VIDEO = "video", _("Video")
        MESSENGER = "messenger", _("Messenger")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="contacts")
    staff = models.ForeignKey(
        USER, verbose_name=_("beraten von"), on_delete=models.PROTECT, related_name="+"
    )
    occurred_on = models.DateField(_("Datum"))
    kind = models.CharField(_("Art"), max_length=12, choices=Kind.choices)
    duration_minutes = models.PositiveSmallIntegerField(_("Dauer (Minuten)"))
    topics = models.JSONField(_("Themen"), default=list, blank=True)
    interpreter = models.BooleanField(_("mit Dolmetschung"), default=False)
    notes = models.TextField(_("Notiz"), blank=True)

    scope: ClassVar = via_client()

    class Meta:
        verbose_name = _("Beratungskontakt")
        verbose_name_plural = _("Beratungskontakte")
        ordering: ClassVar = ["-occurred_on", "-pk"]
        indexes: ClassVar = [
            models.Index(fields=["client", "occurred_on"], name="contact_client_date_idx"),
            models.Index(fields=["staff", "occurred_on"], name="contact_staff_date_idx"),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                name="contact_duration_range",
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=600),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d.%m.%Y}"

    def topic_labels(self) -> list[str]:
        labels = dict(PlanField.choices)
        return [str(labels.get(t, t)) for t in self.topics]


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


class Task(TimeStamped):
    """A to-do or reminder (Aufgabe / Wiedervorlage) of a manager, often about a client."""

    kreis = models.ForeignKey("orgs.Kreis", on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, null=True, blank=True, related_name="tasks"
    )
    assigned_to = models.ForeignKey(
        USER, verbose_name=_("für"), on_delete=models.PROTECT, related_name="casework_tasks"
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    step = models.ForeignKey(
        "Step",
        verbose_name=_("aus Planschritt"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tasks",
    )
    title = models.CharField(_("Aufgabe"), max_length=200)
    due_on = models.DateField(_("fällig am"))
    done_at = models.DateTimeField(_("erledigt am"), null=True, blank=True)

    scope: ClassVar = ScopePaths(DataKind.CASEWORK, kreis="kreis_id", owner="assigned_to_id")

    class Meta:
        verbose_name = _("Aufgabe")
        verbose_name_plural = _("Aufgaben")
        ordering: ClassVar = ["due_on", "pk"]
        indexes: ClassVar = [
            models.Index(fields=["assigned_to", "done_at", "due_on"], name="task_inbox_idx")
        ]

    def __str__(self) -> str:
        return self.title


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


class Referral(TimeStamped):
    """Data passed on to a named network partner (Weitergabe): only with the client's consent
    naming that partner."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="referrals")
    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="referrals")
    network_actor = models.CharField(_("Netzwerkpartner"), max_length=200)
    purpose = models.CharField(_("Anlass"), max_length=300)
    shared_on = models.DateField(_("weitergegeben am"))
    shared_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    scope: ClassVar = via_client()

    class Meta:
        verbose_name = _("Weitergabe an Netzwerkpartner")
        verbose_name_plural = _("Weitergaben an Netzwerkpartner")
        ordering: ClassVar = ["-shared_on", "-pk"]

    def __str__(self) -> str:
        return f"Weitergabe {self.client_id} an {self.network_actor}"
