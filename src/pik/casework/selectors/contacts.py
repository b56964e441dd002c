"""Reads of counselling contacts."""

from __future__ import annotations

from django.db.models import QuerySet

from pik.casework.models import Client, Contact


def client_contacts(*, client: Client) -> QuerySet[Contact]:
    return (
        Contact.objects.filter(client=client)
        .select_related("staff")
        .order_by("-occurred_on", "-pk")
    )
