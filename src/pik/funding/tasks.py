"""Background jobs of the funding procedures."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from pik.core.pdf import render_pdf
from pik.core.tasks import tasks_reap
from pik.funding import documents, selectors, services

log = logging.getLogger(__name__)


@task()
def notice_render(*, notice_id: int) -> int:
    """Render a decision notice to PDF after the decision has committed, and store it.

    May run more than once for a notice (a reaped task, a check that queued it again): a notice
    that has its PDF is not rendered again, and the store, under the notice's row lock, keeps
    the first PDF if two runs overlap.
    """
    if selectors.notice_has_pdf(notice_id=notice_id):
        log.info("Bescheid %s ist schon erstellt.", notice_id)
        return 0
    context = documents.notice_context(notice_id=notice_id)
    pdf = render_pdf("funding/pdf/notice.html", context)
    services.notice_store_pdf(notice_id=notice_id, pdf=pdf)
    log.info("Bescheid %s erstellt (%s Bytes).", notice_id, len(pdf))
    return len(pdf)


@task()
def notices_check_task() -> dict[str, int]:
    """The periodic check on the worker: reap lost tasks, queue notices still without PDF."""
    reaped = tasks_reap()
    requeued = services.notice_requeue_missing()
    return {"reaped": len(reaped.requeued), "requeued": len(requeued)}


@task()
def deadline_reminders_task() -> dict[str, int]:
    """The daily reminders of deadlines; each reminder is sent once (safe to run again)."""
    sent = services.deadline_reminders_send(today=timezone.localdate(), actor=None)
    log.info("Fristen: %s Erinnerungen an %s Personen versandt.", sent.reminders, sent.users)
    return {"users": sent.users, "reminders": sent.reminders}


@task()
def repayment_notice_render(*, claim_id: int) -> int:
    """Render an issued repayment notice to PDF after the decision has committed (once)."""
    if selectors.repayment_has_pdf(claim_id=claim_id):
        return 0
    context = documents.repayment_context(claim_id=claim_id)
    pdf = render_pdf("funding/pdf/repayment_notice.html", context)
    services.repayment_store_pdf(claim_id=claim_id, pdf=pdf)
    log.info("Rückforderungsbescheid %s erstellt (%s Bytes).", claim_id, len(pdf))
    return len(pdf)
