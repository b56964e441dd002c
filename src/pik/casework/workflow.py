"""The client's status, handover and transfer as transition tables (pik.core.workflow).

Every status change goes through ``Workflow.apply`` in a service: the table says which move is
possible in which state and for whom; the roles come from the named predicates in ``rules``.
"""

from __future__ import annotations

from typing import Any

from pik.casework import rules
from pik.core.workflow import Transition, Workflow

RECIPIENT, SENDER, COORDINATOR, TARGET_COORDINATOR = (
    "recipient",
    "sender",
    "coordinator",
    "target_coordinator",
)
#: Whoever may work on the record (responsible, shared with, coordinator).
WORKER = "worker"
#: A system job without a person (the retention run, ``actor=None``).
SYSTEM = "system"


def client_roles(user: Any, client: Any) -> set[str]:
    if user is None:
        return {SYSTEM}
    roles = set()
    if rules.may_work_on(user, client):
        roles.add(WORKER)
    if rules.is_coordinator_of(user, client.kreis_id):
        roles.add(COORDINATOR)
    return roles


#: active → closed (the counselling ends: by hand or with the withdrawn participation consent)
#: → anonymised (the retention period ran out, or the coordination on request).
CLIENT = Workflow(
    "client",
    [
        Transition("active", "close", "closed", roles={WORKER}, label="Beratung beenden"),
        Transition(
            "closed", "anonymise", "anonymised", roles={SYSTEM, COORDINATOR}, label="anonymisieren"
        ),
    ],
    roles_of=client_roles,
)


def handover_roles(user: Any, handover: Any) -> set[str]:
    roles = set()
    if user.pk == handover.to_user_id:
        roles.add(RECIPIENT)
    if user.pk == handover.from_user_id:
        roles.add(SENDER)
    if rules.is_coordinator_of(user, handover.client.kreis_id):
        roles.add(COORDINATOR)
    return roles


HANDOVER = Workflow(
    "handover",
    [
        Transition("pending", "accept", "accepted", roles={RECIPIENT}, label="annehmen"),
        Transition("pending", "decline", "declined", roles={RECIPIENT}, label="ablehnen"),
        Transition(
            "pending", "cancel", "cancelled", roles={SENDER, COORDINATOR}, label="zurückziehen"
        ),
    ],
    roles_of=handover_roles,
)


def transfer_roles(user: Any, transfer: Any) -> set[str]:
    return {TARGET_COORDINATOR} if rules.is_coordinator_of(user, transfer.to_kreis_id) else set()


TRANSFER = Workflow(
    "transfer",
    [
        Transition(
            "requested", "accept", "accepted", roles={TARGET_COORDINATOR}, label="übernehmen"
        ),
        Transition(
            "requested", "decline", "declined", roles={TARGET_COORDINATOR}, label="ablehnen"
        ),
    ],
    roles_of=transfer_roles,
)
