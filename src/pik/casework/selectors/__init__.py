"""Every read of client records a user triggers, scoped to that user, one room per seam;
``pages`` assembles whole pages. Selectors never import services.

``from pik.casework import selectors; selectors.client_get(...)`` keeps working: the rooms'
selectors are re-exported here.
"""

from pik.casework.selectors.clients import (
    CLIENT_SORT_COLUMNS,
    CLIENT_SORT_DEFAULT,
    CLIENT_STATUSES,
    PossibleDuplicate,
    client_access_log,
    client_duplicates,
    client_for_change,
    client_get,
    client_health_notes,
    client_list,
    client_list_logged,
    client_read_logged,
    client_shared_with,
    household_members,
    households_for,
    require_casework,
    shared_person,
)
from pik.casework.selectors.consent import (
    active_consent,
    client_consents,
    consent_get,
    consent_purposes_active,
    consent_scan_read,
    network_consent,
    network_consents_all,
)
from pik.casework.selectors.contacts import client_contacts
from pik.casework.selectors.figures import KreisFigures, gemeinden_with_clients, kreis_figures
from pik.casework.selectors.moves import (
    client_handovers,
    client_transfers,
    handover_allowed,
    handover_get,
    handovers_for_me,
    transfer_get,
    transfers_incoming,
)
from pik.casework.selectors.pages import (
    REMINDER_WEEKS,
    ClientPage,
    KreisOverview,
    MyDay,
    caseload_by_manager,
    client_page,
    kreis_overview,
    my_day,
)
from pik.casework.selectors.plans import client_plan, goal_get, plan_as_dict, plan_goals, step_get
from pik.casework.selectors.privacy import (
    anonymise_on,
    client_export,
    retention_days,
    retention_due,
    retention_due_all,
)
from pik.casework.selectors.start import KreisToday, kreis_today
from pik.casework.selectors.tasks import client_tasks, task_get, task_list

__all__ = [
    "CLIENT_SORT_COLUMNS",
    "CLIENT_SORT_DEFAULT",
    "CLIENT_STATUSES",
    "REMINDER_WEEKS",
    "ClientPage",
    "KreisFigures",
    "KreisOverview",
    "KreisToday",
    "MyDay",
    "PossibleDuplicate",
    "active_consent",
    "anonymise_on",
    "caseload_by_manager",
    "client_access_log",
    "client_consents",
    "client_contacts",
    "client_duplicates",
    "client_export",
    "client_for_change",
    "client_get",
    "client_handovers",
    "client_health_notes",
    "client_list",
    "client_list_logged",
    "client_page",
    "client_plan",
    "client_read_logged",
    "client_shared_with",
    "client_tasks",
    "client_transfers",
    "consent_get",
    "consent_purposes_active",
    "consent_scan_read",
    "gemeinden_with_clients",
    "goal_get",
    "handover_allowed",
    "handover_get",
    "handovers_for_me",
    "household_members",
    "households_for",
    "kreis_figures",
    "kreis_overview",
    "kreis_today",
    "my_day",
    "network_consent",
    "network_consents_all",
    "plan_as_dict",
    "plan_goals",
    "require_casework",
    "retention_days",
    "retention_due",
    "retention_due_all",
    "shared_person",
    "step_get",
    "task_get",
    "task_list",
    "transfer_get",
    "transfers_incoming",
]
