"""Open figures: funding per programme, year and Kreis, from the ledger, small counts hidden.

Committed and paid money and the number of funded positions come from funding's ledger (the one
place that sums funding money). A count of 1 to 4 positions is shown as "< 5" and, so that it
cannot be worked out from the total, a further count as "x" (``pik.core.disclosure``); the money
of a Kreis whose count is hidden is hidden too, since it is money about fewer than five people.
No names, no single applications: nothing personal is published.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import Any

from pik.core.disclosure import HIDDEN, Cell, suppress_list
from pik.funding import ledger
from pik.funding import selectors as funding
from pik.orgs import selectors as orgs

LICENCE = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
LICENCE_ID = "dl-de/by-2-0"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"
ATTRIBUTION = "Regierungspräsidium Stuttgart, Referat 15.2 (pik)"
NO_KREIS = "ohne Kreis"


@dataclass(frozen=True)
class FigureRow:
    kreis: str
    kreis_ags: str
    committed: Decimal
    paid: Decimal
    positions: Cell

    @property
    def money_hidden(self) -> bool:
        return self.positions.hidden


@dataclass(frozen=True)
class FigureGroup:
    """One programme and year: a row per Kreis and the totals."""

    programme_code: str
    programme: str
    year: int
    rows: list[FigureRow]
    committed: Decimal
    paid: Decimal
    positions: Cell | None

    @property
    def totals_hidden(self) -> bool:
        return self.positions is not None and self.positions.hidden


def open_figures() -> list[FigureGroup]:
    """Every programme and year with bookings, a row per Kreis (in AGS order)."""
    kreise = {k.pk: k for k in orgs.public_kreise()}
    names = {p.code: str(p) for p in funding.programme_list()}
    groups = []
    figures = ledger.figures_by_kreis()
    for (code, year), items in groupby(figures, key=lambda f: (f.programme_code, f.year)):
        items_ = sorted(
            items, key=lambda f: kreise[f.kreis_id].ags if f.kreis_id in kreise else "~"
        )
        column = suppress_list([f.positions for f in items_])
        rows = [
            FigureRow(
                kreis=str(kreise[f.kreis_id]) if f.kreis_id in kreise else NO_KREIS,
                kreis_ags=kreise[f.kreis_id].ags if f.kreis_id in kreise else "",
                committed=f.committed,
                paid=f.paid,
                positions=cell,
            )
            for f, cell in zip(items_, column.cells, strict=True)
        ]
        groups.append(
            FigureGroup(
                programme_code=code,
                programme=names.get(code, code),
                year=year,
                rows=rows,
                committed=sum((f.committed for f in items_), Decimal("0.00")),
                paid=sum((f.paid for f in items_), Decimal("0.00")),
                positions=column.total,
            )
        )
    return groups


def _money(value: Decimal, hidden: bool) -> str:
    return HIDDEN if hidden else f"{value:.2f}"


def _count(cell: Cell | None) -> str:
    if cell is None:
        return ""
    return str(cell) if cell.hidden else str(cell.value)


HEADER = [
    "programm",
    "jahr",
    "kreisschluessel",
    "kreis",
    "gebunden_eur",
    "ausgezahlt_eur",
    "stellen",
]


def open_figure_records(groups: list[FigureGroup]) -> list[list[str]]:
    """The rows of the CSV and JSON files: machine-readable amounts (point, two decimals);
    a hidden figure is "x" or "< 5", never its value."""
    records = []
    for group in groups:
        for row in group.rows:
            records.append(
                [
                    group.programme_code,
                    str(group.year),
                    row.kreis_ags,
                    row.kreis,
                    _money(row.committed, row.money_hidden),
                    _money(row.paid, row.money_hidden),
                    _count(row.positions),
                ]
            )
        records.append(
            [
                group.programme_code,
                str(group.year),
                "",
                "insgesamt",
                _money(group.committed, group.totals_hidden),
                _money(group.paid, group.totals_hidden),
                _count(group.positions),
            ]
        )
    return records


def open_figures_document(groups: list[FigureGroup]) -> dict[str, Any]:
    """The JSON file: licence and source first, then one object per row."""
    return {
        "lizenz": {"name": LICENCE, "id": LICENCE_ID, "url": LICENCE_URL},
        "namensnennung": ATTRIBUTION,
        "hinweis": (
            "Beträge in Euro; Anzahl der geförderten Stellen (Personen). Weniger als 5 Personen "
            "werden als „< 5“ gezeigt, ein weiterer Wert als „x“, Beträge dazu ebenfalls als „x“."
        ),
        "daten": [dict(zip(HEADER, record, strict=True)) for record in open_figure_records(groups)],
    }
