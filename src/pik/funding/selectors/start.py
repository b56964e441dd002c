"""The funding parts of the start page: what waits for the user, soonest deadline first; the
ministry's budgets per programme and year as a chart with its table; a Träger's positions and
the money passed on to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from pik.core.charts import Chart, Series
from pik.core.scoping import grants_for, visible
from pik.funding import ledger, rules
from pik.funding.models import Application, Position
from pik.funding.selectors.applications import inbox
from pik.funding.selectors.programmes import budget_overview
from pik.orgs.models import User

#: Applications whose positions pass money on to their Träger.
PASSING_ON = (Application.Status.APPROVED, Application.Status.NOTICE_ISSUED)


@dataclass(frozen=True)
class Waiting:
    application: Application
    overdue: bool


def inbox_by_deadline(*, user: User, limit: int = 20, on: dt.date | None = None) -> list[Waiting]:
    """What waits for the user, overdue first, then by deadline; without a deadline last."""
    on = on or timezone.localdate()
    rows = inbox(user=user).order_by(F("due_date").asc(nulls_last=True), "-updated_at", "-pk")
    return [Waiting(a, bool(a.due_date and a.due_date < on)) for a in rows[:limit]]


def budget_charts(*, user: User) -> list[Chart]:
    """For the ministry: budget, committed, paid and free per year, one chart per programme
    (each rendered with its table)."""
    if not rules.can_edit_budgets(user):
        return []
    charts = []
    rows = budget_overview(user=user)
    for _code, group in groupby(rows, key=lambda r: r.budget.programme.code):
        years = list(group)
        charts.append(
            Chart(
                title=years[0].budget.programme.name,
                categories=[str(r.budget.year) for r in years],
                series=[
                    Series(_("Ansatz"), [r.budget.total for r in years]),
                    Series(_("gebunden"), [r.committed for r in years]),
                    Series(_("ausgezahlt"), [r.paid for r in years]),
                    Series(_("frei"), [r.free for r in years]),
                ],
                unit="money",
                category_label=_("Jahr"),
                description=_("Haushaltsansatz, gebundene, ausgezahlte und freie Mittel je Jahr"),
            )
        )
    return charts


@dataclass(frozen=True)
class ProviderPositions:
    positions: list[Position]
    passed_on: Decimal  # approved, to be passed on to the Träger


def provider_positions(*, user: User) -> ProviderPositions | None:
    """For a Träger's administration: its positions in submitted applications, newest year
    first, and what the approved ones pass on to it; ``None`` for everybody else."""
    providers = sorted(grants_for(user).funding_providers)
    if not providers:
        return None
    positions: QuerySet[Position] = (
        visible(Position.objects.all(), user)
        .filter(provider_id__in=providers)
        .exclude(application__status=Application.Status.DRAFT)
        .select_related("application", "application__programme", "application__applicant")
        .order_by("-application__year", "application__applicant__name", "pk")
    )
    approved = positions.filter(application__status__in=PASSING_ON).select_related(None)
    return ProviderPositions(list(positions[:200]), ledger.passed_on(approved))
