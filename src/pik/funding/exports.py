"""XLSX exports of the RPS workbench (applications, contingents), written by the kernel.

``workbook_bytes`` keeps text that looks like a formula as text (formula injection).
"""

from __future__ import annotations

from collections.abc import Iterable

from pik.core.tables import Column, workbook_bytes
from pik.funding.models import Application, Contingent


def applications_xlsx(
    applications: Iterable[Application], case_workers: dict[int, list[str]]
) -> bytes:
    header: list[str | Column] = [
        "Aktenzeichen",
        "Programm",
        "Förderjahr",
        "Antragsteller",
        "Kreis",
        "Status",
        Column("Kontingent (EUR)", "money"),
        Column("beantragt (EUR)", "money"),
        Column("bewilligt (EUR)", "money"),
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
    return workbook_bytes("Anträge", header, rows)


def contingents_xlsx(contingents: Iterable[Contingent]) -> bytes:
    header: list[str | Column] = [
        "AGS",
        "Gemeinde",
        "Kreis",
        "Förderjahr",
        "Stichtag",
        "Personen",
        Column("Kontingent (EUR)", "money"),
        Column("Anteil am Haushaltsansatz (EUR)", "money"),
        "Fassung",
        "Demo-Zahl",
    ]
    rows = (
        [
            c.gemeinde.ags,
            c.gemeinde.name,
            c.gemeinde.kreis.ags,
            c.year,
            c.reference_date,
            c.persons,
            c.amount,
            c.budget_share,
            c.rule_version.name,
            "ja" if c.is_demo else "nein",
        ]
        for c in contingents
    )
    return workbook_bytes("Kontingente", header, rows)
