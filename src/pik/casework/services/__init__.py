"""Every write to client records, one room per seam (atomic, keyword-only, one audit event).

``from pik.casework import services; services.client_create(...)`` keeps working: the rooms'
services are re-exported here.
"""

from pik.casework.client_fields import ClientData
from pik.casework.services.clients import (
    client_assign,
    client_close,
    client_create,
    client_health_notes_set,
    client_share,
    client_update,
)
from pik.casework.services.consent import consent_record, consent_withdraw
from pik.casework.services.contacts import contact_record
from pik.casework.services.moves import (
    handover_accept,
    handover_cancel,
    handover_decline,
    handover_request,
    transfer_accept,
    transfer_decline,
    transfer_request,
)
from pik.casework.services.plans import (
    PlanData,
    goal_add,
    goal_set_status,
    plan_save,
    step_add,
    step_set_done,
)
from pik.casework.services.privacy import (
    ERASURE_KIND,
    client_anonymise,
    client_erase,
    erasures_reapply,
    retention_run,
)
from pik.casework.services.tasks import task_complete, task_create

__all__ = [
    "ERASURE_KIND",
    "ClientData",
    "PlanData",
    "client_anonymise",
    "client_assign",
    "client_close",
    "client_create",
    "client_erase",
    "client_health_notes_set",
    "client_share",
    "client_update",
    "consent_record",
    "consent_withdraw",
    "contact_record",
    "erasures_reapply",
    "goal_add",
    "goal_set_status",
    "handover_accept",
    "handover_cancel",
    "handover_decline",
    "handover_request",
    "plan_save",
    "retention_run",
    "step_add",
    "step_set_done",
    "task_complete",
    "task_create",
    "transfer_accept",
    "transfer_decline",
    "transfer_request",
]
