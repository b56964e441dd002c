"""Who may do what in casework, as named predicates over the user's grants."""

from __future__ import annotations

from typing import Any

from pik.core.scoping import grants_for


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


def may_edit_health_notes(user: Any, client: Any) -> bool:
    """Health data (GDPR Art. 9) are written by the responsible manager only."""
    return client.responsible_id is not None and client.responsible_id == user.pk


def may_read_health_notes(user: Any, client: Any) -> bool:
    """Health data are need-to-know: the responsible manager and the Kreis coordinator read
    them; colleagues a record is shared with do not."""
    return may_edit_health_notes(user, client) or is_coordinator_of(user, client.kreis_id)
