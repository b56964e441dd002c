"""Who may change the organisation (named predicates; each orgs service checks its own).

Organisation data (reference data, users, roles, Träger) are changed by the system
administration only: management commands and the demo run as the system (``actor=None``), a
person needs the superuser flag. Kreis coordinators do not create accounts (yet).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied


def is_system_administration(actor: Any) -> bool:
    """The system itself (commands, data loads: ``None``) or a superuser."""
    return actor is None or bool(getattr(actor, "is_superuser", False))


def require_system_administration(actor: Any, what: str) -> None:
    if not is_system_administration(actor):
        raise PermissionDenied(f"Nur die Systemverwaltung darf {what}.")
