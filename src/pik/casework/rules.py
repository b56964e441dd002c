"""Who may do what in casework, as named predicates over the user's grants.

Every casework service checks its own rule from here and refuses in German (``require``), so a
view, a task, another app and a test all get the same answer. Views and selectors keep only
"404 for what the user may not see". Moves along a transition table (handover, transfer, the
client's status) are also checked by the table in ``workflow.py``, whose roles come from these
predicates.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from pik.core.scoping import grants_for, visible
from pik.orgs.selectors import is_manager_in_kreis


def require(allowed: bool, message: str) -> None:
    """Refuse with ``message`` (German, says what is not allowed) unless ``allowed``."""
    if not allowed:
        raise ValidationError(message)


# --- Roles ------------------------------------------------------------------------------------


def is_manager(user: Any) -> bool:
    return bool(grants_for(user).caseload_kreise)


def is_coordinator(user: Any) -> bool:
    return bool(grants_for(user).casework_kreise)


def works_casework(user: Any) -> bool:
    return is_manager(user) or is_coordinator(user)


def is_coordinator_of(user: Any, kreis_id: int | None) -> bool:
    return kreis_id is not None and kreis_id in grants_for(user).casework_kreise


def is_manager_in(user: Any, kreis_id: int | None) -> bool:
    return kreis_id is not None and kreis_id in grants_for(user).caseload_kreise


def casework_kreis_id(user: Any) -> int | None:
    """The Kreis in which the user does casework (coordination first, then caseload)."""
    grants = grants_for(user)
    kreise = sorted(grants.casework_kreise) or sorted(grants.caseload_kreise)
    return kreise[0] if kreise else None


def can_hold_records(user: Any, kreis_id: int) -> bool:
    """An active integration manager of the Kreis, whoever employs them: the only people a
    record is assigned, handed over or shared to, and a task given to."""
    return is_manager_in_kreis(user_id=user.pk, kreis_id=kreis_id)


# --- The Kreis ----------------------------------------------------------------------------------


def may_open_records_in(actor: Any, kreis_id: int | None) -> bool:
    """New records and tasks: the managers and the coordinator of the Kreis."""
    return is_manager_in(actor, kreis_id) or is_coordinator_of(actor, kreis_id)


def may_assign_in(actor: Any, kreis_id: int | None) -> bool:
    """Giving records to others (a new record for a colleague, the assignment, a task for
    someone else): the coordination of the Kreis."""
    return is_coordinator_of(actor, kreis_id)


# --- One record ---------------------------------------------------------------------------------


def may_work_on(actor: Any, client: Any) -> bool:
    """The record is in the actor's scope: the responsible manager, a colleague it is shared
    with, the Kreis coordinator (the filter every selector uses, ``pik.core.scoping``)."""
    if actor is None:
        return False
    return visible(type(client).objects.filter(pk=client.pk), actor).exists()


def is_responsible_or_coordinator(actor: Any, client: Any) -> bool:
    """The responsible manager or the coordinator of the record's Kreis; a colleague the record
    is only shared with is neither."""
    if actor is None:
        return False
    responsible = client.responsible_id is not None and client.responsible_id == actor.pk
    return responsible or is_coordinator_of(actor, client.kreis_id)


def may_share(actor: Any, client: Any) -> bool:
    """Sharing a record with a colleague (e.g. a substitute), or ending the sharing."""
    return is_responsible_or_coordinator(actor, client)


def may_hand_over(actor: Any, client: Any) -> bool:
    """Offering the record to another manager of the Kreis."""
    return is_responsible_or_coordinator(actor, client)


def may_request_transfer(actor: Any, client: Any) -> bool:
    """Asking another Kreis to take the record over."""
    return is_responsible_or_coordinator(actor, client)


def may_export(actor: Any, client: Any) -> bool:
    """The subject-access export (GDPR Art. 15) holds everything, health notes included."""
    return is_responsible_or_coordinator(actor, client)


def may_see_as_own(actor: Any, client: Any) -> bool:
    """A duplicate hint may link the record (others' records show initials only)."""
    return is_responsible_or_coordinator(actor, client)


def may_assign(actor: Any, client: Any) -> bool:
    """(Re)assigning a record to a manager of its Kreis, or leaving it open."""
    return may_assign_in(actor, client.kreis_id)


def may_take_over(actor: Any, client: Any) -> bool:
    """Accepting a handover: only a manager of the record's Kreis holds records there."""
    return is_manager_in(actor, client.kreis_id)


def may_erase(actor: Any, client: Any) -> bool:
    """Erasure on request (GDPR Art. 17): the coordination of the Kreis."""
    return is_coordinator_of(actor, client.kreis_id)


def may_anonymise(actor: Any, client: Any) -> bool:
    """The retention run (the system, ``actor=None``) or the coordination of the Kreis."""
    return actor is None or is_coordinator_of(actor, client.kreis_id)


def may_edit_health_notes(user: Any, client: Any) -> bool:
    """Health data (GDPR Art. 9) are written by the responsible manager only."""
    return client.responsible_id is not None and client.responsible_id == user.pk


def may_read_health_notes(user: Any, client: Any) -> bool:
    """Health data are need-to-know: the responsible manager and the Kreis coordinator read
    them; colleagues a record is shared with do not."""
    return may_edit_health_notes(user, client) or is_coordinator_of(user, client.kreis_id)


# --- Tasks -------------------------------------------------------------------------------------


def may_complete_task(actor: Any, task: Any) -> bool:
    """The task is in the actor's scope (assigned to them in their Kreis, or the coordinator)."""
    return visible(type(task).objects.filter(pk=task.pk), actor).exists()
