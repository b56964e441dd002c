"""Background jobs of casework (django-tasks; run nightly by the scheduler or `pik db_worker`)."""

from __future__ import annotations

import logging

from django_tasks import task

from pik.casework import services

log = logging.getLogger(__name__)


@task()
def casework_retention_task() -> dict[str, int]:
    """Anonymise every client record whose retention period has run out."""
    anonymised = services.retention_run()
    log.info("Aufbewahrungsfristen: %s Akten anonymisiert.", len(anonymised))
    return {"anonymised": len(anonymised)}
