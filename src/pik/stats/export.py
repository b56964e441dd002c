"""The key figures in the layout of the statewide template: one sheet per year of the chosen
period, one row per applicant (the Träger, Gemeinde or Kreis employing integration managers in
the scope), the template's figures as columns in its order (``FIELDS``), as XLSX, CSV and PDF.

Every row is its own disclosure group and goes through ``pik.core.disclosure``: people counselled
with its parts (new, ongoing, ended; "ongoing" is not a column, but counts as a part so that
"new" and "ended" cannot be worked out from the total either) and contacts with theirs (in
person, outreach, at a distance: ``pik.stats.proofs.REMOTE``, the same split as the proof of
use) are suppressed as a list with its total;
households, plans, goals reached and referrals each alone. The export publishes no column totals,
so no row's hidden number can be worked out from the others.

Each row counts exactly what the key-figure page shows for that applicant (``employer`` scope)
in the same year; for an applicant or one manager as the scope, the export has that one row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pik.casework.selectors.keyfigures import Period, Records, counted_clients
from pik.casework.selectors.keyfigures_grouped import Groups, TemplateFigures, template_figures
from pik.core.disclosure import HIDDEN, Cell, suppress_list
from pik.core.pdf import render_pdf
from pik.core.tables import Column, Sheet, csv_bytes, workbook_sheets_bytes
from pik.network import selectors as network
from pik.orgs.selectors import employer_keys
from pik.stats.keyfigures import Scope, resolve
from pik.stats.proofs import OUTREACH, REMOTE

#: The statewide key-figure template's fields in its order (the same names and labels as the
#: proof of use's key figures, ``pik.funding.proofs.KEY_FIGURE_FIELDS``).
FIELDS: tuple[tuple[str, Any], ...] = (
    ("persons_counselled", gettext_lazy("Beratene Personen")),
    ("households", gettext_lazy("Beratene Haushalte")),
    ("persons_new", gettext_lazy("davon im Zeitraum neu aufgenommen")),
    ("persons_ended", gettext_lazy("davon Beratung im Zeitraum beendet")),
    ("plans_created", gettext_lazy("Erstellte Integrationspläne")),
    ("plans_reviewed", gettext_lazy("Fortgeschriebene Integrationspläne")),
    ("contacts_total", gettext_lazy("Beratungskontakte insgesamt")),
    ("contacts_outreach", gettext_lazy("davon aufsuchend")),
    ("contacts_remote", gettext_lazy("davon per Telefon, E-Mail oder Video")),
    ("goals_reached", gettext_lazy("Erreichte Ziele")),
    ("referrals", gettext_lazy("Vermittlungen in Regelangebote")),
)
FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class Applicant:
    key: str
    kreis: str
    label: str
    records: Records


@dataclass
class Row:
    kreis: str
    applicant: str
    cells: dict[str, Cell]


@dataclass
class YearSheet:
    period: Period
    rows: list[Row]

    @property
    def title(self) -> str:
        """The year, or the part of it the chosen period covers (fits Excel's 31 characters)."""
        start, end = self.period.start, self.period.end
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            return str(start.year)
        return f"{start:%d.%m.}–{end:%d.%m.%Y}"


@dataclass
class KeyFigureExport:
    scope_label: str
    period: Period
    sheets: list[YearSheet]


def years(period: Period) -> list[Period]:
    """The calendar years of a period, the first and last cut to it."""
    return [
        Period(max(period.start, dt.date(year, 1, 1)), min(period.end, dt.date(year, 12, 31)))
        for year in range(period.start.year, period.end.year + 1)
    ]


def applicants(scope: Scope, label: str, records: Records) -> list[Applicant]:
    """The rows of a scope: its applicants, each narrowed to the scope (an applicant or one
    manager as the scope: that one row)."""
    if scope.kind in ("employer", "manager"):
        return [Applicant(scope.key, "", label, records)]
    employers = employer_keys(
        kreis_ids=records.kreis_ids, regierungsbezirk_ids=records.regierungsbezirk_ids
    )
    return [
        Applicant(
            e.key,
            e.kreis_label,
            e.label,
            Records(
                kreis_ids=(e.kreis_id,),
                gemeinde_ids=records.gemeinde_ids,
                responsible_ids=e.manager_ids,
            ),
        )
        for e in employers
    ]


def key_figure_export(*, user: Any, scope: Scope, period: Period) -> KeyFigureExport:
    """The export for a scope the user may see (404 otherwise), per year of the period."""
    label, records = resolve(user, scope)
    rows = applicants(scope, label, records)
    groups = Groups({a.key: a.records for a in rows})
    sheets = []
    for year in years(period):
        figures = template_figures(records, year, groups) if rows else {}
        referrals = {a.key: 0 for a in rows}
        if rows:
            found = network.referral_totals(
                clients=counted_clients(records, year), start=year.start, end=year.end, by=groups.by
            )
            for key, row in groups.add(found, "client__"):
                referrals[key] += row["n"]
        sheets.append(
            YearSheet(
                year,
                [Row(a.kreis, a.label, row_cells(figures[a.key], referrals[a.key])) for a in rows],
            )
        )
    return KeyFigureExport(scope_label=label, period=period, sheets=sheets)


def row_cells(figures: TemplateFigures, referrals: int) -> dict[str, Cell]:
    """One applicant's row, suppressed as its own group (see the module's docstring)."""
    persons = _group([figures.persons["new"], figures.persons["ongoing"], figures.persons["ended"]])
    contacts = figures.contacts
    remote = sum(contacts.get(kind, 0) for kind in REMOTE)
    outreach = sum(contacts.get(kind, 0) for kind in OUTREACH)
    others = sum(contacts.values()) - remote - outreach
    channels = _group([others, outreach, remote])

    def alone(n: int) -> Cell:
        return suppress_list([n], total=False).cells[0]

    return {
        "persons_counselled": persons[-1],
        "households": alone(figures.households),
        "persons_new": persons[0],
        "persons_ended": persons[2],
        "plans_created": alone(figures.plans["created"]),
        "plans_reviewed": alone(figures.plans["reviewed"]),
        "contacts_total": channels[-1],
        "contacts_outreach": channels[1],
        "contacts_remote": channels[2],
        "goals_reached": alone(figures.goals_reached),
        "referrals": alone(referrals),
    }


def _group(parts: list[int]) -> list[Cell]:
    """The parts and their total (last), suppressed together; all hidden when even that would
    not protect a small one."""
    column = suppress_list(parts, total=True)
    assert column.total is not None  # noqa: S101 - asked for above
    cells = [*column.cells, column.total]
    if column.withheld:
        return [Cell(c.value, primary=c.primary, secondary=not c.primary) for c in cells]
    return cells


def _value(cell: Cell) -> int | str:
    """A shown number as a number, a hidden one as its mark ("< 5" or "x")."""
    return str(cell) if cell.hidden else cell.value


def _header() -> list[str]:
    return [_("Kreis"), _("Antragsteller"), *(str(label) for _name, label in FIELDS)]


def _lines(sheet: YearSheet) -> list[list[int | str]]:
    return [
        [row.kreis, row.applicant, *(_value(row.cells[name]) for name, _label in FIELDS)]
        for row in sheet.rows
    ]


def xlsx(export: KeyFigureExport) -> bytes:
    header = [
        Column(_("Kreis"), "text"),
        Column(_("Antragsteller"), "text"),
        *(Column(str(label), "number") for _name, label in FIELDS),
    ]
    return workbook_sheets_bytes([Sheet(s.title, header, _lines(s)) for s in export.sheets])


def csv(export: KeyFigureExport) -> bytes:
    """One file: the rows of every year, each with its period in front."""
    rows = [[str(s.period), *line] for s in export.sheets for line in _lines(s)]
    return csv_bytes([_("Zeitraum"), *_header()], rows)


def pdf(export: KeyFigureExport) -> bytes:
    return render_pdf(
        "stats/pdf/key_figures.html",
        {
            "export": export,
            "header": _header(),
            "sheets": [(s, _lines(s)) for s in export.sheets],
            "hidden": HIDDEN,
        },
    )


def filename(export: KeyFigureExport, fmt: str) -> str:
    period = export.period
    return f"kennzahlen-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{fmt}"


RENDER = {"xlsx": xlsx, "csv": csv, "pdf": pdf}
