"""Two managers save the same record at the same moment: exactly one save wins, the other is
refused with the German message (row lock + version check), on SQLite and PostgreSQL."""

import threading

import pytest
from django.db import close_old_connections, connection

from pik.casework import services
from pik.casework.models import Client
from pik.core.locking import StaleVersion
from pik.core.roles import Role
from tests.casework.factories import data, make_client, staff

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_concurrent_saves_of_one_loaded_version(world) -> None:  # type: ignore[no-untyped-def]
    manager = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    client = make_client(manager, world.kreis_a)
    loaded = client.version
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def save(actor, phone: str) -> None:  # type: ignore[no-untyped-def]
        try:
            start.wait()
            services.client_update(
                client=Client.objects.get(pk=client.pk),
                data=data(phone=phone),
                expected_version=loaded,
                actor=actor,
            )
            outcomes.append(f"saved {phone}")
        except StaleVersion as exc:
            assert "inzwischen" in exc.messages[0]
            outcomes.append("refused")
        finally:
            close_old_connections()
            connection.close()

    threads = [
        threading.Thread(target=save, args=(manager, "111")),
        threading.Thread(target=save, args=(coordinator, "222")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(o.split()[0] for o in outcomes) == ["refused", "saved"]
    client.refresh_from_db()
    winner = next(o for o in outcomes if o.startswith("saved")).split()[1]
    assert client.phone == winner and client.version == loaded + 1
