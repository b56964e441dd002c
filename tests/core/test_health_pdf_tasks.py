import io
import os
import subprocess
import sys
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from pypdf import PdfReader

from pik.core import audit
from pik.core.pdf import render_pdf
from pik.core.tasks import audit_verify_task


def test_healthz_reports_alive_without_database(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_ok_when_database_answers(client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.django_db
def test_readyz_503_with_reason_when_database_is_down(client: Client) -> None:
    with mock.patch("pik.core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert "Datenbank" in response.json()["reason"]


def test_render_pdf_makes_a_real_pdf_with_the_text() -> None:
    pdf = render_pdf(
        "core/pdf/base.html",
        {"title": "Zuwendungsbescheid Probe", "paragraphs": ["Betrag: 51.000,00 EUR"]},
    )
    assert pdf.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Zuwendungsbescheid Probe" in text
    assert "51.000,00 EUR" in text


@pytest.mark.django_db
def test_audit_verify_task_runs_through_the_task_backend() -> None:
    audit.record(actor=None, action="task.test")
    result = audit_verify_task.enqueue()
    assert result.return_value["ok"] is True
    assert result.return_value["checked"] >= 1


def test_production_profile_passes_deploy_check() -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "pik.settings.production",
        "PIK_SECRET_KEY": "x7#Gq!" * 10,
        "PIK_AUDIT_KEY": "a9$Lk2" * 6,
        "PIK_ALLOWED_HOSTS": "pik.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/0",  # a shared cache (pik.orgs.E001)
    }
    run = subprocess.run(
        [sys.executable, "-m", "pik", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_production_profile_refuses_a_missing_secret_key() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "pik.settings.production", "PIK_SECRET_KEY": ""}
    run = subprocess.run(
        [sys.executable, "-m", "pik", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode != 0
    assert "PIK_SECRET_KEY" in run.stderr
