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
