"""Background jobs of the funding procedures."""

from __future__ import annotations

import logging

from django_tasks import task

from pik.core.pdf import render_pdf
from pik.funding import selectors, services

log = logging.getLogger(__name__)


@task()
def notice_render(*, notice_id: int) -> int:
    """Render a decision notice to PDF after the decision has committed, and store it."""
    context = selectors.notice_context(notice_id=notice_id)
    pdf = render_pdf("funding/pdf/notice.html", context)
    services.notice_store_pdf(notice_id=notice_id, pdf=pdf)
    log.info("Bescheid %s erstellt (%s Bytes).", notice_id, len(pdf))
    return len(pdf)
