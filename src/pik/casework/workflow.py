"""Handover and transfer as transition tables (pik.core.workflow)."""

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
