"""Concurrent writers must not fork the audit chain (the head row is locked per append)."""

import threading

import pytest
from django.db import close_old_connections, connection, transaction

from pik.core import audit
from pik.core.models import AuditEvent

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

THREADS, PER_THREAD = 6, 20


def test_concurrent_appends_keep_one_unbroken_chain() -> None:
    before = AuditEvent.objects.count()
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(PER_THREAD):
                with transaction.atomic():
                    audit.record(actor=None, action="concurrency.test", writer=n, i=i)
        except BaseException as exc:
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert AuditEvent.objects.count() == before + THREADS * PER_THREAD
    result = audit.verify()
    assert result.ok, result
    assert result.checked == before + THREADS * PER_THREAD
