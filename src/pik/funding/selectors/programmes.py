"""Programmes, the rule versions in force, and the yearly budgets with their balances."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from pik.core.scoping import get_visible_or_404
from pik.funding import ledger, rules
from pik.funding.models import Budget, Programme, RuleVersion
from pik.orgs.models import User


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.all()


def programme_get(*, code: str) -> Programme:
    try:
        return Programme.objects.get(code=code)
    except Programme.DoesNotExist as exc:
        raise Http404 from exc


def rule_version_for(*, programme: Programme, on: dt.date) -> RuleVersion:
    """The rule version in force on ``on`` (the latest that started on or before it)."""
    rule = (
        RuleVersion.objects.filter(programme=programme, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
    if rule is None:
        raise ValidationError(
            f"Für {programme} gilt am {on:%d.%m.%Y} noch keine Fassung der Förderrichtlinie."
        )
    return rule


def contingent_rule_version(*, programme: Programme, year: int) -> RuleVersion | None:
    """The rule version contingents of funding year ``year`` are computed by: the one in force in
    that year (at its end, as for applications), if it has a reference date and a rate."""
    try:
        rule = rule_version_for(programme=programme, on=dt.date(year, 12, 31))
    except ValidationError:
        return None
    if rule.reference_date is None or rule.rate_per_person is None:
        return None
    return rule


@dataclass
class BudgetRow:
    budget: Budget
    committed: Decimal
    paid: Decimal

    @property
    def free(self) -> Decimal:
        return self.budget.total - self.committed


def budget_overview(*, user: User) -> list[BudgetRow]:
    """Total, committed, paid and free per programme and year (the ledger sums them at once)."""
    if not rules.can_see_budgets(user):
        raise PermissionDenied(rules.BUDGETS_RESERVED)  # the page exists for every role
    budgets = list(Budget.objects.select_related("programme").order_by("programme__code", "year"))
    sums = ledger.balances_of(budgets)
    return [BudgetRow(b, sums[b.pk].committed, sums[b.pk].paid) for b in budgets]


def budget_for(*, programme: Programme, year: Any) -> Budget:
    """The budget of a programme and year, or a German ValidationError."""
    try:
        return Budget.objects.get(programme=programme, year=int(year))
    except (ValueError, TypeError, Budget.DoesNotExist) as exc:
        raise ValidationError(f"Für „{year}“ gibt es keinen Haushaltsansatz.") from exc


def budget_get(*, user: User, pk: int) -> Budget:
    """The budget for its edit page: only the ministry opens it (403 for everybody else:
    budgets are statewide, their existence is no secret)."""
    if not rules.can_edit_budgets(user):
        raise PermissionDenied(rules.BUDGET_EDIT_RESERVED)
    return get_visible_or_404(Budget.objects.select_related("programme"), user, pk=pk)


@dataclass
class PublicProgramme:
    """A programme as the public portal shows it: yearly budgets and the rules in force."""

    programme: Programme
    budgets: list[Budget]
    rule: RuleVersion | None  # the version in force today (or the first one, if none yet)

    @property
    def budget_total(self) -> Decimal:
        return sum((b.total for b in self.budgets), Decimal("0.00"))


def _public(programme: Programme, today: dt.date) -> PublicProgramme:
    rules_ = list(programme.rule_versions.order_by("-effective_from"))
    in_force = [r for r in rules_ if r.effective_from <= today]
    rule = in_force[0] if in_force else (rules_[-1] if rules_ else None)
    return PublicProgramme(programme, list(programme.budgets.order_by("year")), rule)


def public_programmes(*, today: dt.date | None = None) -> list[PublicProgramme]:
    """Every programme with its yearly budgets and current rule version (public data)."""
    on = today or timezone.localdate()
    return [_public(p, on) for p in Programme.objects.all()]


def public_data_stamp() -> str:
    """Changes whenever the public programme data change (programmes, budgets, rule versions):
    the portal keys its cached pages by it, so a changed budget shows at once."""
    stamps = [
        Programme.objects.aggregate(n=Count("pk"), at=Max("updated_at")),
        Budget.objects.aggregate(n=Count("pk"), at=Max("updated_at"), total=Sum("total")),
        RuleVersion.objects.aggregate(n=Count("pk"), at=Max("updated_at")),
    ]
    return "|".join(":".join(str(v) for v in stamp.values()) for stamp in stamps)


def upcoming_rule_versions(*, programme: Programme, today: dt.date) -> list[RuleVersion]:
    """Rule versions of ``programme`` that come into force after ``today`` (public data)."""
    return list(programme.rule_versions.filter(effective_from__gt=today).order_by("effective_from"))


def public_programme(*, code: str, today: dt.date | None = None) -> PublicProgramme:
    """One programme for its public page, or 404."""
    return _public(programme_get(code=code), today or timezone.localdate())
