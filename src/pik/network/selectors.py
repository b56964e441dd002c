"""Reads of referrals: what the client page shows and the subject-access export lists."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from pik.network.models import Referral


def client_referrals(*, client: Any) -> QuerySet[Referral]:
    """The referrals of one record (the caller got the record through a scoped selector)."""
    return (
        Referral.objects.filter(client=client)
        .select_related("shared_by")
        .order_by("-shared_on", "-pk")
    )


def referrals_shown(*, client: Any) -> list[Referral]:
    """The client page shows the last ten."""
    return list(client_referrals(client=client)[:10])


def referrals_exported(*, client: Any) -> list[dict[str, Any]]:
    """Every referral about the person, as plain data (GDPR Art. 15)."""
    return [
        {
            "netzwerkpartner": r.network_actor,
            "anlass": r.purpose,
            "am": r.shared_on.isoformat(),
            "von": str(r.shared_by),
        }
        for r in client_referrals(client=client)
    ]
