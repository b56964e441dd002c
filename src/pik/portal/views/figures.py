"""Open figures: the public table with its chart, and the same data as CSV and JSON."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pik.core.tables import csv_bytes
from pik.portal.selectors import figures


def figure_table(request: HttpRequest) -> HttpResponse:
    groups = figures.open_figures()
    return render(
        request,
        "portal/figures.html",
        {
            "groups": groups,
            "licence": figures.LICENCE,
            "licence_url": figures.LICENCE_URL,
            "attribution": figures.ATTRIBUTION,
        },
    )


def figure_csv(request: HttpRequest) -> HttpResponse:
    records = figures.open_figure_records(figures.open_figures())
    response = HttpResponse(
        csv_bytes(figures.HEADER, records), content_type="text/csv; charset=utf-8"
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
