"""Land, Regierungsbezirke, Kreise, Gemeinden, Träger, users and their memberships."""

from __future__ import annotations

from typing import Any, ClassVar

from allauth.mfa.models import Authenticator
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pik.core.models import TimeStamped
from pik.core.roles import PERSONAL_DATA_ROLES, STATEWIDE_ROLES, Role
from pik.core.scoping import DataKind, ScopePaths, grants_for
from pik.orgs import names


class Land(models.Model):
    ags = models.CharField(_("Schlüssel"), max_length=2, unique=True)
    name = models.CharField(_("Name"), max_length=100)

    class Meta:
        verbose_name = _("Land")
        verbose_name_plural = _("Länder")

    def __str__(self) -> str:
        return self.name


class Regierungsbezirk(models.Model):
    ags = models.CharField(_("Schlüssel"), max_length=3, unique=True)
    name = models.CharField(_("Name"), max_length=100, unique=True)
    land = models.ForeignKey(Land, on_delete=models.PROTECT, related_name="regierungsbezirke")

    scope: ClassVar = ScopePaths(DataKind.PUBLIC)

    class Meta:
        verbose_name = _("Regierungsbezirk")
        verbose_name_plural = _("Regierungsbezirke")
        ordering: ClassVar = ["ags"]

    def __str__(self) -> str:
        return f"Regierungsbezirk {self.name}"


class Kreis(models.Model):
    class Kind(models.TextChoices):
        STADTKREIS = "Stadtkreis", _("Stadtkreis")
        LANDKREIS = "Landkreis", _("Landkreis")

    ags = models.CharField(_("Kreisschlüssel"), max_length=5, unique=True)
    name = models.CharField(_("Name"), max_length=100)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    regierungsbezirk = models.ForeignKey(
        Regierungsbezirk, on_delete=models.PROTECT, related_name="kreise"
    )

    scope: ClassVar = ScopePaths(DataKind.ORG, kreis="id")

    class Meta:
        verbose_name = _("Kreis")
        verbose_name_plural = _("Kreise")
        ordering: ClassVar = ["ags"]

    def __str__(self) -> str:
        if self.kind == self.Kind.LANDKREIS:
            return self.name if self.name.lower().endswith("kreis") else f"Landkreis {self.name}"
        return self.name.replace(", Stadtkreis", "") + " (Stadtkreis)"

    @property
    def official_name(self) -> str:
        """Who receives its letters: 'Landratsamt Böblingen', 'Landeshauptstadt Stuttgart'."""
        if self.kind == self.Kind.LANDKREIS:
            return names.kreis_authority_name(self.name, landkreis=True)
        city = Gemeinde.objects.filter(ags=f"{self.ags}000").first()
        return names.kreis_authority_name(
            self.name, landkreis=False, city_official_name=city.official_name if city else ""
        )


class Gemeinde(models.Model):
    ags = models.CharField(_("Gemeindeschlüssel (AGS)"), max_length=8, unique=True)
    name = models.CharField(_("Name"), max_length=150)
    kreis = models.ForeignKey(Kreis, on_delete=models.PROTECT, related_name="gemeinden")
    population = models.PositiveIntegerField(_("Einwohner (Zensus 2022)"))

    scope: ClassVar = ScopePaths(DataKind.PUBLIC)

    class Meta:
        verbose_name = _("Gemeinde")
        verbose_name_plural = _("Gemeinden")
        ordering: ClassVar = ["ags"]

    def __str__(self) -> str:
        return names.gemeinde_title(self.name, city_of_stadtkreis=self.is_city_of_stadtkreis)

    @property
    def is_city_of_stadtkreis(self) -> bool:
        """A Stadtkreis has one Gemeinde, numbered 000 (no Landkreis Gemeinde is)."""
        return self.ags.endswith("000")

    @property
    def official_name(self) -> str:
        """As a letter names it: 'Stadt Böblingen', 'Gemeinde Aidlingen'."""
        return names.gemeinde_official_name(
            self.name, city_of_stadtkreis=self.is_city_of_stadtkreis
        )

    @property
    def place_name(self) -> str:
        """The bare place name: 'Böblingen'."""
        return names.place_name(self.name)


class Provider(TimeStamped):
    """A Träger (welfare organisation) that may employ integration managers."""

    class Association(models.TextChoices):
        CARITAS = "caritas", "Caritas"
        DIAKONIE = "diakonie", "Diakonie"
        DRK = "drk", "Deutsches Rotes Kreuz"
        AWO = "awo", "Arbeiterwohlfahrt"
        PARITAET = "paritaet", "Der Paritätische"
        OTHER = "other", _("Sonstiger Träger")

    name = models.CharField(_("Name"), max_length=200)
    association = models.CharField(_("Verband"), max_length=20, choices=Association.choices)
    kreis = models.ForeignKey(
        Kreis, verbose_name=_("Sitz im Kreis"), on_delete=models.PROTECT, related_name="providers"
    )

    scope: ClassVar = ScopePaths(DataKind.PUBLIC)

    class Meta:
        verbose_name = _("Träger")
        verbose_name_plural = _("Träger")
        ordering: ClassVar = ["name"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["kreis", "name"], name="provider_unique_name_in_kreis")
        ]

    def __str__(self) -> str:
        return self.name


class OrgUnit(TimeStamped):
    """An organisational unit of a Kreis or Gemeinde administration (e.g. Sozialamt)."""

    name = models.CharField(_("Name"), max_length=200)
    kreis = models.ForeignKey(Kreis, on_delete=models.PROTECT, related_name="org_units")
    gemeinde = models.ForeignKey(
        Gemeinde, on_delete=models.PROTECT, null=True, blank=True, related_name="org_units"
    )

    scope: ClassVar = ScopePaths(DataKind.ORG, kreis="kreis_id")

    class Meta:
        verbose_name = _("Organisationseinheit")
        verbose_name_plural = _("Organisationseinheiten")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["kreis", "gemeinde", "name"], name="orgunit_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("Eine E-Mail-Adresse ist erforderlich.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with an e-mail address."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("E-Mail-Adresse"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("Benutzerin / Benutzer")
        verbose_name_plural = _("Benutzerinnen und Benutzer")

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def active_roles(self) -> set[str]:
        return set(grants_for(self).roles)

    @property
    def requires_mfa(self) -> bool:
        """Two-factor login is mandatory for staff and every role with personal data."""
        return self.is_staff or bool(self.active_roles() & PERSONAL_DATA_ROLES)


class Membership(TimeStamped):
    """A user's role at an organisation. One user may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("Rolle"), max_length=30, choices=Role.choices)
    kreis = models.ForeignKey(
        Kreis,
        verbose_name=_("Kreis"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text=_("Für Integrationsmanagement: der Kreis, in dem die Person arbeitet."),
    )
    gemeinde = models.ForeignKey(
        Gemeinde,
        verbose_name=_("Gemeinde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("Träger"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships"
    )
    responsible_kreise = models.ManyToManyField(
        Kreis,
        verbose_name=_("zuständig für Kreise"),
        blank=True,
        related_name="responsible_memberships",
        help_text=_("Nur RPS-Sachbearbeitung: die Kreise, für die die Person zuständig ist."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)

    scope: ClassVar = ScopePaths(DataKind.ORG, kreis="kreis_id")

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints: ClassVar = [
            models.CheckConstraint(
                name="membership_kreis_matches_role",
                condition=(
                    Q(role__in=sorted(STATEWIDE_ROLES), kreis__isnull=True)
                    | (~Q(role__in=sorted(STATEWIDE_ROLES)) & Q(kreis__isnull=False))
                ),
            ),
            models.CheckConstraint(
                name="membership_gemeinde_admin_has_gemeinde",
                condition=~Q(role=Role.GEMEINDE_ADMIN) | Q(gemeinde__isnull=False),
            ),
            models.CheckConstraint(
                name="membership_provider_admin_has_provider",
                condition=~Q(role=Role.PROVIDER_ADMIN) | Q(provider__isnull=False),
            ),
            models.CheckConstraint(
                name="membership_one_employer",
                condition=Q(gemeinde__isnull=True) | Q(provider__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        where = self.provider or self.gemeinde or self.kreis or ""
        return f"{self.user} – {self.get_role_display()} {where}".strip()

    @property
    def employer_key(self) -> str:
        """The key-figure scope of who employs an integration manager (``employer:<key>``):
        ``provider-<id>``, ``gemeinde-<ags>`` or ``kreis-<ags>``."""
        if self.provider_id:
            return f"provider-{self.provider_id}"
        if self.gemeinde is not None:
            return f"gemeinde-{self.gemeinde.ags}"
        return f"kreis-{self.kreis.ags}" if self.kreis is not None else ""

    @property
    def employer_kreis(self) -> Any:
        """The Kreis of who employs an integration manager."""
        if self.provider is not None:
            return self.provider.kreis
        if self.gemeinde is not None:
            return self.gemeinde.kreis
        return self.kreis

    @property
    def employer_label(self) -> str:
        """For integration managers: who employs them (Träger, Gemeinde or the Kreis)."""
        if self.provider_id:
            return f"Träger: {self.provider}"
        if self.gemeinde_id:
            return f"Gemeinde: {self.gemeinde}"
        return f"Kreis: {self.kreis}" if self.kreis_id else ""


class TotpStep(models.Model):
    """The last TOTP time step accepted from one authenticator (RFC 6238, section 5.2).

    A code stays valid for up to three 30-second steps (MFA_TOTP_TOLERANCE = 1); remembering the
    accepted step in the database, not in a per-process cache, refuses a code, and every older
    one, for all processes and for as long as it would otherwise stay valid.
    """

    authenticator = models.OneToOneField(
        Authenticator, on_delete=models.CASCADE, primary_key=True, related_name="pik_totp_step"
    )
    last_step = models.BigIntegerField(_("Zuletzt angenommener Zeitschritt"))

    class Meta:
        verbose_name = _("TOTP-Zeitschritt")
        verbose_name_plural = _("TOTP-Zeitschritte")

    def __str__(self) -> str:
        return f"{self.authenticator_id}: {self.last_step}"
