"""Who may do what in the portal, as named predicates (each portal service checks its own).

The portal's content is edited by the authority's editors (``Role.PORTAL_EDITOR``, statewide,
no Kreis); everybody, signed in or not, reads what is published.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from pik.core.roles import Role
from pik.core.scoping import grants_for

EDITORS_ONLY = _("Die Inhalte des Portals bearbeitet nur die Redaktion des Portals.")


def is_portal_editor(actor: Any) -> bool:
    """The portal's editors (Redaktion Portal)."""
    return (
        actor is not None
        and bool(getattr(actor, "is_authenticated", False))
        and Role.PORTAL_EDITOR in grants_for(actor).roles
    )


def require_portal_editor(actor: Any) -> None:
    """Refuse everybody but the editors, in German (a 403 page: editing is no secret)."""
    if not is_portal_editor(actor):
        raise PermissionDenied(EDITORS_ONLY)
