"""The roles a membership can carry. Kept in the kernel so scoping and workflows share them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MINISTRY = "ministry", _("Ministerium für Soziales und Integration")
    RPS_HEAD = "rps_head", _("RPS Referatsleitung")
    RPS_CASE_WORKER = "rps_case_worker", _("RPS Sachbearbeitung")
    AUDITOR = "auditor", _("Prüfung (nur lesend)")
    KREIS_COORDINATOR = "kreis_coordinator", _("Koordination Integrationsmanagement (Kreis)")
    GEMEINDE_ADMIN = "gemeinde_admin", _("Verwaltung Gemeinde")
    PROVIDER_ADMIN = "provider_admin", _("Verwaltung Träger")
    INTEGRATION_MANAGER = "integration_manager", _("Integrationsmanagerin / Integrationsmanager")
    PORTAL_EDITOR = "portal_editor", _("Redaktion Portal (RPS)")


#: Roles that work for the whole state and hold no Kreis.
STATEWIDE_ROLES = frozenset(
    {Role.MINISTRY, Role.RPS_HEAD, Role.RPS_CASE_WORKER, Role.AUDITOR, Role.PORTAL_EDITOR}
)
#: Roles that see personal data (names in applications, client records): MFA is mandatory.
PERSONAL_DATA_ROLES = frozenset(set(Role) - {Role.MINISTRY})
