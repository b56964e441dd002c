"""Health endpoints for the load balancer and the orchestrator."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is alive (no dependencies checked)."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """The process can serve: the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
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
