"""What an erasure must do beyond ``DELETE``: old row versions and backups.

A deleted row is not gone from the disk: PostgreSQL keeps the dead tuple in the table file
until ``VACUUM`` reclaims it, SQLite keeps freed pages (``secure_delete`` zeroes them, see
settings) and the old page images in its write-ahead log until a checkpoint. ``vacuum``
does both after the erasure has been committed.

Backups keep erased records until they expire. The erasure list is how a restore catches up:
an append-only file outside the database (``ERASURE_LIST``) with one line per erasure — the
kind, the id, when the record was created (so a re-used id is not mistaken for it) and when it
was erased; never a name. After restoring a backup, the erasures listed are re-applied
(``pik casework_erasures_reapply``; docs/operations.md).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

log = logging.getLogger(__name__)


def vacuum(tables: Iterable[str]) -> list[str]:
    """Reclaim deleted rows of ``tables`` on disk; returns the tables vacuumed.

    Must run outside a transaction (``VACUUM`` refuses one): call it after commit, from a
    task or ``transaction.on_commit``. Unknown table names are ignored (never interpolated)."""
    if connection.in_atomic_block:
        log.warning("VACUUM übersprungen: läuft nur außerhalb einer Transaktion.")
        return []
    if connection.vendor == "sqlite":
        # secure_delete zeroed the freed space; the WAL still holds the old page images.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return []
    if connection.vendor != "postgresql":
        return []
    known = set(connection.introspection.table_names())
    done = []
    with connection.cursor() as cursor:
        for table in dict.fromkeys(tables):
            if table not in known:
                continue
            try:
                cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(table)}")
            except DatabaseError:
                log.exception("VACUUM von %s fehlgeschlagen.", table)
            else:
                done.append(table)
    return done


# --- The erasure list -----------------------------------------------------------------------


@dataclass(frozen=True)
class Erasure:
    kind: str
    object_id: int
    created_at: datetime | None
    erased_at: datetime | None


def erasure_list_path() -> Path:
    return Path(settings.ERASURE_LIST)


def erasure_list_append(*, kind: str, object_id: int, created_at: datetime) -> None:
    """Add one erasure to the list: one line, appended and flushed to disk at once."""
    path = erasure_list_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(
        {
            "kind": kind,
            "id": object_id,
            "created_at": created_at.isoformat(),
            "erased_at": timezone.now().isoformat(),
        },
        separators=(",", ":"),
    )
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (line + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def erasure_list_read(path: Path | None = None, *, kind: str | None = None) -> Iterator[Erasure]:
    """The erasures listed (of one ``kind``), oldest first; unreadable lines are skipped and
    logged, so one torn line does not stop a restore."""
    path = path or erasure_list_path()
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
                entry = Erasure(
                    kind=str(data["kind"]),
                    object_id=int(data["id"]),
                    created_at=parse_datetime(str(data.get("created_at", ""))),
                    erased_at=parse_datetime(str(data.get("erased_at", ""))),
                )
            except (ValueError, KeyError, TypeError):
                log.error("Löschliste %s, Zeile %s: nicht lesbar, übersprungen.", path, number)
                continue
            if kind is None or entry.kind == kind:
                yield entry
