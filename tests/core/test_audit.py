from itertools import pairwise
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from pik.core import audit
from pik.core.models import AuditChainHead, AuditEvent, AuditImmutableError
from tests.core.tamper import as_table_owner


@pytest.fixture
def chain(db: None) -> list[AuditEvent]:
    with as_table_owner():  # test setup only: resets the chain
        AuditEvent.objects.all().delete()
    AuditChainHead.objects.all().delete()
    return [audit.record(actor=None, action="test.event", n=i, amount="12.50") for i in range(5)]


def test_intact_chain_verifies(chain: list[AuditEvent]) -> None:
    result = audit.verify()
    assert result.ok and result.checked == 5
    call_command("audit_verify")


def test_each_event_links_to_its_predecessor(chain: list[AuditEvent]) -> None:
    assert chain[0].prev_hash == audit.GENESIS
    for before, after in pairwise(chain):
        assert after.prev_hash == before.hash


def test_changed_row_is_named(chain: list[AuditEvent]) -> None:
    with as_table_owner():
        AuditEvent.objects.filter(seq=3).update(details={"n": 99, "amount": "12.50"})
    result = audit.verify()
    assert not result.ok and result.broken_seq == 3
    with pytest.raises(CommandError, match="#3"):
        call_command("audit_verify")


def test_deleted_row_in_the_middle_is_named(chain: list[AuditEvent]) -> None:
    with as_table_owner(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE seq = 2")
    result = audit.verify()
    assert not result.ok and result.broken_seq == 2


def test_deleted_last_row_is_found(chain: list[AuditEvent]) -> None:
    with as_table_owner(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE seq = 5")
    result = audit.verify()
    assert not result.ok and result.broken_seq == 5


def test_forged_hash_after_edit_is_still_found(chain: list[AuditEvent]) -> None:
    event = AuditEvent.objects.get(seq=2)
    event.action = "forged"
    forged = audit.compute_hash(event)
    with as_table_owner():
        AuditEvent.objects.filter(seq=2).update(action="forged", hash=forged)
    result = audit.verify()
    assert not result.ok and result.broken_seq == 3  # the successor no longer links


def test_orm_refuses_to_change_or_delete_an_event(chain: list[AuditEvent]) -> None:
    event = chain[0]
    event.action = "changed"
    with pytest.raises(AuditImmutableError):
        event.save()
    with pytest.raises(AuditImmutableError):
        event.delete()


def test_event_records_actor_target_and_kreis(member, world) -> None:
    from pik.core.roles import Role

    user = member(Role.KREIS_COORDINATOR)
    event = audit.record(
        actor=user, action="kreis.look", target=world.kreis_a, kreis_id=world.kreis_a.pk
    )
    assert (event.actor_id, event.target_type, event.target_id) == (
        user.pk,
        "orgs.kreis",
        str(world.kreis_a.pk),
    )
    assert list(audit.events_for(world.kreis_a)) == [event]


def test_an_unregistered_action_is_refused(db: None) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(ValueError, match="actions.py"):
        audit.record(actor=None, action="nobody.registered.this")
    assert AuditEvent.objects.count() == before


def test_every_app_action_has_a_label() -> None:
    actions = audit.registered_actions()
    assert actions["client.read"] == "Akte aufgerufen"
    assert actions["application.approve"] == "Bewilligen"
    assert actions["membership.create"] == "Rolle vergeben"
    assert audit.action_label("client.erase") == "Akte gelöscht"


def test_the_kreis_comes_from_the_targets_scope(world: Any, member: Any) -> None:
    provider_event = audit.record(actor=None, action="test.event", target=world.kreis_b)
    assert provider_event.kreis_id == world.kreis_b.pk
    explicit = audit.record(
        actor=None, action="test.event", target=world.kreis_b, kreis_id=world.kreis_a.pk
    )
    assert explicit.kreis_id == world.kreis_a.pk
    assert audit.record(actor=None, action="test.event").kreis_id is None
