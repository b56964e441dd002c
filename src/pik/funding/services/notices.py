"""Notices: the rendered PDF stored (which issues an approval), and the check for lost ones.

Both are system steps without a person: the background task and the periodic check call them.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from pik.core import audit
from pik.core.tasks import enqueue_in_transaction, tasks_pending
from pik.funding.models import Application, Notice
from pik.funding.services.applications import NOTICE_RENDER, _event
from pik.funding.workflow import APPLICATION

S = Application.Status
log = logging.getLogger(__name__)


@transaction.atomic
def notice_store_pdf(*, notice_id: int, pdf: bytes) -> Notice:
    """Store the rendered notice and mark the application as notified (system step).

    Idempotent under the notice's row lock: a second render of the same notice (a worker that
    died after storing, a task queued again by the check) stores nothing and issues nothing.
    """
    notice = Notice.objects.select_for_update().select_related("application").get(pk=notice_id)
    if notice.pdf:
        log.info("Bescheid %s hat schon ein PDF; nicht erneut gespeichert.", notice_id)
        return notice
    notice.pdf.save(
        f"{notice.application.file_number or notice.pk}.pdf", ContentFile(pdf), save=False
    )
    notice.rendered_at = timezone.now()
    notice.save(update_fields=["pdf", "rendered_at", "updated_at"])
    application = Application.objects.select_for_update().get(pk=notice.application_id)
    if application.status == S.APPROVED:  # a rejection notice leaves the rejection as it is
        old = application.status
        transition = APPLICATION.apply(application, action="notice", user=None)  # system step
        application.version += 1
        application.save(update_fields=["status", "version", "updated_at"])
        _event(application, action="notice", label=transition.label, old=old, actor=None)
    audit.record(
        actor=None,
        action="notice.rendered",
        target=notice,
        size=len(pdf),
    )
    return notice


@transaction.atomic
def notice_requeue_missing(*, older_than: dt.timedelta | None = None) -> list[int]:
    """Queue the rendering again for notices still without PDF (system step, periodic check).

    Catches what the reaper cannot: a render task that failed, or one lost on a backend outside
    the database. Notices younger than ``older_than`` (NOTICE_CHECK_MINUTES) are on their way,
    and those with a queued or running task are skipped, so nothing is rendered twice at once.
    """
    if older_than is None:
        older_than = dt.timedelta(minutes=settings.NOTICE_CHECK_MINUTES)
    missing = Notice.objects.filter(pdf="", created_at__lte=timezone.now() - older_than)
    pending = tasks_pending(NOTICE_RENDER, key="notice_id")
    todo = [pk for pk in missing.order_by("pk").values_list("pk", flat=True) if pk not in pending]
    for pk in todo:
        enqueue_in_transaction(NOTICE_RENDER, notice_id=pk)
    if todo:
        log.warning("Bescheide ohne PDF neu eingereiht: %s", ", ".join(map(str, todo)))
    return todo
