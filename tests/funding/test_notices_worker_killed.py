"""A worker killed (SIGKILL) while rendering notices loses no notice.

Approves a batch of applications with the database task backend, starts a real `pik db_worker`
on the test database, kills it while a notice task is RUNNING, runs the periodic check
(reaper + re-queue), starts a worker again and requires every application to end with exactly
one notice PDF and the status "Bescheid erlassen". Without the reaper the killed task stays
RUNNING for ever and its application stays "bewilligt" without notice.
"""

import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from pik.core.models import AuditEvent
from pik.core.roles import Role
from pik.funding import services
from pik.funding.models import Application, ApplicationEvent, Budget, Notice
from pik.orgs.models import Gemeinde, Kreis, User
from pik.orgs.services import reference_data_load
from tests.funding import factories

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

APPLICATIONS = 24
TASKS_DB = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
RUNNING, READY = TaskResultStatus.RUNNING, TaskResultStatus.READY
S = Application.Status


def _proposed_applications() -> tuple[list[Application], User]:
    if not Kreis.objects.exists():
        reference_data_load()
    im = factories.programme("im")
    gemeinden = list(Gemeinde.objects.order_by("ags")[:APPLICATIONS])
    data = "ags,personen\n" + "\n".join(f"{g.ags},200" for g in gemeinden)
    services.contingents_import(
        year=2020, programme=im, data=data.encode(), filename="c.csv", actor=None
    )
    kreise = Kreis.objects.filter(gemeinden__in=gemeinden).distinct()
    case_worker = factories.user(
        "cw@test.example", Role.RPS_CASE_WORKER, responsible_kreise=list(kreise)
    )
    head = factories.user("head@test.example", Role.RPS_HEAD)
    applications = factories.proposed_one_each(im, gemeinden, case_worker)
    Budget.objects.filter(programme=im, year=2020).update(total=Decimal("100000000.00"))
    return applications, head


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    """Real `pik db_worker` processes on the test database, media in a temporary directory."""

    def __init__(self, var: Path) -> None:
        self.var = var
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DATABASE_URL": _database_url(),
            "DJANGO_SETTINGS_MODULE": "pik.settings",
            "PIK_TASKS_BACKEND": TASKS_DB["default"]["BACKEND"],
            "PIK_DEBUG": "0",
            "PIK_VAR_DIR": str(var),
            "PYTHONUNBUFFERED": "1",
        }
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self, name: str, *extra: str) -> subprocess.Popen[bytes]:
        command = [sys.executable, "-m", "pik", "db_worker", "--no-reload", "--no-startup-delay"]
        log = (self.var / f"{name}.log").open("w")
        proc = subprocess.Popen(  # noqa: S603 - our own command line
            [*command, "--interval", "0.1", "--worker-id", name, *extra],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=settings.BASE_DIR,
        )
        self.procs.append(proc)
        return proc

    def log(self) -> str:
        return "\n".join(p.read_text() for p in sorted(self.var.glob("*.log")))

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)


def _until(condition, timeout: float, what: str, log=str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}\n{log()}")
        time.sleep(0.01)


def _stuck() -> int:
    return DBTaskResult.objects.filter(status=RUNNING).count()


def _kill_while_rendering(workers: Workers) -> None:
    """SIGKILL a worker at a moment it has a notice task RUNNING (retry if it was between two)."""
    for attempt in range(5):
        proc = workers.start(f"doomed-{attempt}")
        before = Notice.objects.exclude(pdf="").count()
        _until(
            lambda before=before: Notice.objects.exclude(pdf="").count() > before and _stuck() > 0,
            timeout=30,
            what="the worker rendering",
            log=workers.log,
        )
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        if _stuck():
            return
    raise AssertionError("the worker was never killed in the middle of a task")


def test_a_killed_worker_loses_no_notice(tmp_path: Path) -> None:
    applications, head = _proposed_applications()
    with override_settings(TASKS=TASKS_DB):
        for application in applications:
            application.refresh_from_db()
            services.application_transition(application=application, action="approve", actor=head)
    assert DBTaskResult.objects.filter(status=READY).count() == APPLICATIONS

    workers = Workers(tmp_path)
    try:
        _kill_while_rendering(workers)
        # The loss as it happens: a task RUNNING for a worker that is gone, its application
        # approved without notice.
        lost = Notice.objects.filter(pdf="").count()
        assert _stuck() == 1 and lost >= 1
        assert Application.objects.filter(status=S.APPROVED).count() == lost

        # The periodic check (cron every 5 minutes), here with no waiting time. On PostgreSQL
        # the killed worker's session may need a moment to end and free its liveness lock.
        with override_settings(TASKS=TASKS_DB):

            def check() -> bool:
                call_command("notices_check", stale_seconds=0, minutes=0)
                return _stuck() == 0

            _until(check, timeout=15, what="the reaper to return the killed worker's task")

        proc = workers.start("survivor", "--batch")
        assert proc.wait(60) == 0, workers.log()
    finally:
        workers.stop_all()

    assert not DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists()
    for application in applications:
        application.refresh_from_db()
        assert application.status == S.NOTICE_ISSUED, application.file_number
        notice = Notice.objects.get(application=application)
        assert notice.pdf and (tmp_path / "media" / notice.pdf.name).is_file()
        assert (
            ApplicationEvent.objects.filter(application=application, action="notice").count() == 1
        )
    rendered = AuditEvent.objects.filter(action="notice.rendered")
    assert rendered.count() == APPLICATIONS
    assert rendered.values("target_id").distinct().count() == APPLICATIONS
