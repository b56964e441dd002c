"""Reads of client records, scoped to the user; each read of a record leaves an audit event.

Reading a client record leaves ``client.read`` (so the client page can show who accessed it);
lists record one ``client.list`` event with the ids they showed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Max, Q, QuerySet
from django.http import Http404

from pik.casework import rules
from pik.casework.matching import forms_meet, match_form, name_key
from pik.casework.models import Client, Household
from pik.core import audit
from pik.core.models import AuditEvent
from pik.core.scoping import get_visible_or_404, visible

if TYPE_CHECKING:
    from pik.orgs.models import User

CLIENT_STATUSES = Client.Status.choices
#: An anonymised record is closed for good: every change refuses with this.
NOT_WORKABLE = "Die Akte ist anonymisiert und kann nicht mehr bearbeitet werden."


def require_casework(user: Any) -> None:
    """Casework pages exist only for integration managers and Kreis coordinators (else 404)."""
    if not rules.works_casework(user):
        raise Http404


def client_get(*, user: User, pk: Any, log_read: bool = True) -> Client:
    """The client if the user may see the record (404 otherwise); logs the read."""
    client = get_visible_or_404(
        Client.objects.select_related("kreis", "gemeinde", "household", "responsible"),
        user,
        pk=pk,
    )
    if log_read:
        client_read_logged(user=user, client=client)
    return client


def client_read_logged(*, user: User, client: Client, also_shown: Iterable[Client] = ()) -> None:
    """The one ``client.read`` event of a page about one record; ``also_shown`` are other
    records the page names (household members), by id."""
    others = list(dict.fromkeys(c.pk for c in also_shown if c.pk != client.pk))
    details: dict[str, Any] = {"client_ids": others} if others else {}
    audit.record(actor=user, action="client.read", target=client, **details)


#: The client list's sortable columns (``pik.core.sorting``): key → fields.
CLIENT_SORT_COLUMNS = {
    "name": ("last_name", "first_name"),
    "geburtsjahr": ("birth_year",),
    "gemeinde": ("gemeinde__name",),
    "zustaendig": ("responsible__last_name", "responsible__first_name"),
    "kontakt": ("last_contact",),
    "status": ("status",),
}
CLIENT_SORT_DEFAULT = "name"


def client_list(
    *,
    user: User,
    query: str = "",
    status: str = "",
    responsible: str = "",
    order: Sequence[str] = ("last_name", "first_name", "pk"),
) -> QuerySet[Client]:
    """The caseload (manager) or the Kreis (coordinator), searchable by name, tolerant of
    transliteration (``Muhammad`` finds ``Mohammed``); ``order`` from ``CLIENT_SORT_COLUMNS``."""
    qs = visible(Client.objects.all(), user).select_related("responsible", "gemeinde")
    query = query.strip()
    if query:
        key = name_key(query)
        text = Q()
        for word in query.split():
            text &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        if key:
            first = key.split()[0]
            text |= Q(first_name_key__startswith=first) | Q(last_name_key__startswith=first)
            text |= Q(first_name_key=key) | Q(last_name_key=key)
        qs = qs.filter(text)
    if status in Client.Status.values:
        qs = qs.filter(status=status)
    if responsible == "none":
        qs = qs.filter(responsible__isnull=True)
    elif responsible == "me":
        qs = qs.filter(responsible=user)
    elif responsible.isdigit():
        qs = qs.filter(responsible_id=int(responsible))
    return qs.annotate(last_contact=Max("contacts__occurred_on")).order_by(*order)


def client_list_logged(
    *,
    user: User,
    clients: Iterable[Client | PossibleDuplicate],
    query: str = "",
    page: str = "client_list",
) -> None:
    """One audit event per page that lists client records: which records were displayed (ids
    only, never names) and on which page. Every page naming clients calls this once with all
    of them; a page that shows none writes nothing."""
    shown = list({c.pk: c for c in clients}.values())
    if not shown:
        return
    kreise = {c.kreis_id for c in shown}
    audit.record(
        actor=user,
        action="client.list",
        kreis_id=kreise.pop() if len(kreise) == 1 else rules.casework_kreis_id(user),
        client_ids=[c.pk for c in shown],
        page=page,
        searched=bool(query),
    )


@dataclass(frozen=True)
class PossibleDuplicate:
    pk: int
    kreis_id: int
    initials: str
    birth_year: int | None
    responsible: str
    mine: bool


def client_duplicates(
    *,
    user: User,
    kreis_id: int,
    first_name: str,
    last_name: str,
    birth_year: int | None,
    exclude_pk: int | None = None,
) -> list[PossibleDuplicate]:
    """Records in the Kreis that may be the same person: the names meet
    (``matching.forms_meet``: spellings, particles, order) and the birth year is the same (or
    unknown on either side).

    Searched across the whole Kreis (a person may already be counselled by a colleague), but
    only initials, birth year and the responsible person are shown for others' records. The
    candidates are narrowed in the database by Kreis and birth year; their stored match forms
    are compared in Python.
    """
    first, last = match_form(first_name), match_form(last_name)
    if not first or not last:
        return []
    qs = Client.objects.filter(kreis_id=kreis_id).exclude(status=Client.Status.ANONYMISED)
    if birth_year:
        qs = qs.filter(Q(birth_year=birth_year) | Q(birth_year__isnull=True))
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    candidates = qs.values_list("pk", "first_name_match", "last_name_match")
    hits = [pk for pk, f, la in candidates if forms_meet(first, last, f, la)][:10]
    qs = Client.objects.filter(pk__in=hits).order_by("pk")
    result = []
    for c in qs.select_related("responsible")[:10]:
        result.append(
            PossibleDuplicate(
                pk=c.pk,
                kreis_id=c.kreis_id,
                initials=f"{c.first_name[:1]}. {c.last_name[:1]}.",
                birth_year=c.birth_year,
                responsible=str(c.responsible) if c.responsible else "nicht zugewiesen",
                mine=rules.may_see_as_own(user, c),
            )
        )
    return result


def client_access_log(*, client: Client, limit: int = 50) -> list[tuple[AuditEvent, str]]:
    """Who opened, exported or changed the record, newest first, with a German label."""
    return [
        (e, audit.action_label(e.action)) for e in audit.events_for(client).order_by("-seq")[:limit]
    ]


def client_health_notes(*, user: User, client: Client) -> str:
    """Field-level protection: only the responsible manager reads health notes; each read is
    logged on its own."""
    if not rules.may_read_health_notes(user, client):
        raise Http404
    audit.record(actor=user, action="client.health_read", target=client)
    return client.health_notes


def households_for(*, user: User, kreis_id: int) -> QuerySet[Household]:
    """Households the user may pick: those of their caseload (coordinator: the Kreis)."""
    return visible(Household.objects.filter(kreis_id=kreis_id), user).order_by("name")


def household_members(*, user: User, client: Client) -> list[Client]:
    """The other members of the client's household, as far as the user may see them."""
    if client.household_id is None:
        return []
    return list(
        visible(Client.objects.filter(household_id=client.household_id), user)
        .exclude(pk=client.pk)
        .order_by("last_name", "first_name")
    )


def client_shared_with(*, client: Client) -> QuerySet[User]:
    """The colleagues the record is shared with."""
    return client.shared_with.order_by("last_name", "first_name")


def shared_person(*, client: Client, pk: Any) -> User:
    """One colleague the record is shared with (to stop sharing), or 404."""
    person = client_shared_with(client=client).filter(pk=pk).first() if str(pk).isdigit() else None
    if person is None:
        raise Http404
    return person


def client_for_change(*, client: Client) -> Client:
    """The client row, locked for a change that an app above casework makes on the record
    (network's referral), and refused once the record is anonymised. The caller's service
    checks its own rule first."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    if client.status == Client.Status.ANONYMISED:
        raise ValidationError(NOT_WORKABLE)
    return client
