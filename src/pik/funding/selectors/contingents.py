"""Contingents per Gemeinde and the applicants they are pooled into."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet, Sum
from django.http import Http404

from pik.core.scoping import visible
from pik.funding import rules
from pik.funding.models import Applicant, Contingent, Programme
from pik.orgs.models import User


def contingent_list(*, user: User, programme: Programme) -> QuerySet[Contingent]:
    if not rules.can_see_applications(user):
        raise PermissionDenied(rules.APPLICATIONS_RESERVED)
    return (
        visible(Contingent.objects.filter(programme=programme), user)
        .select_related("gemeinde", "gemeinde__kreis", "rule_version")
        .order_by("gemeinde__ags")
    )


def contingent_summary(*, user: User, programme: Programme) -> dict[str, Any]:
    rows = contingent_list(user=user, programme=programme)
    first = rows.first()
    rule = first.rule_version if first is not None else None
    minimum = rule.min_contingent if rule else Decimal("0.00")
    pooled = set(Applicant.objects.filter(programme=programme).values_list("members", flat=True))
    return {
        "rows": rows,
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
    return Applicant.objects.filter(rules.applicant_q(user), programme=programme).select_related(
        "kreis", "gemeinde"
    )


def applicant_contingent(*, applicant: Applicant) -> Decimal:
    """The sum of the contingents of the applicant's Gemeinden (the cap of its applications)."""
    total = Contingent.objects.filter(
        programme=applicant.programme, gemeinde__in=applicant.members.all()
    ).aggregate(s=Sum("amount"))["s"]
    return total or Decimal("0.00")
