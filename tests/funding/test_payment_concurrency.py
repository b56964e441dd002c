"""Two RPS persons book the same payment batch at once: one books it, the other is told it is
booked already; the ledger holds each payment once (row lock on the batch)."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from pik.funding import services
from pik.funding.models import LedgerEntry, PaymentBatch
from tests.funding.payments import file, issued, released

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def reference_data(transactional_db) -> None:  # type: ignore[no-untyped-def]
    """A transactional test before this one may have flushed the reference data."""
    from pik.orgs.models import Kreis
    from pik.orgs.services import reference_data_load

    if not Kreis.objects.exists():
        reference_data_load()


def test_a_batch_booked_twice_at_once_is_booked_once(draft, actors, member) -> None:
    from pik.core.roles import Role

    grant = issued(draft, actors)
    released(file(grant, actors["gemeinde_a"]), actors["case_worker_a"], actors["head"])
    batch = services.payment_batch_create(actor=actors["head"])
    bookers = [actors["head"], member(Role.RPS_HEAD)]
    barrier = threading.Barrier(len(bookers))
    outcomes: list[str] = []

    def book(actor) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            services.payment_batch_book(batch=PaymentBatch.objects.get(pk=batch.pk), actor=actor)
            outcomes.append("booked")
        except ValidationError as exc:
            outcomes.append("refused" if "bereits gebucht" in " ".join(exc.messages) else str(exc))
        except Exception as exc:  # collected: the assertion below shows it
            outcomes.append(f"error: {exc!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(a,)) for a in bookers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes) == ["booked", "refused"], outcomes
    payments = LedgerEntry.objects.filter(kind="payment")
    assert [p.amount for p in payments] == [Decimal("10000.00")]
