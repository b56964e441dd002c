"""Wrong-actor cases for the orgs services (run by tests/test_service_rules.py)."""

from __future__ import annotations

from typing import Any

from pik.core.roles import Role

SYSTEM = {
    "totp_step_claim": "a step of the user's own login (allauth's form), not called by a person",
}


def _coordinator(world: Any, member: Any) -> Any:
    return member(Role.KREIS_COORDINATOR)


CASES = {
    "reference_data_load": lambda world, member: {"actor": _coordinator(world, member)},
    "user_create": lambda world, member: {
        "email": "neu@test.example",
        "actor": _coordinator(world, member),
    },
    "membership_create": lambda world, member: {
        "user": member(Role.INTEGRATION_MANAGER),
        "role": Role.KREIS_COORDINATOR,
        "kreis": world.kreis_a,
        "actor": _coordinator(world, member),
    },
    "provider_create": lambda world, member: {
        "name": "Neuer Träger",
        "association": "other",
        "kreis": world.kreis_a,
        "actor": _coordinator(world, member),
    },
}
