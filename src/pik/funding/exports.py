"""XLSX exports of the RPS workbench (applications, contingents)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from pik.funding.models import Application, Contingent


def _workbook(title: str, header: list[str], rows: Iterable[list[Any]]) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook always has one sheet
    sheet.title = title
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def applications_xlsx(
    applications: Iterable[Application], case_workers: dict[int, list[str]]
) -> bytes:
    header = [
        "Aktenzeichen",
        "Programm",
        "Förderjahr",
        "Antragsteller",
        "Kreis",
        "Status",
        "Kontingent (EUR)",
        "beantragt (EUR)",
        "bewilligt (EUR)",
        "eingereicht am",
        "Zuständige Sachbearbeitung",
        "Fassung der Förderrichtlinie",
    ]
    rows = (
        [
            a.file_number or "",
            a.programme.name,
            a.year,
            a.applicant.name,
            a.applicant.kreis.ags,
            a.get_status_display(),
            a.contingent,
            a.requested_amount,
            a.approved_amount,
            a.submitted_at.date() if a.submitted_at else None,
            ", ".join(case_workers.get(a.applicant.kreis_id, [])),
            a.rule_version.name,
        ]
        for a in applications
    )
    return _workbook("Anträge", header, rows)


def contingents_xlsx(contingents: Iterable[Contingent]) -> bytes:
    header = [
        "AGS",
        "Gemeinde",
        "Kreis",
        "Stichtag",
        "Personen",
        "Kontingent (EUR)",
        "Anteil am Haushaltsansatz (EUR)",
        "Fassung",
        "Demo-Zahl",
    ]
    rows = (
        [
            c.gemeinde.ags,
            c.gemeinde.name,
            c.gemeinde.kreis.ags,
            c.reference_date,
            c.persons,
            c.amount,
            c.budget_share,
            c.rule_version.name,
            "ja" if c.is_demo else "nein",
        ]
        for c in contingents
    )
    return _workbook("Kontingente", header, rows)
