"""Decision notices as PDF: one render in process, and 1,101 rendered by background workers.

The worker run enqueues ``notice_render`` for every notice on the database task backend
(django_tasks_db) and starts two ``pik db_worker --batch`` processes on the benchmark
database; the time is the wall time until both have drained the queue (process start-up
included). Per-notice times come from the task results (finished_at - started_at: render
and store). Slow: select it with ``make bench BENCH=notice``; ``BENCH_NOTICES=50`` shrinks it.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from bench.runner import Benchmark, p95

YEAR = 2026
WORKERS = 2
TEMPLATE = "funding/pdf/notice.html"
TASKS_DB = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def notice_count() -> int:
    return int(os.environ.get("BENCH_NOTICES", "1101"))


@dataclass
class Notices:
    """1,101 approved applications with an unrendered notice each, built once."""

    ids: list[int] = field(default_factory=list)

    def build(self) -> None:
        if self.ids:
            return
        from bench import data

        head, workers = data.rps_staff()
        self.ids = data.approved_with_notices(
            n=notice_count(), year=YEAR, head=head, proposer=workers[0]
        )
        data.analyze()


@dataclass
class SingleRender:
    notices: Notices

    def context(self) -> dict[str, Any]:
        from pik.funding import documents

        return documents.notice_context(notice_id=self.notices.ids[0])

    def pdf(self) -> None:
        from pik.core.pdf import render_pdf

        render_pdf(TEMPLATE, self.context())

    def html(self) -> None:
        from django.template.loader import render_to_string

        render_to_string(TEMPLATE, self.context())


@dataclass
class WorkerRun:
    notices: Notices
    notes: list[str] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)

    def enqueue(self) -> None:
        """Untimed: the decisions have committed and queued their notices."""
        from django.test.utils import override_settings

        from pik.funding.tasks import notice_render

        self.notices.build()
        override = override_settings(TASKS=TASKS_DB)
        override.enable()
        try:
            for notice_id in self.notices.ids:
                notice_render.enqueue(notice_id=notice_id)
        finally:
            override.disable()

    def drain(self) -> None:
        """Timed: two worker processes until the queue is empty."""
        from django.conf import settings

        from bench.db import bench_database

        var = settings.VAR_DIR / "bench-workers"  # media (the PDFs) and worker logs
        shutil.rmtree(var, ignore_errors=True)
        var.mkdir(parents=True)
        env = {
            **os.environ,
            "DATABASE_URL": bench_database().url,
            "DJANGO_SETTINGS_MODULE": "pik.settings",
            "PIK_TASKS_BACKEND": TASKS_DB["default"]["BACKEND"],
            "PIK_DEBUG": "0",
            "PIK_VAR_DIR": str(var),
        }
        command = [sys.executable, "-m", "pik", "db_worker", "--batch", "--no-reload"]
        command += ["--no-startup-delay"]
        procs = []
        start = time.perf_counter()
        for i in range(WORKERS):
            log = (var / f"worker-{i}.log").open("w")
            procs.append(
                subprocess.Popen(  # noqa: S603 - our own command line
                    [*command, "--worker-id", f"bench-{i}"],
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    cwd=settings.BASE_DIR,
                )
            )
        codes = [p.wait(timeout=3600) for p in procs]
        self.state["wall_s"] = time.perf_counter() - start
        self.state["pdfs"] = sum(1 for _ in (var / "media").rglob("*.pdf"))
        if any(codes):
            raise RuntimeError(f"db_worker exit codes {codes}; logs in {var}")
        self.report()

    def report(self) -> None:
        from django_tasks_db.models import DBTaskResult

        rows = list(
            DBTaskResult.objects.filter(task_path__endswith="notice_render").values_list(
                "status", "started_at", "finished_at"
            )
        )
        done = [(s, f) for status, s, f in rows if status == "SUCCESSFUL" and s and f]
        per = sorted((f - s).total_seconds() * 1000 for s, f in done)
        failed = len(rows) - len(done)
        span = (max(f for _, f in done) - min(s for s, _ in done)).total_seconds()
        n = len(self.notices.ids)
        self.notes += [
            f"{n:,} notices, {WORKERS} workers: total wall time {self.state['wall_s']:.1f} s "
            f"(incl. worker start-up), first start to last finish {span:.1f} s, "
            f"{len(done) / span:.1f} notices/s",
            f"per notice (task started → finished: render and store): "
            f"median {statistics.median(per):.1f} ms, p95 {p95(per):.1f} ms",
            f"{len(done):,} succeeded, {failed} failed, {self.state['pdfs']:,} PDF files written",
        ]


def benchmarks() -> list[Benchmark]:
    notices = Notices()
    single = SingleRender(notices)
    run = WorkerRun(notices)
    return [
        Benchmark(
            name="notice PDF render (one)",
            subject=single.pdf,
            prepare=notices.build,
            reference=single.html,
            reference_label="the same notice rendered to HTML only (template, no WeasyPrint)",
            repeat=20,
            warmup=2,
            needs_db=True,
        ),
        Benchmark(
            name=f"notices {notice_count():,} by {WORKERS} workers",
            subject=run.drain,
            setup=run.enqueue,
            repeat=1,
            warmup=0,
            notes=run.notes,
            needs_db=True,
        ),
    ]
