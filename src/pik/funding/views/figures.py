"""Statewide figures (ministry, RPS, auditors): sortable tables, charts, CSV/XLSX and PDF."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from pik.core.charts import Chart, Series
from pik.core.numbers import format_money, format_number
from pik.core.pdf import render_pdf
from pik.core.tables import csv_bytes, workbook_bytes
from pik.funding import selectors
from pik.funding.selectors.figures import Column, Figures, FigureTable
from pik.funding.views._http import XLSX, user_of

FORMATS = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX}


def _figures(request: HttpRequest) -> Figures:
    sort = {name: request.GET.get(f"sort_{name}", "") for name in ("jahre", "bezirke", "kreise")}
    return selectors.statewide_figures(
        user=user_of(request),
        programme=request.GET.get("programm", ""),
        year=request.GET.get("jahr"),
        sort=sort,
    )


def _headers(request: HttpRequest, table: FigureTable) -> list[dict[str, Any]]:
    """Column headers as sort links: the first click sorts ascending, the next descending."""
    headers = []
    for column in table.columns:
        params = request.GET.copy()
        current = table.sort.lstrip("-") == column.key
        descending = table.sort.startswith("-")
        params[f"sort_{table.name}"] = (
            f"-{column.key}" if current and not descending else column.key
        )
        aria = ("descending" if descending else "ascending") if current else ""
        headers.append(
            {"column": column, "url": "?" + params.urlencode() + f"#{table.name}", "aria": aria}
        )
    return headers


def _text(column: Column, value: Any) -> str:
    if value is None:
        return "–"
    if column.money:
        return format_money(value)
    if column.numeric and column.key != "year":
        return format_number(value)
    return str(value)


def _display(table: FigureTable) -> list[list[tuple[bool, str]]]:
    """The cells as shown (formatted once here, not per cell in the template)."""
    columns = table.columns
    return [[(c.numeric, _text(c, getattr(r, c.key))) for c in columns] for r in table.rows]


def _charts(figures: Figures) -> dict[str, Any]:
    """The two charts, each drawn from its table's rows (pik.core.charts renders the SVG)."""
    name = figures.programme.name if figures.programme else None
    years = sorted(
        (r for r in figures.tables["jahre"].rows if r.programme == name), key=lambda r: r.year
    )
    kreise = figures.tables["kreise"].rows
    return {
        "budget_use": Chart(
            title=_("Mittelverwendung im Zeitverlauf"),
            categories=[str(r.year) for r in years],
            series=[
                Series(_("Haushaltsansatz"), [r.budget for r in years]),
                Series(_("gebunden"), [r.committed for r in years]),
                Series(_("ausgezahlt"), [r.paid for r in years]),
            ],
            kind="line",
            unit="money",
            category_label=_("Jahr"),
        ),
        "positions": Chart(
            title=_("Geförderte Stellen (VZÄ) je Kreis"),
            categories=[r.kreis for r in kreise],
            series=[Series(_("VZÄ"), [r.fte for r in kreise])],
            kind="bar",
            unit="number",
            places=2,
            category_label=_("Kreis"),
        ),
    }


def _base_query(figures: Figures) -> str:
    return urlencode(
        {
            "programm": figures.programme.code if figures.programme else "",
            "jahr": figures.year or "",
        }
    )


@login_required
def figures_page(request: HttpRequest) -> HttpResponse:
    figures = _figures(request)
    tables = [{"table": t, "headers": _headers(request, t)} for t in figures.tables.values()]
    return render(
        request,
        "funding/figures.html",
        {
            "figures": figures,
            "tables": tables,
            "charts": _charts(figures),
            "query": _base_query(figures),
        },
    )


def _german(rows: list[list[Any]]) -> list[list[Any]]:
    """Decimals with a decimal comma, as German spreadsheets read a CSV."""
    return [[str(v).replace(".", ",") if isinstance(v, Decimal) else v for v in r] for r in rows]


@login_required
def figures_export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """Every table of the page as CSV or XLSX, with the page's choice and order."""
    if fmt not in FORMATS:
        raise Http404
    figures = _figures(request)
    if table not in figures.tables:
        raise Http404
    chosen = figures.tables[table]
    header = [str(c.label) for c in chosen.columns]
    if fmt == "csv":
        content = csv_bytes(header, _german(chosen.values()))
    else:
        content = workbook_bytes(str(chosen.title)[:31], header, chosen.values())
    response = HttpResponse(content, content_type=FORMATS[fmt])
    suffix = f"-{figures.programme.code}-{figures.year}" if figures.programme else ""
    response["Content-Disposition"] = f'attachment; filename="zahlen-{table}{suffix}.{fmt}"'
    return response


@login_required
def figures_report(request: HttpRequest) -> HttpResponse:
    """The annual report of one programme year as PDF: the tables and charts of the page."""
    figures = _figures(request)
    tables = [{"table": t, "rows": _display(t)} for t in figures.tables.values()]
    pdf = render_pdf(
        "funding/pdf/figures_report.html",
        {
            "figures": figures,
            "tables": tables,
            "charts": _charts(figures),
            "today": timezone.localdate(),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = (
        f"jahresbericht-{figures.programme.code}-{figures.year}"
        if figures.programme
        else "jahresbericht"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
