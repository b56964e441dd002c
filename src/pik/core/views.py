"""Health endpoints for the load balancer and the orchestrator; the favicon; the 500 page."""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import DatabaseError, connection, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import cache_control, never_cache
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


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico`` for browsers that ask there: the SVG icon the pages link to."""
    path = finders.find("pik/favicon.svg")
    if not isinstance(path, str):
        raise Http404
    with open(path, "rb") as icon:
        return HttpResponse(icon.read(), content_type="image/svg+xml")


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page without a request context: no database, no context processors.

    Only the active language is passed; if even the template fails, a plain German text.
    """
    try:
        body = loader.get_template("500.html").render(
            {"LANGUAGE_CODE": translation.get_language() or "de"}
        )
    except Exception:
        body = "<h1>Ein Fehler ist aufgetreten / An error occurred</h1>"
    return HttpResponseServerError(body)
