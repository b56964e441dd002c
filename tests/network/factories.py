"""Network partners for tests: one in the directory of a Kreis, saved by its coordinator."""

from __future__ import annotations

from typing import Any

from pik.core.roles import Role
from pik.network import services
from pik.orgs.selectors import kreis_gemeinden
from tests.casework.factories import staff


def partner_data(kreis: Any, **overrides: Any) -> dict[str, Any]:
    values = {
        "name": "Jobcenter Landkreis",
        "kind": "jobcenter",
        "gemeinde": kreis_gemeinden(kreis=kreis).first().ags,
        "languages": "Deutsch, Arabisch",
        "topics": ["work", "finances"],
        "email": "jobcenter@example.org",
    }
    values.update(overrides)
    return values


def actor_in(kreis: Any, **overrides: Any) -> Any:
    coordinator = staff(Role.KREIS_COORDINATOR, kreis)
    return services.actor_save(
        kreis=kreis, data=partner_data(kreis, **overrides), actor=coordinator
    )
