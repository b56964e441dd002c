"""Contingents per Gemeinde and the applicants they are pooled into."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet, Sum
from django.http import Http404

from pik.core.scoping import visible
from pik.funding import rules
from pik.funding.models import Applicant, Contingent, Programme
from pik.orgs.models import Gemeinde, User


def contingent_years(*, programme: Programme) -> list[int]:
    """The funding years with contingents read in, newest first."""
    return list(
        Contingent.objects.filter(programme=programme)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


#: The contingent table's sortable columns (``pik.core.sorting``): key → fields.
CONTINGENT_SORT_COLUMNS = {
    "ags": ("gemeinde__ags",),
    "gemeinde": ("gemeinde__name",),
    "personen": ("persons",),
    "kontingent": ("amount",),
    "anteil": ("budget_share",),
}
CONTINGENT_SORT_DEFAULT = "ags"


def contingent_list(
    *,
    user: User,
    programme: Programme,
    year: int | None = None,
    order: Sequence[str] = ("gemeinde__ags",),
) -> QuerySet[Contingent]:
    """The contingents of one funding year (default: the newest read in); ``order`` from
    ``CONTINGENT_SORT_COLUMNS``."""
    if not rules.can_see_applications(user):
        raise PermissionDenied(rules.APPLICATIONS_RESERVED)
    if year is None:
        years = contingent_years(programme=programme)
        year = years[0] if years else 0
    return (
        visible(Contingent.objects.filter(programme=programme, year=year), user)
        .select_related("gemeinde", "gemeinde__kreis", "rule_version")
        .order_by(*order)
    )


def contingent_summary(
    *,
    user: User,
    programme: Programme,
    year: int | None = None,
    order: Sequence[str] = ("gemeinde__ags",),
) -> dict[str, Any]:
    years = contingent_years(programme=programme)
    if year not in years:
        year = years[0] if years else None
    rows = contingent_list(user=user, programme=programme, year=year, order=order)
    first = rows.first()
    rule = first.rule_version if first is not None else None
    minimum = rule.min_contingent if rule else Decimal("0.00")
    pooled = set(
        Applicant.objects.filter(programme=programme, bound_at__isnull=False).values_list(
            "members", flat=True
        )
    )
    return {
        "rows": rows,
        "year": year,
        "years": years,
        "rule": rule,
        "minimum": minimum,
        "pooled": pooled,
        "total": rows.aggregate(s=Sum("amount"))["s"] or Decimal("0.00"),
        "below": rows.filter(amount__lt=minimum).count(),
    }


def applicant_list(*, user: User, programme: Programme) -> QuerySet[Applicant]:
    if not rules.can_see_applications(user):
        raise Http404
    return (
        visible(Applicant.objects.filter(programme=programme), user)
        .select_related("kreis", "gemeinde")
        .prefetch_related("members")
        .order_by("name")
    )


def applicants_for(*, user: User, programme: Programme) -> QuerySet[Applicant]:
    """Applicants this user may apply for in the programme (``rules.is_applicant_for``)."""
    return Applicant.objects.filter(
        rules.applicant_q(user), programme=programme, bound_at__isnull=False
    ).select_related("kreis", "gemeinde")


def member_contingents(
    *, programme: Programme, gemeinden: Iterable[Gemeinde], year: int | None = None
) -> dict[int, Decimal]:
    """Gemeinde id → its contingent for funding year ``year``: the one read in for that year, else
    the latest read in for an earlier year (the 2017 figures served 2018 too); ``year`` None: the
    latest read in."""
    qs = Contingent.objects.filter(programme=programme, gemeinde__in=list(gemeinden))
    if year is not None:
        qs = qs.filter(year__lte=year)
    result: dict[int, Decimal] = {}
    for gemeinde_id, amount in qs.order_by("gemeinde_id", "-year").values_list(
        "gemeinde_id", "amount"
    ):
        result.setdefault(gemeinde_id, amount)
    return result


def applicant_contingent(*, applicant: Applicant, year: int | None = None) -> Decimal:
    """The sum of the contingents of the applicant's Gemeinden for the funding year (the cap of
    its application of that year); a pooling still proposed has none."""
    if not applicant.is_bound:
        return Decimal("0.00")
    amounts = member_contingents(
        programme=applicant.programme, gemeinden=applicant.members.all(), year=year
    )
    return sum(amounts.values(), Decimal("0.00"))
