"""Exports of the RPS workbench (applications, contingents, payment batches), written by the
kernel.

``workbook_bytes`` keeps text that looks like a formula as text (formula injection).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from pik.core.tables import Column, csv_bytes, workbook_bytes
from pik.funding.models import Application, Contingent
from pik.funding.selectors import BatchView


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


PAYMENT_HEADER = ["Empfänger", "Kontoinhaber", "IBAN", "Betrag (EUR)", "Verwendungszweck"]


def _payment_rows(view: BatchView, amount: Callable[[Decimal], object]) -> list[list[object]]:
    return [
        [
            r.application.applicant.name,
            r.application.applicant.account_holder,
            r.application.applicant.iban,
            amount(r.amount),
            r.purpose,
        ]
        for r in view.requests
    ]


def payment_batch_csv(view: BatchView) -> bytes:
    """The batch for the state cash office: one transfer per line, the amount with a decimal
    comma and no grouping (``12345,67``) as its import expects."""
    return csv_bytes(PAYMENT_HEADER, _payment_rows(view, lambda a: f"{a:.2f}".replace(".", ",")))


def payment_batch_xlsx(view: BatchView) -> bytes:
    return workbook_bytes(view.batch.number, PAYMENT_HEADER, _payment_rows(view, lambda a: a))
