"""Reads of referrals: what the client page shows and the subject-access export lists."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from pik.casework import rules as casework_rules
from pik.casework import selectors as casework_selectors
from pik.casework.models import PlanField
from pik.core.scoping import get_visible_or_404, visible
from pik.network.models import Actor, Referral
from pik.orgs.selectors import kreis_by_pk


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


# --- The directory of network partners ---------------------------------------------------------


def directory_kreis(*, user: Any) -> Any:
    """The Kreis whose directory the user works with (their case-work Kreis), or 404."""
    kreis_id = casework_rules.casework_kreis_id(user)
    if kreis_id is None:
        raise Http404
    return kreis_by_pk(pk=kreis_id)


def actor_list(
    *,
    user: Any,
    kreis: Any,
    topic: str = "",
    language: str = "",
    gemeinde: Any = None,
    text: str = "",
    suggested: bool = False,
) -> QuerySet[Actor]:
    """The Kreis's partners (suggestions only with ``suggested``), filtered by topic, language,
    Gemeinde and a word of the name."""
    partners = visible(Actor.objects.filter(kreis=kreis), user).select_related("gemeinde")
    partners = partners.filter(status=Actor.Status.SUGGESTED if suggested else Actor.Status.ACTIVE)
    if topic:
        partners = partners.filter(pk__in=[a.pk for a in partners if topic in (a.topics or [])])
    if language:
        partners = partners.filter(languages__icontains=language)
    if gemeinde is not None:
        partners = partners.filter(gemeinde=gemeinde)
    if text:
        partners = partners.filter(name__icontains=text)
    return partners.order_by("name", "pk")


def actor_get(*, user: Any, pk: Any) -> Actor:
    """One partner of a Kreis the user works in (404 otherwise, also for another Kreis's)."""
    partner = get_visible_or_404(Actor.objects.select_related("gemeinde", "kreis"), user, pk=pk)
    if casework_rules.casework_kreis_id(user) != partner.kreis_id:
        raise Http404
    return partner


def directory_gaps(*, kreis: Any) -> list[tuple[str, list[str]]]:
    """Where the network is missing: per Gemeinde of the Kreis with clients in counselling, the
    plan fields no partner in that Gemeinde serves (the Kreis-wide gaps first, as "Kreis")."""
    fields = {key: str(label) for key, label in PlanField.choices}
    served: dict[int | None, set[str]] = {}
    for gemeinde_id, topics in Actor.objects.filter(
        kreis=kreis, status=Actor.Status.ACTIVE
    ).values_list("gemeinde_id", "topics"):
        served.setdefault(gemeinde_id, set()).update(topics or [])
        served.setdefault(None, set()).update(topics or [])
    gaps = [("Kreis", [fields[k] for k in fields if k not in served.get(None, set())])]
    for gemeinde_id, name in casework_selectors.gemeinden_with_clients(kreis_id=kreis.pk):
        missing = [fields[k] for k in fields if k not in served.get(gemeinde_id, set())]
        if missing:
            gaps.append((name, missing))
    return [(name, missing) for name, missing in gaps if missing]


def actor_rows(*, user: Any, kreis: Any) -> list[list[str]]:
    """The directory as rows of the import/export file (the columns of ``directory.COLUMNS``)."""
    fields = {key: str(label) for key, label in PlanField.choices}
    return [
        [
            a.name,
            a.get_kind_display(),
            a.gemeinde.name,
            a.address,
            a.contact_persons,
            a.phone,
            a.email,
            a.website,
            a.languages,
            a.opening_hours,
            ", ".join(fields.get(t, t) for t in a.topics or []),
        ]
        for a in actor_list(user=user, kreis=kreis)
    ]


def topic_labels() -> dict[str, str]:
    return {key: str(label) for key, label in PlanField.choices}
