"""Network partners for tests: one in the directory of a Kreis, saved by its coordinator."""

from __future__ import annotations

import itertools
from typing import Any

from django.core.exceptions import ValidationError

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


_n = itertools.count(1)


def actor_in(kreis: Any, **overrides: Any) -> Any:
    """A partner in the Kreis's directory; asked again without a name, a new one with a
    numbered name (one test may need several, e.g. every page of the matrix at once)."""
    coordinator = staff(Role.KREIS_COORDINATOR, kreis)
    data = partner_data(kreis, **overrides)
    try:
        return services.actor_save(kreis=kreis, data=data, actor=coordinator)
    except ValidationError:
        if "name" in overrides:
            raise
        data["name"] = f"{data['name']} {next(_n)}"
        return services.actor_save(kreis=kreis, data=data, actor=coordinator)


def referral_in(kreis: Any) -> Any:
    """A referral to a directory partner, on a record owned by a fresh manager of ``kreis``."""
    import datetime as dt

    from django.utils import timezone

    from pik.casework import services as casework_services
    from pik.casework.models import Consent
    from pik.network.models import Actor
    from tests.casework.factories import make_client

    partner = Actor.objects.filter(kreis=kreis, name="Jobcenter Landkreis").first() or actor_in(
        kreis
    )
    manager = staff(Role.INTEGRATION_MANAGER, kreis)
    client = make_client(manager, kreis)
    casework_services.consent_record(
        client=client,
        purpose=Consent.Purpose.NETWORK,
        network_actor=partner.name,
        given_on=timezone.localdate() - dt.timedelta(days=30),
        actor=manager,
    )
    return services.referral_record(
        client=client,
        partner=partner,
        purpose="Bewerbung",
        shared_on=timezone.localdate() - dt.timedelta(days=20),
        actor=manager,
    )
