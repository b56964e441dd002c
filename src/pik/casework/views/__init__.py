"""Thin HTTP layer of casework, one room per seam: parse, look up through a scoped selector,
call a service, render.

Every object comes from a selector that takes the user (another Kreis's record is a 404); the
services check who may act. Action pages answer GET with a confirmation form, so they work
without JavaScript.
"""

from pik.casework.views.clients import (
    client_assign,
    client_close,
    client_create,
    client_detail,
    client_edit,
    client_list,
    client_share,
    health_notes,
    kreis_overview,
)
from pik.casework.views.consent import (
    consent_add,
    consent_form_pdf_view,
    consent_scan,
    consent_withdraw,
)
from pik.casework.views.contacts import contact_add
from pik.casework.views.moves import (
    handover_create,
    handover_detail,
    transfer_create,
    transfer_detail,
)
from pik.casework.views.plans import (
    goal_add,
    goal_status,
    plan_edit,
    plan_pdf_view,
    step_add,
    step_toggle,
)
from pik.casework.views.privacy import client_erase, export_json, export_pdf_view, retention_due
from pik.casework.views.tasks import my_day, task_add, task_done, task_list

__all__ = [
    "client_assign",
    "client_close",
    "client_create",
    "client_detail",
    "client_edit",
    "client_erase",
    "client_list",
    "client_share",
    "consent_add",
    "consent_form_pdf_view",
    "consent_scan",
    "consent_withdraw",
    "contact_add",
    "export_json",
    "export_pdf_view",
    "goal_add",
    "goal_status",
    "handover_create",
    "handover_detail",
    "health_notes",
    "kreis_overview",
    "my_day",
    "plan_edit",
    "plan_pdf_view",
    "retention_due",
    "step_add",
    "step_toggle",
    "task_add",
    "task_done",
    "task_list",
    "transfer_create",
    "transfer_detail",
]
