"""Reads of referrals: what the client page shows and the subject-access export lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Func, Q, QuerySet
from django.http import Http404

from pik.casework import rules as casework_rules
from pik.casework import selectors as casework_selectors
from pik.casework.models import PlanField, Step
from pik.core.scoping import get_visible_or_404, visible
from pik.network import rules as network_rules
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


#: The directory's sortable columns (``pik.core.sorting``): key → fields.
ACTOR_SORT_COLUMNS = {
    "name": ("name",),
    "art": ("kind",),
    "gemeinde": ("gemeinde__name",),
    "sprachen": ("languages",),
}
ACTOR_SORT_DEFAULT = "name"


def actor_list(
    *,
    user: Any,
    kreis: Any,
    topic: str = "",
    language: str = "",
    gemeinde: Any = None,
    text: str = "",
    suggested: bool = False,
    order: Sequence[str] = ("name", "pk"),
) -> QuerySet[Actor]:
    """The Kreis's partners (suggestions only with ``suggested``), filtered by topic, language,
    Gemeinde(n: one or a list) and a word of the name; ``order`` from ``ACTOR_SORT_COLUMNS``."""
    if suggested and not network_rules.may_maintain_directory(user, kreis.pk):
        return Actor.objects.none()  # suggestions are the coordinator's to take in
    partners = visible(Actor.objects.filter(kreis=kreis), user).select_related("gemeinde")
    partners = partners.filter(status=Actor.Status.SUGGESTED if suggested else Actor.Status.ACTIVE)
    if topic:
        partners = partners.filter(pk__in=[a.pk for a in partners if topic in (a.topics or [])])
    if language:
        partners = partners.filter(languages__icontains=language)
    if isinstance(gemeinde, list | tuple):
        partners = partners.filter(gemeinde__in=gemeinde)
    elif gemeinde is not None:
        partners = partners.filter(gemeinde=gemeinde)
    if text:
        partners = partners.filter(name__icontains=text)
    return partners.order_by(*order)


def actor_get(*, user: Any, pk: Any) -> Actor:
    """One partner of a Kreis the user works in (404 otherwise, also for another Kreis's)."""
    partner = get_visible_or_404(Actor.objects.select_related("gemeinde", "kreis"), user, pk=pk)
    if casework_rules.casework_kreis_id(user) != partner.kreis_id:
        raise Http404
    return partner


def directory_gaps(*, user: Any, kreis: Any) -> list[tuple[str, list[str]]]:
    """Where the network is missing, for the Kreis coordinator (nobody else: empty): per Gemeinde
    of the Kreis with clients in counselling, the plan fields no partner in that Gemeinde serves
    (the Kreis-wide gaps first, as "Kreis")."""
    if not network_rules.may_maintain_directory(user, kreis.pk):
        return []
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


# --- Referrals: their course, what is overdue, how each partner answers ------------------------


def referral_get(*, user: Any, pk: Any) -> Referral:
    """A referral on a record the user may work on (404 otherwise)."""
    return get_visible_or_404(Referral.objects.select_related("client", "partner"), user, pk=pk)


def overdue_referrals(*, user: Any, on: Any) -> list[Referral]:
    """Referrals on the user's records still waiting for an answer after its date, or whose
    appointment has passed without an outcome ("Mein Tag")."""
    waiting = Q(status__in=["sent", "accepted"], respond_by__lt=on) | Q(
        status="appointment", appointment_on__lt=on
    )
    mine = Q(client__responsible=user) | Q(shared_by=user)
    return list(
        visible(Referral.objects.filter(waiting).filter(mine), user)
        .select_related("client", "partner")
        .order_by("respond_by", "pk")[:50]
    )


def partner_outcomes(*, user: Any, kreis: Any) -> list[tuple[str, dict[str, int]]]:
    """Per partner of the Kreis: referrals by state, for the Kreis coordinator (where the network
    works); empty for everybody else."""
    if not network_rules.may_maintain_directory(user, kreis.pk):
        return []
    table: dict[str, dict[str, int]] = {}
    labels = dict(Referral.Status.choices)
    for name, status, n in (
        Referral.objects.filter(partner__kreis=kreis)
        .values_list("partner__name", "status")
        .annotate(n=Count("pk"))
        .order_by("partner__name")
    ):
        table.setdefault(name, {})[str(labels.get(status, status))] = n
    return sorted(table.items())


#: The outcomes of a referral in their order, as the key figures name them.
REFERRAL_STATES = [label for _key, label in Referral.Status.choices]


def referral_counts(*, clients: Any, start: Any, end: Any) -> dict[str, dict[str, int]]:
    """Referrals made in a period for the given people (a key-figure queryset of clients, or a
    filter on ``client_id`` as ``among_counted`` builds it), by the kind of partner and by
    outcome (raw counts; stats suppresses them)."""
    kinds = {key: str(label) for key, label in Actor.Kind.choices}
    states = {key: str(label) for key, label in Referral.Status.choices}
    by_kind: dict[str, int] = {}
    by_state: dict[str, int] = {}
    rows = (
        Referral.objects.filter(
            clients if isinstance(clients, (Q, Func)) else Q(client_id__in=clients.values("pk")),
            shared_on__range=(start, end),
        )
        .order_by()
        .values("partner__kind", "status")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        kind = kinds.get(row["partner__kind"] or "", "ohne Verzeichniseintrag")
        by_kind[kind] = by_kind.get(kind, 0) + row["n"]
        state = states.get(row["status"], row["status"])
        by_state[state] = by_state.get(state, 0) + row["n"]
    return {"kind": by_kind, "status": by_state}


def referral_totals(
    *, clients: Any, start: Any, end: Any, by: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Referrals made in a period for the given people, counted per value of the client fields
    ``by`` (rows ``{"client__<field>": ..., "n": ...}``; the same referrals as
    ``referral_counts``, for many applicants in one query)."""
    return list(
        Referral.objects.filter(client_id__in=clients.values("pk"), shared_on__range=(start, end))
        .order_by()
        .values(*(f"client__{name}" for name in by))
        .annotate(n=Count("pk"))
    )


def referral_partners(*, user: Any, client: Any) -> list[tuple[int, str]]:
    """The partners of the client's Kreis to choose from, "Name (Gemeinde, Art)"."""
    partners = visible(
        Actor.objects.filter(kreis_id=client.kreis_id, status=Actor.Status.ACTIVE), user
    ).select_related("gemeinde")
    return [(a.pk, f"{a.name} ({a.gemeinde.name}, {a.get_kind_display()})") for a in partners]


def referral_steps(*, client: Any) -> list[tuple[int, str]]:
    """The open steps of the client's plan (the caller got the record through a scoped read)."""
    steps = Step.objects.filter(goal__plan__client=client, done_on=None).select_related("goal")
    return [(s.pk, f"{s.goal.get_field_display()}: {s.description}") for s in steps]


def plan_step(*, client: Any, pk: Any) -> Step:
    """One step of the client's plan (404 for any other)."""
    step = Step.objects.filter(goal__plan__client=client, pk=pk).select_related("goal").first()
    if step is None:
        raise Http404
    return step
