from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from pik.core.roles import Role
from pik.core.scoping import grants_for

#: Roles that only read: every page they open says so (a banner in the layout).
READ_ONLY_ROLES = frozenset({Role.AUDITOR})


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Role facts for the navigation (computed once per request, cached on the user)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = grants_for(user).roles
    return {"nav_roles": roles, "nav_read_only": bool(roles) and roles <= READ_ONLY_ROLES}
