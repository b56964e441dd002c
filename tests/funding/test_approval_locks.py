"""Approval locks only what must be serial: the budget row of the year, not the programme.

On PostgreSQL a plain SELECT … FOR UPDATE over a join locks the rows of every joined table, so
locking an application with its programme and rule version held the one programme row that every
step statewide shares. SQLite has no row locks (it serialises writers): these run on PostgreSQL.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from pik.core.roles import Role
from pik.funding import services
from pik.funding.models import Budget, Programme, RuleVersion
from pik.orgs.models import Gemeinde, Kreis
from pik.orgs.services import reference_data_load
from tests.funding import factories

postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks: PostgreSQL only"
)


def _proposed() -> tuple[Any, Any]:
    if not Kreis.objects.exists():
        reference_data_load()
    im = factories.programme("im")
    gemeinde = Gemeinde.objects.get(ags="08115003")
    factories.contingents(im, {gemeinde.ags: 300})
    worker = factories.user(
        "cw-lock@test.example", Role.RPS_CASE_WORKER, responsible_kreise=[gemeinde.kreis]
    )
    (application,) = factories.proposed_one_each(im, [gemeinde], worker)
    return application, factories.user("head-lock@test.example", Role.RPS_HEAD)


def _free(model: Any, pk: int) -> bool:
    """Can another transaction lock this row right now (without waiting)?"""
    try:
        with transaction.atomic():
            model.objects.select_for_update(nowait=True).get(pk=pk)
    except DatabaseError:
        return False
    return True


@postgresql
@pytest.mark.django_db
def test_no_step_locks_the_programme_or_rule_version_row() -> None:
    """The SQL of an approval: every FOR UPDATE names its own table (never the programme's)."""
    application, head = _proposed()
    with CaptureQueriesContext(connection) as queries:
        services.application_transition(application=application, action="approve", actor=head)
    locks = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    assert locks, "the approval locks the application and the budget"
    for sql in locks:
        assert " FOR UPDATE OF " in sql or "JOIN" not in sql, sql
        assert '"funding_programme"' not in sql.split("FOR UPDATE", 1)[1], sql


@postgresql
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_an_open_approval_leaves_the_programme_free_and_holds_the_budget() -> None:
    """While an approval's transaction is open, another transaction can take the programme and
    rule-version rows at once (NOWAIT), but not the budget row of the year."""
    application, head = _proposed()
    budget = Budget.objects.get(programme=application.programme, year=application.year)
    approved, done = threading.Event(), threading.Event()
    errors: list[str] = []

    def approve() -> None:
        try:
            with transaction.atomic():
                services.application_transition(
                    application=application, action="approve", actor=head
                )
                approved.set()
                done.wait(timeout=30)
        except Exception as exc:  # collected: the assertion below shows it
            errors.append(repr(exc))
            approved.set()
        finally:
            connection.close()

    thread = threading.Thread(target=approve)
    thread.start()
    try:
        assert approved.wait(timeout=30) and not errors, errors
        assert _free(Programme, application.programme_id)
        assert _free(RuleVersion, application.rule_version_id)
        assert not _free(Budget, budget.pk)
    finally:
        done.set()
        thread.join(timeout=30)
    assert not errors, errors
