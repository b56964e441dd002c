"""/readyz tells the truth: answered on plain HTTP, and 503 within seconds when the database hangs."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dj_database_url
import pytest
from django.db import connection, connections
from django.db.backends.postgresql.base import DatabaseWrapper
from django.test import Client

from pik.settings.base import postgres_timeouts
from tests.production import production_env

# Fails a hanging probe instead of hanging the test run (the socket's close ends the connect).
WATCHDOG_SECONDS = 20


PROBE = """
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="pik.example.org")
for path in ("/healthz", "/readyz", "/"):
    print(path, client.get(path).status_code)
"""


def test_production_profile_answers_probes_on_plain_http(tmp_path: Path) -> None:
    run = subprocess.run(  # noqa: S603 (a fixed script, run with this interpreter)
        [sys.executable, "-c", PROBE],
        env=production_env(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'probe.sqlite3'}"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.split("\n")[:3] == ["/healthz 200", "/readyz 200", "/ 301"], run.stdout


@pytest.mark.django_db
def test_health_endpoints_are_exempt_from_the_https_redirect(client: Client, settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert client.get("/readyz/").status_code != 200  # only the exact paths are exempt
    assert client.get("/").status_code == 301  # everything else still goes to https


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port on 127.0.0.1 whose kernel accepts connections that then never get an answer."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    watchdog = threading.Timer(WATCHDOG_SECONDS, server.close)
    watchdog.start()
    try:
        yield server.getsockname()[1]
    finally:
        watchdog.cancel()
        server.close()


def test_readyz_answers_503_within_seconds_when_the_database_hangs(
    client: Client, silent_server: int, django_db_blocker: Any
) -> None:
    """The configured PostgreSQL options (connect timeout) applied to a database that hangs."""
    database = postgres_timeouts(
        dj_database_url.parse(f"postgres://pik@127.0.0.1:{silent_server}/pik_unreachable")
    )
    hanging = DatabaseWrapper(connections.configure_settings({"default": database})["default"])
    original = connections["default"]
    connections["default"] = hanging
    try:
        with django_db_blocker.unblock():
            started = time.monotonic()
            response = client.get("/readyz")
            elapsed = time.monotonic() - started
    finally:
        connections["default"] = original
        hanging.close()
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert elapsed < 10, f"/readyz took {elapsed:.1f} s"


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement timeouts are PostgreSQL's")
def test_readyz_answers_503_within_seconds_when_the_query_hangs(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pik.core.views.READINESS_QUERY", "SELECT pg_sleep(20)", raising=False)
    started = time.monotonic()
    response = client.get("/readyz")
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert elapsed < 10, f"/readyz took {elapsed:.1f} s"
