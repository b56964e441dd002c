from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from pik.casework import selectors


def start(request: HttpRequest) -> dict[str, Any]:
    """The coordinator's Kreis on the start page (evaluated only where a template uses it)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"casework_kreis_today": SimpleLazyObject(lambda: selectors.kreis_today(user=user))}
