"""A referral's course as a transition table (pik.core.workflow): sent → accepted → appointment →
done, or not taken up; whoever may work on the client's record moves it."""

from __future__ import annotations

from typing import Any

from pik.casework import rules as casework_rules
from pik.core.workflow import Transition, Workflow

WORKER = "worker"
OPEN = ("sent", "accepted", "appointment")


def referral_roles(user: Any, referral: Any) -> set[str]:
    return {WORKER} if casework_rules.may_work_on(user, referral.client) else set()


REFERRAL = Workflow(
    "referral",
    [
        Transition("sent", "accept", "accepted", roles={WORKER}, label="angenommen"),
        *[
            Transition(s, "appointment", "appointment", roles={WORKER}, label="Termin vereinbart")
            for s in ("sent", "accepted", "appointment")
        ],
        *[Transition(s, "done", "done", roles={WORKER}, label="erledigt") for s in OPEN],
        *[
            Transition(
                s, "not_taken_up", "not_taken_up", roles={WORKER}, label="nicht wahrgenommen"
            )
            for s in OPEN
        ],
    ],
    roles_of=referral_roles,
)
