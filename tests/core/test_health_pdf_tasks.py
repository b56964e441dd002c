import io
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from pypdf import PdfReader

from pik.core import audit
from pik.core.pdf import render_pdf
from pik.core.tasks import audit_verify_task
from tests.production import pik, production_env


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


def test_production_profile_passes_deploy_check(tmp_path: Path) -> None:
    # with a shared cache (pik.orgs.E001)
    env = production_env(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0")
    run = pik("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert run.returncode == 0, run.stdout + run.stderr


def test_production_profile_refuses_a_missing_secret_key(tmp_path: Path) -> None:
    run = pik("check", env=production_env(tmp_path, PIK_SECRET_KEY=""))
    assert run.returncode != 0
    assert "PIK_SECRET_KEY" in run.stderr
