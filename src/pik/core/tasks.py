"""Background jobs of the kernel, and the one way services queue and recover them.

Tasks run on django-tasks with its database backend (`pik db_worker`, docs/decisions/0002).
That worker keeps no heartbeat and never retries: a worker killed mid-task leaves its row
RUNNING for ever. Three pieces here close that gap (docs/decisions/0012):

- `enqueue_in_transaction`: the task row is written in the caller's transaction, so it
  commits with the decision or not at all (no window between commit and enqueue).
- a liveness lock: while a worker runs a task it holds a PostgreSQL advisory lock named after
  the task; the lock dies with the worker's connection, so a reaper can tell "still running"
  from "worker gone".
- `tasks_reap`: RUNNING rows older than TASK_STALE_SECONDS whose worker is gone go back to
  READY (the next worker runs them again), or to FAILED after TASK_MAX_ATTEMPTS lost workers.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, router, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResult, TaskResultStatus, task
from django_tasks.base import Task
from django_tasks.signals import task_finished, task_started
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from pik.core import audit, purge

log = logging.getLogger(__name__)

PENDING = (TaskResultStatus.READY, TaskResultStatus.RUNNING)


class WorkerLost(Exception):
    """Stored as the error of a task whose worker died too often while running it."""


def _task(task_or_path: Task[Any, Any] | str) -> Task[Any, Any]:
    if isinstance(task_or_path, str):
        found: Task[Any, Any] = import_string(task_or_path)
        return found
    return task_or_path


def _on_database_backend(task_: Task[Any, Any]) -> bool:
    return isinstance(task_.get_backend(), DatabaseBackend)


def enqueue_in_transaction(task_or_path: Task[Any, Any] | str, /, **kwargs: Any) -> None:
    """Queue a task so that it exists exactly when the caller's transaction commits.

    With the database backend (the queue lives in the application's database) the task row is
    written inside the caller's transaction: it commits with the decision or rolls back with
    it, so a crash right after the commit loses nothing and a failed decision queues nothing.
    Other backends (the immediate one of the tests, a broker) get the task after the commit, so
    they never see data that is not committed. The task may be named by its dotted path: then a
    service need not import its app's tasks module, which imports the services.
    """
    task_ = _task(task_or_path)
    same_database = router.db_for_write(DBTaskResult) == DEFAULT_DB_ALIAS
    if _on_database_backend(task_) and same_database:
        task_.enqueue(**kwargs)
    else:
        transaction.on_commit(lambda: task_.enqueue(**kwargs))


def tasks_pending(task_or_path: Task[Any, Any] | str, *, key: str) -> set[Any]:
    """The values of keyword ``key`` in the queued or running calls of a task.

    Lets a periodic check skip what is already on its way instead of queueing it twice.
    """
    task_ = _task(task_or_path)
    rows = DBTaskResult.objects.filter(task_path=task_.module_path, status__in=PENDING)
    return {args["kwargs"].get(key) for args in rows.values_list("args_kwargs", flat=True)}


# --- Liveness: an advisory lock per running task, held by the worker's connection -----------


def _lock_key(task_id: Any) -> int:
    """A signed 64-bit advisory-lock key from the task's UUID."""
    return int.from_bytes(uuid.UUID(str(task_id)).bytes[:8], "big", signed=True)


def _task_database() -> str:
    alias: str = router.db_for_write(DBTaskResult)
    return alias


def _liveness_lock(sender: Any, task_result: TaskResult[Any], lock: bool) -> None:
    # db_worker sends the backend instance, sometimes its class.
    backend = sender if isinstance(sender, type) else type(sender)
    if not issubclass(backend, DatabaseBackend):
        return
    connection = connections[_task_database()]
    if connection.vendor != "postgresql":
        return  # SQLite (the demo) has no advisory locks: the reaper goes by time alone
    sql = "SELECT pg_advisory_lock(%s)" if lock else "SELECT pg_advisory_unlock(%s)"
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, [_lock_key(task_result.id)])
    except DatabaseError:
        # A receiver must not fail the task; a lost connection has dropped the lock anyway.
        log.warning("Lebenszeichen für Task %s nicht gesetzt/gelöst.", task_result.id)


def _task_started(sender: Any, task_result: TaskResult[Any], **kwargs: Any) -> None:
    _liveness_lock(sender, task_result, lock=True)


def _task_finished(sender: Any, task_result: TaskResult[Any], **kwargs: Any) -> None:
    _liveness_lock(sender, task_result, lock=False)


def connect_signals() -> None:
    """Called once from CoreConfig.ready()."""
    task_started.connect(_task_started, dispatch_uid="pik.core.tasks.started")
    task_finished.connect(_task_finished, dispatch_uid="pik.core.tasks.finished")


def _worker_gone(row: DBTaskResult, alias: str) -> bool:
    """True unless a live worker holds the task's liveness lock (PostgreSQL).

    Must run inside a transaction: the probe takes the lock for that transaction only.
    Without advisory locks (SQLite) the age of the row is all there is to go by.
    """
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_lock_key(row.pk)])
        got: bool = cursor.fetchone()[0]
    return got


# --- The reaper ------------------------------------------------------------------------------


@dataclass
class Reaped:
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    alive: list[str] = field(default_factory=list)


def tasks_reap(*, stale_seconds: int | None = None) -> Reaped:
    """Run again the tasks whose worker died while running them.

    A row RUNNING for longer than ``stale_seconds`` (TASK_STALE_SECONDS) whose worker no longer
    holds its liveness lock goes back to READY, and the next worker runs it; a task whose
    worker has been lost TASK_MAX_ATTEMPTS times (a task that kills its worker, e.g. by memory)
    is marked FAILED with WorkerLost instead of looping. Tasks must therefore be idempotent.
    """
    seconds = settings.TASK_STALE_SECONDS if stale_seconds is None else stale_seconds
    cutoff = timezone.now() - dt.timedelta(seconds=seconds)
    alias = _task_database()
    reaped = Reaped()
    stale = DBTaskResult.objects.using(alias).running().filter(started_at__lte=cutoff)
    for pk in stale.values_list("pk", flat=True):
        with transaction.atomic(using=alias):
            row = (
                DBTaskResult.objects.using(alias)
                .select_for_update(skip_locked=True)
                .filter(pk=pk, status=TaskResultStatus.RUNNING)
                .first()
            )
            if row is None:
                continue  # finished meanwhile, or another reaper has it
            workers = ", ".join(row.worker_ids) or "?"
            if not _worker_gone(row, alias):
                log.warning(
                    "Task %s (%s) läuft seit %s auf Worker %s und lebt noch; nicht neu gestartet.",
                    row.pk,
                    row.task_path,
                    row.started_at,
                    workers,
                )
                reaped.alive.append(str(row.pk))
                continue
            attempts = len(row.worker_ids)
            if attempts >= settings.TASK_MAX_ATTEMPTS:
                row.set_failed(WorkerLost(f"{attempts} Worker während der Ausführung verloren"))
                log.error(
                    "Task %s (%s): Worker %s verloren, %s. Versuch: als fehlgeschlagen markiert.",
                    row.pk,
                    row.task_path,
                    workers,
                    attempts,
                )
                reaped.failed.append(str(row.pk))
                continue
            log.warning(
                "Task %s (%s), gestartet %s: Worker %s verschwunden; neu eingereiht "
                "(Versuch %s von %s).",
                row.pk,
                row.task_path,
                row.started_at,
                workers,
                attempts + 1,
                settings.TASK_MAX_ATTEMPTS,
            )
            row.status, row.started_at = TaskResultStatus.READY, None
            row.save(update_fields=["status", "started_at"])
            reaped.requeued.append(str(row.pk))
    return reaped


@task()
def audit_verify_task() -> dict[str, object]:
    """Nightly chain check; the result is stored with the task and logged."""
    result = audit.verify()
    if result.ok:
        log.info("Protokollkette intakt: %s Einträge geprüft.", result.checked)
    else:
        log.error("Protokollkette gebrochen bei #%s: %s", result.broken_seq, result.reason)
    return {
        "ok": result.ok,
        "checked": result.checked,
        "broken_seq": result.broken_seq,
        "anchors": result.anchors,
    }


@task()
def vacuum_task(tables: list[str]) -> dict[str, object]:
    """After an erasure: reclaim the deleted rows on disk (``pik.core.purge.vacuum``)."""
    done = purge.vacuum(tables)
    log.info("VACUUM nach Löschung: %s", ", ".join(done) or "nichts zu tun")
    return {"vacuumed": done}
