"""Concurrent approvals never commit more than the budget (row lock on the budget)."""

import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection

from pik.core.roles import Role
from pik.funding import ledger, services
from pik.funding.models import Application, Budget, LedgerEntry
from pik.orgs.models import Gemeinde, Kreis
from pik.orgs.services import reference_data_load
from tests.funding import factories

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

APPLICATIONS, FITS = 8, 3  # the budget holds exactly three of the eight grants


def test_concurrent_approvals_respect_the_budget() -> None:
    if not Kreis.objects.exists():
        reference_data_load()
    im = factories.programme("im")
    kreis = Kreis.objects.get(ags="08115")
    gemeinden = list(Gemeinde.objects.filter(kreis=kreis).order_by("ags")[:APPLICATIONS])
    data = "ags,personen\n" + "\n".join(f"{g.ags},200" for g in gemeinden)
    services.contingents_import(
        year=2020, programme=im, data=data.encode(), filename="c.csv", actor=None
    )
    case_worker = factories.user(
        "cw@test.example", Role.RPS_CASE_WORKER, responsible_kreise=[kreis]
    )
    heads = [factories.user(f"head{i}@test.example", Role.RPS_HEAD) for i in range(APPLICATIONS)]
    applications = factories.proposed_one_each(im, gemeinden, case_worker, amount="100.000,00")
    # Each grant (24 months from January 2020) binds half in 2020 and half in 2021 (0028): both
    # budget rows are locked, and each holds exactly three halves.
    Budget.objects.filter(programme=im, year__in=[2020, 2021]).update(
        total=Decimal(FITS) * Decimal("50000.00")
    )

    barrier = threading.Barrier(APPLICATIONS)
    outcomes: list[str] = []

    def approve(application: Application, head) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            application.refresh_from_db()
            services.application_transition(application=application, action="approve", actor=head)
            outcomes.append("approved")
        except ledger.BudgetExceeded:
            outcomes.append("budget")
        except Exception as exc:  # collected: the assertion below shows it
            outcomes.append(f"error: {exc!r}")
        finally:
            close_old_connections()
            connection.close()

    threads = [
        threading.Thread(target=approve, args=pair)
        for pair in zip(applications, heads, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    assert sorted(outcomes) == ["approved"] * FITS + ["budget"] * (APPLICATIONS - FITS), outcomes
    committed = sum(
        LedgerEntry.objects.filter(budget__programme=im, budget__year__in=[2020, 2021]).values_list(
            "amount", flat=True
        )
    )
    assert committed == Decimal(FITS) * Decimal("100000.00")
    assert Application.objects.filter(status__in=["approved", "notice_issued"]).count() == FITS


def test_second_commitment_waits_for_the_first_and_sees_it() -> None:
    """A deterministic interleaving: A binds money and keeps its transaction open; B tries to
    bind while A is open. With the row lock B waits, then sees A's entry and is refused."""
    from django.db import transaction

    if not Kreis.objects.exists():
        reference_data_load()
    factories.programme("im")
    budget = Budget.objects.get(programme__code="im", year=2017)
    Budget.objects.filter(pk=budget.pk).update(total=Decimal("100.00"))
    a_has_bound, release_a = threading.Event(), threading.Event()
    outcome: dict[str, str] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                ledger.commit(budget=budget, amount=Decimal("60.00"), application=None, actor=None)
                a_has_bound.set()
                release_a.wait(timeout=10)
            outcome["a"] = "bound"
        finally:
            connection.close()

    def second() -> None:
        a_has_bound.wait(timeout=10)
        try:
            ledger.commit(budget=budget, amount=Decimal("60.00"), application=None, actor=None)
            outcome["b"] = "bound"
        except ledger.BudgetExceeded:
            outcome["b"] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    a_has_bound.wait(timeout=10)
    threading.Event().wait(0.5)  # give B time to reach the lock (it must wait there)
    release_a.set()
    for t in threads:
        t.join(timeout=30)
    assert outcome == {"a": "bound", "b": "refused"}
    assert sum(
        LedgerEntry.objects.filter(budget=budget).values_list("amount", flat=True)
    ) == Decimal("60.00")
