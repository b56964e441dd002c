from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from pik.funding import rules, selectors


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_funding": rules.can_see_applications(user),
        "nav_budgets": rules.can_see_budgets(user),
        # evaluated only where a template uses it (the start page)
        "funding_inbox": SimpleLazyObject(lambda: list(selectors.inbox(user=user)[:20])),
        "funding_notices_missing": SimpleLazyObject(lambda: selectors.notices_missing(user=user)),
    }
