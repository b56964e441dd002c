"""The benchmark data generator builds what it claims, usable by the services, idempotently."""

from django.utils import timezone

from bench.casework_data import casework_set
from pik.casework import selectors, services
from pik.casework.models import Client


def test_small_casework_set(db) -> None:  # type: ignore[no-untyped-def]
    data = casework_set(kreis_ags="08125", clients=30, contacts_per_client=4, managers=3)
    assert data.clients == 30 and 30 <= data.contacts <= 30 * 6
    assert len(data.managers) == 3
    again = casework_set(kreis_ags="08125", clients=30, contacts_per_client=4, managers=3)
    assert again.contacts == data.contacts
    mine = selectors.client_list(user=data.managers[0])
    assert mine.count() == 10
    client = Client.objects.filter(responsible=data.managers[0], status="active").first()
    assert client is not None
    services.contact_record(
        client=client,
        occurred_on=timezone.localdate(),
        kind="phone",
        duration_minutes=5,
        actor=data.managers[0],
    )
