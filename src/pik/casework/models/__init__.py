"""Client records of integration management: clients, households, consent, contacts, plans,
tasks, handovers and transfers (one module per seam).

Every table is CASEWORK data: an integration manager sees the own caseload (and records shared
with them) in the Kreis, the Kreis coordinator sees the whole Kreis, nobody else. The referrals
to network partners hang off a client too; they live in ``pik.network``.
"""

from pik.casework.models.clients import USER, Client, ErasureReason, Household, via_client
from pik.casework.models.consent import Consent
from pik.casework.models.contacts import Contact
from pik.casework.models.moves import Handover, TransferRequest
from pik.casework.models.plans import Goal, Plan, PlanField, PlanVersion, Step
from pik.casework.models.tasks import Task

__all__ = [
    "USER",
    "Client",
    "Consent",
    "Contact",
    "ErasureReason",
    "Goal",
    "Handover",
    "Household",
    "Plan",
    "PlanField",
    "PlanVersion",
    "Step",
    "Task",
    "TransferRequest",
    "via_client",
]
