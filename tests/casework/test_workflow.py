"""The client's status moves only along its table (active → closed → anonymised), for the roles
the table names: a person works on the record, the system (or the coordination) anonymises."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pik.casework import services
from pik.casework.models import Client
from pik.casework.workflow import CLIENT, COORDINATOR, SYSTEM, WORKER, client_roles
from pik.core.models import AuditEvent
from pik.core.roles import Role
from pik.core.workflow import TransitionNotAllowed
from tests.casework.factories import staff

TODAY = timezone.localdate


def test_the_table() -> None:
    moves = {(t.source, t.action, t.target, t.roles) for t in CLIENT.transitions}
    assert moves == {
        ("active", "close", "closed", frozenset({WORKER})),
        ("closed", "anonymise", "anonymised", frozenset({SYSTEM, COORDINATOR})),
    }


def test_roles_come_from_the_rules(im, coordinator, record, world) -> None:  # type: ignore[no-untyped-def]

    assert client_roles(None, record) == {SYSTEM}
    assert client_roles(im, record) == {WORKER}
    assert client_roles(coordinator, record) == {WORKER, COORDINATOR}
    assert client_roles(staff(Role.INTEGRATION_MANAGER, world.kreis_a), record) == set()


def test_no_move_outside_the_table(im, coordinator, record) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TransitionNotAllowed):
        CLIENT.apply(record, action="anonymise", user=None)  # still active
    services.client_close(client=record, ended_on=TODAY(), reason="goals_reached", actor=im)
    record.refresh_from_db()
    with pytest.raises(ValidationError, match="bereits beendet"):
        services.client_close(client=record, ended_on=TODAY(), reason="goals_reached", actor=im)
    with pytest.raises(TransitionNotAllowed):
        CLIENT.apply(record, action="close", user=im)
    assert [t.action for t in CLIENT.allowed(record, im)] == []
    assert [t.action for t in CLIENT.allowed(record, coordinator)] == ["anonymise"]


def test_the_coordination_anonymises_on_request(im, coordinator, record) -> None:  # type: ignore[no-untyped-def]
    services.client_close(
        client=record, ended_on=TODAY() - dt.timedelta(days=1), reason="goals_reached", actor=im
    )
    with pytest.raises(ValidationError, match="nur die Koordination"):
        services.client_anonymise(client=record, reason="auf Antrag", actor=im)
    services.client_anonymise(client=record, reason="auf Antrag", actor=coordinator)
    record.refresh_from_db()
    assert record.status == Client.Status.ANONYMISED and record.last_name == "anonymisiert"
    event = AuditEvent.objects.latest("seq")
    assert event.action == "client.anonymise" and event.actor == coordinator
