"""Background jobs of the statistics: the yearly key-figure drafts (daily, acts in January)."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from pik.stats import proofs

log = logging.getLogger(__name__)


@task()
def key_figure_drafts_task() -> dict[str, int]:
    """In January: the interim proofs of the year before with their key figures from case work,
    as drafts for the applicants (safe to run every day: nothing is prepared twice)."""
    done = proofs.yearly_drafts(today=timezone.localdate(), actor=None)
    log.info(
        "Kennzahlen %s: %s Zwischennachweise angelegt, %s aus der Fallarbeit gefüllt.",
        done.year,
        done.created,
        done.filled,
    )
    return {"year": done.year or 0, "created": done.created, "filled": done.filled}
