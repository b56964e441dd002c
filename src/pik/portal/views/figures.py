"""Open figures: the public table with its chart, and the same data as CSV and JSON."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from pik.core.charts import Chart, Series
from pik.core.tables import csv_bytes
from pik.portal.selectors import figures


def _charts(groups: list[figures.FigureGroup]) -> list[Chart]:
    """Per programme: committed and paid per year (a hidden total stays a gap)."""
    charts = []
    for code in dict.fromkeys(g.programme_code for g in groups):
        years = [g for g in groups if g.programme_code == code]
        charts.append(
            Chart(
                title=_("%(programme)s: gebunden und ausgezahlt je Jahr")
                % {"programme": years[0].programme},
                categories=[str(g.year) for g in years],
                series=[
                    Series(
                        _("gebunden"), [None if g.totals_hidden else g.committed for g in years]
                    ),
                    Series(_("ausgezahlt"), [None if g.totals_hidden else g.paid for g in years]),
                ],
                unit="money",
                category_label=_("Jahr"),
            )
        )
    return charts


def figure_table(request: HttpRequest) -> HttpResponse:
    groups = figures.open_figures()
    return render(
        request,
        "portal/figures.html",
        {
            "groups": groups,
            "charts": _charts(groups),
            "licence": figures.LICENCE,
            "licence_url": figures.LICENCE_URL,
            "attribution": figures.ATTRIBUTION,
        },
    )


def figure_csv(request: HttpRequest) -> HttpResponse:
    records = figures.open_figure_records(figures.open_figures())
    response = HttpResponse(
        csv_bytes(figures.HEADER, records, delimiter=",", bom=False),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="pik-offene-zahlen.csv"'
    response["Link"] = f'<{figures.LICENCE_URL}>; rel="license"'
    return response


def figure_json(request: HttpRequest) -> HttpResponse:
    document = figures.open_figures_document(figures.open_figures())
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Link"] = f'<{figures.LICENCE_URL}>; rel="license"'
    return response
