"""Counts of the Kreis for the statistics (``pik.stats`` suppresses the small ones).

Only people with a valid consent to statistics are counted, and a withdrawn consent drops the
person at once: that rule belongs to the records, so it is applied here, where they are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count
from django.http import Http404

from pik.casework import rules
from pik.casework.models import Client, Consent, Contact
from pik.core.scoping import visible

if TYPE_CHECKING:
    from pik.orgs.models import User


@dataclass(frozen=True)
class KreisFigures:
    """Raw counts, never shown as they are: ``pik.stats`` suppresses small ones."""

    total: int  # records of the Kreis (not anonymised), counted or not
    by_country: list[tuple[str, int]]  # counted people per country of origin, by country
    by_channel: list[tuple[str, int]]  # their contacts per channel (label), in any order


def kreis_figures(*, user: User) -> KreisFigures:
    """The coordinator's Kreis (404 for everybody else)."""
    kreis_id = rules.casework_kreis_id(user)
    if kreis_id is None or not rules.is_coordinator_of(user, kreis_id):
        raise Http404
    clients = (
        visible(Client.objects.all(), user)
        .filter(kreis_id=kreis_id)
        .exclude(status=Client.Status.ANONYMISED)
    )
    consenting = Consent.objects.filter(
        purpose=Consent.Purpose.STATISTICS, withdrawn_on__isnull=True
    ).values("client_id")
    counted = clients.filter(pk__in=consenting)
    countries = [
        (row["country_of_origin"], row["n"])
        for row in counted.values("country_of_origin")
        .annotate(n=Count("pk", distinct=True))
        .order_by("country_of_origin")
    ]
    labels = dict(Contact.Kind.choices)
    channels = [
        (str(labels.get(row["kind"], row["kind"])), row["n"])
        for row in Contact.objects.filter(client__in=counted.values("pk"))
        .values("kind")
        .annotate(n=Count("pk"))
    ]
    return KreisFigures(total=clients.count(), by_country=countries, by_channel=channels)


def gemeinden_with_clients(*, kreis_id: int) -> list[tuple[int, str]]:
    """The Gemeinden of a Kreis where people in counselling live (id, name), by name: where the
    network of partners has to reach (no counts, no names of people)."""
    rows = (
        Client.objects.filter(
            kreis_id=kreis_id, status=Client.Status.ACTIVE, gemeinde__isnull=False
        )
        .order_by("gemeinde__name")
        .values_list("gemeinde_id", "gemeinde__name")
        .distinct()
    )
    return list(rows)
