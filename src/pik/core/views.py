"""Health endpoints for the load balancer and the orchestrator."""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# The query that proves the database serves; a module constant so a test can make it slow.
READINESS_QUERY = "SELECT 1"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is alive (no dependencies checked)."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """The process can serve: the database answers, within seconds.

    Opening a connection is bounded by ``connect_timeout`` (settings); the query by a
    statement timeout local to this transaction, far shorter than the global one, so a probe
    never holds a worker while the database hangs.
    """
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT set_config('statement_timeout', %s, true)",
                    [str(settings.READYZ_STATEMENT_TIMEOUT_MS)],
                )
            cursor.execute(READINESS_QUERY)
            cursor.fetchone()
    except DatabaseError as exc:
        return JsonResponse(
            {
                "status": "unavailable",
                "reason": f"Datenbank nicht erreichbar: {exc.__class__.__name__}",
            },
            status=503,
        )
    return JsonResponse({"status": "ok", "database": connection.vendor})
