"""Test helper: act as an attacker who owns the audit table (and so may switch its triggers off)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def as_table_owner() -> Iterator[None]:
    """Write to core_auditevent past the append-only trigger (PostgreSQL; SQLite has none).

    Runs inside the test's transaction, so the trigger is back on at the latest on rollback.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER USER")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER USER")
