"""Tasks left RUNNING by a dead worker run again; tasks of a live worker are left alone."""

import datetime as dt
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished, task_started
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from pik.core.tasks import audit_verify_task, tasks_reap

pytestmark = pytest.mark.django_db

READY, RUNNING, FAILED = (
    TaskResultStatus.READY,
    TaskResultStatus.RUNNING,
    TaskResultStatus.FAILED,
)


def _running(*, minutes_ago: float, workers: list[str] | None = None) -> DBTaskResult:
    started = timezone.now() - dt.timedelta(minutes=minutes_ago)
    return DBTaskResult.objects.create(
        status=RUNNING,
        started_at=started,
        args_kwargs={"args": [], "kwargs": {}},
        task_path=audit_verify_task.module_path,
        backend_name="default",
        run_after=get_date_max(),  # "as soon as possible"
        worker_ids=workers if workers is not None else ["killed-worker"],
    )


def test_a_stale_task_of_a_dead_worker_is_ready_again(settings) -> None:
    settings.TASK_STALE_SECONDS = 300
    row = _running(minutes_ago=10)
    reaped = tasks_reap()
    row.refresh_from_db()
    assert reaped.requeued == [str(row.pk)]
    assert row.status == READY and row.started_at is None
    assert row.worker_ids == ["killed-worker"]  # the lost attempt stays on record


def test_a_task_running_for_less_than_the_timeout_is_left_alone(settings) -> None:
    settings.TASK_STALE_SECONDS = 300
    row = _running(minutes_ago=2)
    assert tasks_reap().requeued == []
    row.refresh_from_db()
    assert row.status == RUNNING


def test_a_task_that_lost_its_worker_too_often_fails(settings) -> None:
    settings.TASK_MAX_ATTEMPTS = 3
    row = _running(minutes_ago=10, workers=["w1", "w2", "w3"])
    reaped = tasks_reap()
    row.refresh_from_db()
    assert reaped.failed == [str(row.pk)] and row.status == FAILED
    assert row.exception_class_path == "pik.core.tasks.WorkerLost"


def test_the_command_reaps_and_reports(capsys) -> None:
    row = _running(minutes_ago=1)
    call_command("tasks_reap", stale_seconds=30)
    row.refresh_from_db()
    assert row.status == READY
    assert "1 Aufgaben neu eingereiht" in capsys.readouterr().out


@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks: PostgreSQL")
def test_a_live_worker_keeps_its_task_even_when_stale() -> None:
    """A worker holds its task's liveness lock from start to finish (another connection here)."""
    row = _running(minutes_ago=60)
    started, finish, finished, done = (threading.Event() for _ in range(4))
    result = row.task_result
    backend = DatabaseBackend("default", {"BACKEND": "django_tasks_db.DatabaseBackend"})

    def worker() -> None:
        try:
            task_started.send(sender=backend, task_result=result)
            started.set()
            finish.wait(10)
            task_finished.send(sender=backend, task_result=result)
            finished.set()
            done.wait(10)  # the connection stays open: the unlock, not a close, frees the task
        finally:
            connections.close_all()

    thread = threading.Thread(target=worker)
    thread.start()
    try:
        assert started.wait(10)
        reaped = tasks_reap(stale_seconds=0)
        row.refresh_from_db()
        assert reaped.alive == [str(row.pk)] and row.status == RUNNING
        finish.set()
        assert finished.wait(10)
        assert tasks_reap(stale_seconds=0).requeued == [str(row.pk)]
    finally:
        finish.set()
        done.set()
        thread.join(10)
