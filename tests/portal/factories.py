"""Portal content for tests, made through the services as the system (``actor=None``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pik.core.tables import workbook_bytes
from pik.funding.reference import ensure_reference_data
from pik.portal import services

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name: str = "antrag.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def xlsx_upload(name: str = "liste.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, workbook_bytes("Blatt", ["a"], [["1"]]))


def document(**kwargs: Any) -> Any:
    ensure_reference_data(apps)  # the programmes, after a transactional test flushed them
    values: dict[str, Any] = {
        "title": "Antragsformular",
        "category": "form",
        "programme_code": "im",
        "valid_from": dt.date(2023, 6, 6),
        "upload": pdf_upload(),
        "actor": None,
    }
    return services.document_upload(**(values | kwargs))


def event(days: int = 10, **kwargs: Any) -> Any:
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
    values: dict[str, Any] = {
        "title": "Fachtag Integrationsmanagement",
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=6),
        "place": "Stuttgart, Haus der Wirtschaft",
        "actor": None,
    }
    return services.event_save(**(values | kwargs))


def announcement(publish: bool = False, **kwargs: Any) -> Any:
    values: dict[str, Any] = {
        "title": "Hinweis zum Verwendungsnachweis",
        "text": "Bitte bis 31. Januar einreichen.",
        "shown_from": timezone.localdate(),
        "publish": publish,
        "actor": None,
    }
    return services.announcement_create(**(values | kwargs))
