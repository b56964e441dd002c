"""The RPS workbench: GET /foerderung/antraege/ over 10,000 applications, as the RPS head.

Target (issue): at most 10 SQL queries whatever the page, median under 50 ms server time.
Timed through django.test.Client (the whole middleware stack, template and session save);
the query count per request is taken once per page with CaptureQueriesContext.
Reference: the plain ORM query fetching the same 50 rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bench.runner import Benchmark

URL = "/foerderung/antraege/"
APPLICANTS, YEARS = 2_000, [2017, 2018, 2019, 2020, 2021]
PAGE_SIZE = 50
MAX_QUERIES, TARGET_MS = 10, 50.0


@dataclass
class Workbench:
    """The data set and a signed-in client, built once for all pages."""

    state: dict[str, Any] = field(default_factory=dict)

    def build(self) -> None:
        if self.state:
            return
        from django.test import Client

        from bench import data
        from pik.funding.models import Programme

        head, _ = data.rps_staff()
        programme = Programme.objects.get(code="im")
        rows = data.applicants(programme, APPLICANTS, "(Bench)")
        apps = data.applications(programme=programme, rows=rows, years=YEARS, proposer=head)
        data.analyze()
        client = _signed_in(Client(), head)
        self.state.update(client=client, count=len(apps), programme=programme)


def _signed_in(client: Any, user: Any) -> Any:
    """``force_login`` as after the real login with password and code: the RPS works with
    personal data, so RequireMfaMiddleware wants the "mfa" step recorded in the session."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator
    from django.http import HttpRequest

    client.force_login(user)
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    request = HttpRequest()
    request.session = client.session
    record_authentication(request, user, "password", email=user.email)
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
    request.session.save()
    return client


@dataclass
class Page:
    workbench: Workbench
    label: str
    query: str
    status: str = ""
    page: int = 1
    notes: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"{URL}?{self.query}" if self.query else URL

    def prepare(self) -> None:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.workbench.build()
        if len(self.plain_rows()) < PAGE_SIZE:
            raise RuntimeError(f"{self.url}: no full page {self.page} in the data set")
        self.get()  # the first request of a session also checks the TOTP authenticator
        with CaptureQueriesContext(connection) as ctx:
            response = self.get()
        n = len(ctx.captured_queries)
        verdict = "ok" if n <= MAX_QUERIES else f"MISS (target ≤ {MAX_QUERIES})"
        self.notes.append(
            f"{self.url}: {n} SQL queries per request ({verdict}); "
            f"{self.workbench.state['count']:,} applications, {len(response.content):,} bytes"
        )
        self.notes.append(f"target: median under {TARGET_MS:.0f} ms (issue)")

    def get(self) -> Any:
        response = self.workbench.state["client"].get(self.url)
        if response.status_code != 200:
            raise RuntimeError(f"{self.url}: HTTP {response.status_code}")
        return response

    def plain_rows(self) -> list[Any]:
        from pik.funding.models import Application

        qs = Application.objects.select_related("programme", "applicant", "applicant__kreis")
        if self.status:
            qs = qs.filter(status=self.status)
        start = (self.page - 1) * PAGE_SIZE
        return list(qs.order_by("-updated_at", "-pk")[start : start + PAGE_SIZE])


def benchmarks() -> list[Benchmark]:
    workbench = Workbench()
    pages = [
        Page(workbench, "page 1", ""),
        Page(workbench, "page 150", "seite=150", page=150),
        Page(workbench, "status filter", "status=in_review", status="in_review"),
        Page(
            workbench,
            "status filter page 40",
            "status=notice_issued&seite=40",
            status="notice_issued",
            page=40,
        ),
    ]
    return [
        Benchmark(
            name=f"workbench {p.label}",
            subject=p.get,
            prepare=p.prepare,
            reference=p.plain_rows,
            reference_label="plain ORM query for the same 50 rows (select_related, no view)",
            repeat=30,
            warmup=3,
            notes=p.notes,
            needs_db=True,
        )
        for p in pages
    ]
