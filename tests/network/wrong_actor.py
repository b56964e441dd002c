"""Wrong-actor cases for the network services (run by tests/test_service_rules.py)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from pik.casework import services as casework_services
from pik.casework.models import Consent
from pik.core.roles import Role
from tests.casework.factories import make_client, staff

SYSTEM = {
    "referrals_anonymise": "a step of the client's anonymisation (registered as a part of the "
    "record, casework.parts): casework's client_anonymise checks its rule and calls it",
}


def _referral_record(world: Any, member: Any) -> dict[str, Any]:
    manager = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    client = make_client(manager, world.kreis_a)
    casework_services.consent_record(
        client=client,
        purpose=Consent.Purpose.NETWORK,
        network_actor="Jobcenter Böblingen",
        given_on=timezone.localdate(),
        actor=manager,
    )
    # consent and partner are in order: only the person is wrong (another Kreis)
    return {
        "client": client,
        "network_actor": "Jobcenter Böblingen",
        "purpose": "Bewerbungsunterlagen",
        "shared_on": timezone.localdate(),
        "actor": member(Role.INTEGRATION_MANAGER, side="b"),
    }


CASES = {"referral_record": _referral_record}


def _actor_save(world: Any, member: Any) -> dict[str, Any]:
    from tests.network.factories import partner_data

    # a manager of another Kreis suggests into Kreis A's directory
    return {
        "kreis": world.kreis_a,
        "data": partner_data(world.kreis_a),
        "actor": member(Role.INTEGRATION_MANAGER, side="b"),
    }


def _actor_accept(world: Any, member: Any) -> dict[str, Any]:
    from pik.network import services
    from tests.network.factories import partner_data

    suggestion = services.actor_save(
        kreis=world.kreis_a,
        data=partner_data(world.kreis_a),
        actor=staff(Role.INTEGRATION_MANAGER, world.kreis_a),
    )
    # a manager of the same Kreis may suggest, not take in
    return {"partner": suggestion, "actor": member(Role.INTEGRATION_MANAGER, side="a")}


def _actors_import(world: Any, member: Any) -> dict[str, Any]:
    return {
        "kreis": world.kreis_a,
        "source": b"name;kind;gemeinde\n",
        "name": "partner.csv",
        "actor": member(Role.INTEGRATION_MANAGER, side="a"),
    }


CASES.update(
    {"actor_save": _actor_save, "actor_accept": _actor_accept, "actors_import": _actors_import}
)
