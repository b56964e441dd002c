"""Wrong-actor cases for the casework services (run by tests/test_service_rules.py).

Each case builds its data in Kreis A through the real services and names the actor that
matters: a colleague who may not see the record, a colleague it is only shared with (who may
work on it but not give it away), the responsible manager where only the coordination may act,
or someone of Kreis B.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pik.casework import services
from pik.casework.models import Consent, ErasureReason
from pik.core.roles import Role
from tests.casework.factories import data, give_consent, make_client, staff

TODAY = timezone.localdate

SYSTEM = {
    "retention_run": "the nightly retention job (and the command casework_retention): it "
    "anonymises what the retention period released; no person calls it",
    "erasures_reapply": "the command casework_erasures_reapply after restoring a backup: it "
    "erases again what the erasure list names; no person calls it",
}


def _record(world: Any) -> tuple[Any, Any]:
    """A manager of Kreis A and their record (with the participation consent)."""
    manager = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    return manager, make_client(manager, world.kreis_a)


def _colleague(world: Any) -> Any:
    """Another manager of Kreis A: may not see the record."""
    return staff(Role.INTEGRATION_MANAGER, world.kreis_a)


def _shared(world: Any) -> tuple[Any, Any, Any]:
    """A record shared with a colleague: the colleague works on it but may not give it away."""
    manager, client = _record(world)
    colleague = _colleague(world)
    services.client_share(client=client, user=colleague, shared=True, actor=manager)
    return manager, client, colleague


def _goal(world: Any) -> tuple[Any, Any]:
    manager, client = _record(world)
    goal = services.goal_add(client=client, field="work", description="Arbeit", actor=manager)
    return manager, goal


def _handover(world: Any) -> tuple[Any, Any, Any]:
    """A handover from the responsible manager to a colleague, waiting for acceptance."""
    manager, client = _record(world)
    recipient = _colleague(world)
    handover = services.handover_request(client=client, to_user=recipient, actor=manager)
    return manager, recipient, handover


def _transfer(world: Any) -> Any:
    """A transfer request of a record of Kreis A into Kreis B."""
    manager, client = _record(world)
    give_consent(client, Consent.Purpose.TRANSFER, manager)
    return services.transfer_request(
        client=client, to_kreis=world.kreis_b, reason="Umzug", actor=manager
    )


def _closed(world: Any) -> tuple[Any, Any]:
    manager, client = _record(world)
    client = services.client_close(
        client=client, ended_on=TODAY(), reason="goals_reached", actor=manager
    )
    return manager, client


def _client_update(world: Any, member: Any) -> dict[str, Any]:
    _manager, client = _record(world)
    return {
        "client": client,
        "data": data(phone="0711 1"),
        "expected_version": client.version,
        "actor": _colleague(world),
    }


def _health_notes(world: Any, member: Any) -> dict[str, Any]:
    manager, client = _record(world)
    give_consent(client, Consent.Purpose.HEALTH, manager)
    client.refresh_from_db()
    # the coordinator reads health notes, only the responsible manager writes them
    return {
        "client": client,
        "notes": "Diabetes",
        "expected_version": client.version,
        "actor": member(Role.KREIS_COORDINATOR),
    }


def _client_assign(world: Any, member: Any) -> dict[str, Any]:
    manager, client = _record(world)
    return {"client": client, "responsible": _colleague(world), "actor": manager}


def _client_share(world: Any, member: Any) -> dict[str, Any]:
    _manager, client, colleague = _shared(world)
    return {"client": client, "user": _colleague(world), "shared": True, "actor": colleague}


def _consent_withdraw(world: Any, member: Any) -> dict[str, Any]:
    _manager, client = _record(world)
    return {
        "consent": client.consents.get(),
        "withdrawn_on": TODAY(),
        "actor": _colleague(world),
    }


def _plan_save(world: Any, member: Any) -> dict[str, Any]:
    _manager, client = _record(world)
    return {
        "client": client,
        "data": services.PlanData(interests="Schach"),
        "expected_version": 0,
        "actor": member(Role.KREIS_COORDINATOR, side="b"),
    }


def _step_set_done(world: Any, member: Any) -> dict[str, Any]:
    manager, goal = _goal(world)
    step = services.step_add(goal=goal, description="Lebenslauf", actor=manager)
    return {"step": step, "done": True, "actor": _colleague(world)}


def _task_create(world: Any, member: Any) -> dict[str, Any]:
    outsider = member(Role.GEMEINDE_ADMIN)  # no casework role at all
    return {"title": "Rückruf", "due_on": TODAY(), "assigned_to": outsider, "actor": outsider}


def _task_complete(world: Any, member: Any) -> dict[str, Any]:
    manager, client = _record(world)
    task = services.task_create(
        title="Rückruf", due_on=TODAY(), assigned_to=manager, client=client, actor=manager
    )
    return {"task": task, "actor": _colleague(world)}


def _handover_request(world: Any, member: Any) -> dict[str, Any]:
    _manager, client, colleague = _shared(world)
    return {"client": client, "to_user": _colleague(world), "actor": colleague}


def _handover_accept(world: Any, member: Any) -> dict[str, Any]:
    sender, _recipient, handover = _handover(world)
    return {"handover": handover, "actor": sender}  # only the recipient accepts


def _handover_decline(world: Any, member: Any) -> dict[str, Any]:
    _sender, _recipient, handover = _handover(world)
    return {"handover": handover, "actor": member(Role.KREIS_COORDINATOR)}


def _handover_cancel(world: Any, member: Any) -> dict[str, Any]:
    _sender, recipient, handover = _handover(world)
    return {"handover": handover, "actor": recipient}  # the sender or the coordinator cancels


def _transfer_request(world: Any, member: Any) -> dict[str, Any]:
    manager, client, colleague = _shared(world)
    give_consent(client, Consent.Purpose.TRANSFER, manager)
    return {"client": client, "to_kreis": world.kreis_b, "reason": "Umzug", "actor": colleague}


def _transfer_accept(world: Any, member: Any) -> dict[str, Any]:
    # the sending Kreis's coordinator may not take the record over for the receiving Kreis
    return {
        "transfer": _transfer(world),
        "responsible": None,
        "actor": member(Role.KREIS_COORDINATOR),
    }


def _transfer_decline(world: Any, member: Any) -> dict[str, Any]:
    return {"transfer": _transfer(world), "actor": member(Role.INTEGRATION_MANAGER, side="b")}


def _client_anonymise(world: Any, member: Any) -> dict[str, Any]:
    manager, client = _closed(world)
    return {"client": client, "reason": "auf Wunsch", "actor": manager}


def _client_erase(world: Any, member: Any) -> dict[str, Any]:
    manager, client = _record(world)
    return {
        "client": client,
        "reason": ErasureReason.REQUEST,
        "confirm_name": client.last_name,
        "actor": manager,
    }


CASES = {
    "client_create": lambda world, member: {
        "kreis": world.kreis_a,
        "data": data(),
        "consent_given_on": TODAY(),
        "actor": member(Role.INTEGRATION_MANAGER, side="b"),
    },
    "client_update": _client_update,
    "client_health_notes_set": _health_notes,
    "client_close": lambda world, member: {
        "client": _record(world)[1],
        "ended_on": TODAY(),
        "reason": "goals_reached",
        "actor": member(Role.KREIS_COORDINATOR, side="b"),
    },
    "client_assign": _client_assign,
    "client_share": _client_share,
    "consent_record": lambda world, member: {
        "client": _record(world)[1],
        "purpose": Consent.Purpose.STATISTICS,
        "given_on": TODAY(),
        "actor": member(Role.INTEGRATION_MANAGER, side="b"),
    },
    "consent_withdraw": _consent_withdraw,
    "contact_record": lambda world, member: {
        "client": _record(world)[1],
        "occurred_on": TODAY(),
        "kind": "phone",
        "duration_minutes": 10,
        "actor": _colleague(world),
    },
    "plan_save": _plan_save,
    "goal_add": lambda world, member: {
        "client": _record(world)[1],
        "field": "work",
        "description": "Arbeit finden",
        "actor": _colleague(world),
    },
    "goal_set_status": lambda world, member: {
        "goal": _goal(world)[1],
        "status": "achieved",
        "actor": member(Role.INTEGRATION_MANAGER, side="b"),
    },
    "step_add": lambda world, member: {
        "goal": _goal(world)[1],
        "description": "Lebenslauf",
        "due_on": TODAY() + dt.timedelta(days=7),
        "actor": _colleague(world),
    },
    "step_set_done": _step_set_done,
    "task_create": _task_create,
    "task_complete": _task_complete,
    "handover_request": _handover_request,
    "handover_accept": _handover_accept,
    "handover_decline": _handover_decline,
    "handover_cancel": _handover_cancel,
    "transfer_request": _transfer_request,
    "transfer_accept": _transfer_accept,
    "transfer_decline": _transfer_decline,
    "client_anonymise": _client_anonymise,
    "client_erase": _client_erase,
}
