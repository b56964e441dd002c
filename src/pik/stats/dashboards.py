"""Dashboards: the key figures over the years as SVG charts, each with its table beside it.

For the coordinator (their Kreis), the RPS and the ministry (the state, a Regierungsbezirk, a
Kreis) — the scopes of ``pik.stats.keyfigures`` with the same 404 for what a user may not see.
Every yearly count is suppressed on its own ("< 5", drawn as a gap): the charts publish no
totals, so no small count can be worked out from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from pik.casework.selectors import keyfigures as raw
from pik.core.charts import Chart, Series
from pik.core.disclosure import Cell, suppress_list
from pik.network import selectors as network
from pik.stats.keyfigures import Scope, resolve


@dataclass
class Dashboard:
    scope_label: str
    first: int
    last: int
    charts: list[Chart]


def _series(name: str, counts: list[int]) -> Series:
    cells = suppress_list(counts, total=False).cells
    return Series(
        name,
        [None if cell.hidden else cell.value for cell in cells],
        shown=[str(cell) for cell in cells],
    )


def _reason_series(series: raw.YearlySeries) -> list[Series]:
    """The people ended per year by reason. Per year the reasons add up to the "beendet" of the
    first chart, which is published: so each year's reasons are suppressed against it as their
    total, and a year is left out (a gap) where that total, or "beendet" itself, is hidden."""
    labels = list(series.ended_by_reason)
    shown: dict[str, list[Cell]] = {label: [] for label in labels}
    ended = suppress_list(series.ended, total=False).cells
    for i, total in enumerate(ended):
        column = suppress_list([series.ended_by_reason[label][i] for label in labels])
        gap = column.withheld or total.hidden or (column.total is not None and column.total.hidden)
        for label, cell in zip(labels, column.cells, strict=True):
            shown[label].append(Cell(cell.value, secondary=True) if gap else cell)
    return [
        Series(
            label,
            [None if c.hidden else c.value for c in cells],
            shown=[str(c) for c in cells],
        )
        for label, cells in shown.items()
    ]


def dashboard(*, user: Any, scope: Scope, first: int, last: int) -> Dashboard:
    label, records = resolve(user, scope)
    series = raw.yearly_series(records, first, last)
    years = [str(year) for year in series.years]
    charts = [
        Chart(
            title=_("Beratene Personen je Jahr"),
            categories=years,
            series=[
                _series(_("beraten"), series.persons),
                _series(_("neu"), series.new),
                _series(_("beendet"), series.ended),
            ],
            kind="line",
            category_label=_("Jahr"),
        ),
        Chart(
            title=_("Beratungskontakte je Jahr nach Kontaktart"),
            categories=years,
            series=[_series(kind, counts) for kind, counts in sorted(series.contacts.items())],
            category_label=_("Jahr"),
        ),
        Chart(
            title=_("Beendete Beratungen je Jahr nach Grund"),
            categories=years,
            series=_reason_series(series),
            category_label=_("Jahr"),
        ),
        Chart(
            title=_("Erreichte Ziele je Jahr"),
            categories=years,
            series=[_series(_("erreicht"), series.goals_reached)],
            category_label=_("Jahr"),
        ),
        _referrals(records, series.years),
    ]
    return Dashboard(scope_label=label, first=first, last=last, charts=charts)


def _referrals(records: raw.Records, years: list[int]) -> Chart:
    """Referrals made in each year for the people counted in it, by outcome (the network's
    statuses in their order; one grouped query a year)."""
    per_year = [
        network.referral_counts(
            clients=raw.counted_clients(records, raw.Period.year(year)),
            start=raw.Period.year(year).start,
            end=raw.Period.year(year).end,
        )["status"]
        for year in years
    ]
    states = [str(label) for label in network.REFERRAL_STATES]
    return Chart(
        title=_("Vermittlungen je Jahr nach Stand"),
        categories=[str(year) for year in years],
        series=[_series(state, [counts.get(state, 0) for counts in per_year]) for state in states],
        category_label=_("Jahr"),
    )
