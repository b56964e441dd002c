"""Statewide figures for the ministry and the RPS: aggregates only, never a name of a person or
an applicant. Per programme and year, and for one programme year per Regierungsbezirk and Kreis:
budget, committed, paid, repaid, free, funded positions (FTE) and persons per position.

Amounts come from the ledger (``ledger.sums_by``, one aggregate query per level); the budget of a
Kreis is the sum of its Gemeinden's shares of the yearly budget (contingents). Positions are
those of decided applications. A fixed number of queries whatever the data (bench_figures).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from pik.funding import ledger, rules
from pik.funding.models import Budget, Position, Programme
from pik.funding.selectors.deadlines import DECIDED
from pik.orgs import selectors as org_selectors
from pik.orgs.models import User

ZERO = Decimal("0.00")


@dataclass
class FigureRow:
    programme: str = ""
    year: int = 0
    bezirk: str = ""
    kreis: str = ""
    budget: Decimal = ZERO
    committed: Decimal = ZERO
    paid: Decimal = ZERO
    repaid: Decimal = ZERO
    fte: Decimal = ZERO
    persons: int = 0

    @property
    def free(self) -> Decimal:
        return self.budget - self.committed

    @property
    def persons_per_position(self) -> Decimal | None:
        if not self.fte:
            return None
        return (Decimal(self.persons) / self.fte).quantize(Decimal("0.01"), ROUND_HALF_UP)

    def add(self, other: FigureRow) -> None:
        self.budget += other.budget
        self.committed += other.committed
        self.paid += other.paid
        self.repaid += other.repaid
        self.fte += other.fte
        self.persons += other.persons


@dataclass(frozen=True)
class Column:
    key: str
    label: Any
    numeric: bool = True
    money: bool = True


KEYS = {
    "programme": Column("programme", _("Programm"), numeric=False, money=False),
    "year": Column("year", _("Jahr"), money=False),
    "bezirk": Column("bezirk", _("Regierungsbezirk"), numeric=False, money=False),
    "kreis": Column("kreis", _("Kreis"), numeric=False, money=False),
}
VALUES = [
    Column("budget", _("Haushaltsansatz (EUR)")),
    Column("committed", _("gebunden (EUR)")),
    Column("paid", _("ausgezahlt (EUR)")),
    Column("repaid", _("zurückgezahlt (EUR)")),
    Column("free", _("frei (EUR)")),
    Column("fte", _("geförderte Stellen (VZÄ)"), money=False),
    Column("persons_per_position", _("Personen je Vollzeitstelle"), money=False),
]
TABLES = {
    "jahre": (_("Je Programm und Jahr"), ["programme", "year"]),
    "bezirke": (_("Je Regierungsbezirk"), ["bezirk"]),
    "kreise": (_("Je Kreis"), ["bezirk", "kreis"]),
}


@dataclass
class FigureTable:
    name: str
    title: Any
    columns: list[Column]
    rows: list[FigureRow]
    sort: str = ""

    def sorted_by(self, sort: str) -> FigureTable:
        """Sorted by any column (``-key`` descending); an unknown key keeps the given order.
        Empty values (no positions) go last either way."""
        key = sort.lstrip("-")
        if key not in {c.key for c in self.columns}:
            return self
        present = [r for r in self.rows if getattr(r, key) is not None]
        missing = [r for r in self.rows if getattr(r, key) is None]
        present.sort(key=lambda r: getattr(r, key), reverse=sort.startswith("-"))
        return FigureTable(self.name, self.title, self.columns, present + missing, sort)

    def values(self) -> list[list[Any]]:
        return [[getattr(r, c.key) for c in self.columns] for r in self.rows]


@dataclass
class Figures:
    programmes: list[Programme]
    programme: Programme | None
    years: list[int]
    year: int | None
    tables: dict[str, FigureTable] = field(default_factory=dict)


def _fte(value: Any) -> Decimal:
    return ZERO if value is None else Decimal(value).quantize(Decimal("0.01"))


def _table(name: str, rows: list[FigureRow]) -> FigureTable:
    title, keys = TABLES[name]
    return FigureTable(name, title, [KEYS[k] for k in keys] + VALUES, rows)


Staff = dict[tuple[int, int, int], tuple[Decimal, int]]


def _staff() -> Staff:
    """FTE and persons of the decided applications per (programme, year, Kreis), one query for
    both levels. Every position names one person, so persons are counted by position (a person
    in two positions of one Kreis and year counts twice; the double-funding check finds them)."""
    rows = (
        Position.objects.order_by()
        .filter(application__status__in=DECIDED)
        .values(
            "application__programme_id", "application__year", "application__applicant__kreis_id"
        )
        .annotate(fte=Sum("share"), persons=Count("id"))
    )
    return {
        (
            r["application__programme_id"],
            r["application__year"],
            r["application__applicant__kreis_id"],
        ): (Decimal(r["fte"] or 0), r["persons"])
        for r in rows
    }


def _year_rows(
    programmes: dict[int, Programme], budgets: list[Budget], staff: Staff
) -> list[FigureRow]:
    sums = ledger.sums_by("budget")
    per_year: dict[tuple[int, int], tuple[Decimal, int]] = {}
    for (programme_id, year, _kreis), (fte, persons) in staff.items():
        old = per_year.get((programme_id, year), (ZERO, 0))
        per_year[(programme_id, year)] = (old[0] + fte, old[1] + persons)
    rows = []
    for b in budgets:
        s = sums.get((b.pk,), ledger.Sums())
        fte, persons = per_year.get((b.programme_id, b.year), (ZERO, 0))
        rows.append(
            FigureRow(
                programme=programmes[b.programme_id].name,
                year=b.year,
                budget=b.total,
                committed=s.committed,
                paid=s.paid,
                repaid=s.repaid,
                fte=_fte(fte),
                persons=persons,
            )
        )
    return rows


def _kreis_rows(budget: Budget, staff: Staff) -> list[FigureRow]:
    kreise = org_selectors.kreis_index()
    shares = ledger.budget_shares_by_kreis(programme_id=budget.programme_id, year=budget.year)
    sums = ledger.sums_by("kreis", budget_id=budget.pk)
    rows = []
    for kreis_id, (_ags, name, bezirk) in kreise.items():
        s = sums.get((budget.pk, kreis_id), ledger.Sums())
        fte, persons = staff.get((budget.programme_id, budget.year, kreis_id), (ZERO, 0))
        row = FigureRow(
            year=budget.year,
            bezirk=bezirk,
            kreis=name,
            budget=shares.get(kreis_id, ZERO),
            committed=s.committed,
            paid=s.paid,
            repaid=s.repaid,
            fte=_fte(fte),
            persons=persons,
        )
        if row.budget or row.committed or row.paid or row.repaid or row.fte:
            rows.append(row)
    return sorted(rows, key=lambda r: (r.bezirk, r.kreis))


def _bezirk_rows(kreis_rows: list[FigureRow]) -> list[FigureRow]:
    bezirke: dict[str, FigureRow] = {}
    for row in kreis_rows:
        bezirke.setdefault(row.bezirk, FigureRow(year=row.year, bezirk=row.bezirk)).add(row)
    return [bezirke[name] for name in sorted(bezirke)]


def statewide_figures(
    *, user: User, programme: str = "", year: Any = None, sort: dict[str, str] | None = None
) -> Figures:
    """The figures page: every programme year, and one programme year per Bezirk and Kreis."""
    if not rules.can_see_figures(user):
        raise PermissionDenied(rules.FIGURES_RESERVED)  # the page exists for every role
    programmes = {p.pk: p for p in Programme.objects.order_by("start_date", "code")}
    budgets = sorted(Budget.objects.all(), key=lambda b: (programmes[b.programme_id].code, b.year))
    chosen = next((p for p in programmes.values() if p.code == programme), None)
    chosen = chosen or next(iter(programmes.values()), None)
    own = [b for b in budgets if chosen is not None and b.programme_id == chosen.pk]
    years = [b.year for b in own]
    try:
        wanted = int(year) if year else None
    except (TypeError, ValueError):
        wanted = None
    budget = next((b for b in own if b.year == wanted), own[-1] if own else None)
    figures = Figures(list(programmes.values()), chosen, years, budget.year if budget else None)
    staff = _staff()
    kreis_rows = _kreis_rows(budget, staff) if budget else []
    tables = {
        "jahre": _table("jahre", _year_rows(programmes, budgets, staff)),
        "bezirke": _table("bezirke", _bezirk_rows(kreis_rows)),
        "kreise": _table("kreise", kreis_rows),
    }
    sort = sort or {}
    figures.tables = {name: t.sorted_by(sort.get(name, "")) for name, t in tables.items()}
    return figures
