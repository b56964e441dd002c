"""Who may edit the portal: named predicates (each portal service checks its own)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from pik.core.roles import Role
from pik.core.scoping import grants_for


def is_portal_editor(user: Any) -> bool:
    """An active membership with the role "Redaktion Portal (RPS)"."""
    return user is not None and Role.PORTAL_EDITOR in grants_for(user).roles


def may_publish(actor: Any) -> bool:
    """Portal editors; and the system itself (``None``: the first content, the demo)."""
    return actor is None or is_portal_editor(actor)


def require_editor(actor: Any, what: str) -> None:
    if not may_publish(actor):
        raise PermissionDenied(f"Nur die Redaktion des Portals darf {what}.")
