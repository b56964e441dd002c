"""Who may do what in the network, as named predicates (each network service checks its own).

Passing a client's data on is work on the record: whoever may work on it (casework's rule) may
record a referral, and only with the client's consent naming the partner (the service checks).
"""

from __future__ import annotations

from typing import Any

from pik.casework import rules as casework_rules


def may_record_referral(actor: Any, client: Any) -> bool:
    """The responsible manager, a colleague the record is shared with, the Kreis coordinator."""
    return casework_rules.may_work_on(actor, client)


def may_maintain_directory(actor: Any, kreis_id: int | None) -> bool:
    """The Kreis coordinator keeps the Kreis's directory of network partners."""
    return casework_rules.is_coordinator_of(actor, kreis_id)


def may_suggest_actor(actor: Any, kreis_id: int | None) -> bool:
    """Anyone in the Kreis's case work may suggest a partner (the coordinator takes it in)."""
    return may_maintain_directory(actor, kreis_id) or casework_rules.is_manager_in(actor, kreis_id)
