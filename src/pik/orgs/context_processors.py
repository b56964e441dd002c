from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from pik.core.scoping import grants_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Role facts for the navigation (computed once per request, cached on the user)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_roles": grants_for(user).roles}
