"""Background jobs of the kernel (django-tasks; database backend, `pik db_worker`)."""

from __future__ import annotations

import logging

from django_tasks import task

from pik.core import audit, purge

log = logging.getLogger(__name__)


@task()
def audit_verify_task() -> dict[str, object]:
    """Nightly chain check; the result is stored with the task and logged."""
    result = audit.verify()
    if result.ok:
        log.info("Protokollkette intakt: %s Einträge geprüft.", result.checked)
    else:
        log.error("Protokollkette gebrochen bei #%s: %s", result.broken_seq, result.reason)
    return {"ok": result.ok, "checked": result.checked, "broken_seq": result.broken_seq}


@task()
def vacuum_task(tables: list[str]) -> dict[str, object]:
    """After an erasure: reclaim the deleted rows on disk (``pik.core.purge.vacuum``)."""
    done = purge.vacuum(tables)
    log.info("VACUUM nach Löschung: %s", ", ".join(done) or "nichts zu tun")
    return {"vacuumed": done}
