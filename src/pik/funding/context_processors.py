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
        "funding_inbox": SimpleLazyObject(lambda: selectors.inbox_by_deadline(user=user)),
        "funding_budget_charts": SimpleLazyObject(lambda: selectors.budget_charts(user=user)),
        "funding_provider": SimpleLazyObject(lambda: selectors.provider_positions(user=user)),
        "funding_notices_missing": SimpleLazyObject(lambda: selectors.notices_missing(user=user)),
    }
