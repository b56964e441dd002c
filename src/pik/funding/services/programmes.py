"""Programmes: the rule versions in force and the yearly budgets."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from pik.core import audit
from pik.core.money import parse_money
from pik.core.numbers import format_money
from pik.funding import ledger, rules
from pik.funding.models import Budget, Programme, RuleVersion
from pik.orgs.models import User


@transaction.atomic
def rule_version_create(*, programme: Programme, actor: User | None, **fields: Any) -> RuleVersion:
    """A new version of the funding rules; results change from its effective date on."""
    rules.require(
        rules.may_publish_rule_version(actor),
        "Nur die Systemverwaltung darf eine Fassung der Förderrichtlinie anlegen.",
    )
    if RuleVersion.objects.filter(
        programme=programme, effective_from=fields["effective_from"]
    ).exists():
        raise ValidationError(
            {"effective_from": "Ab diesem Datum gibt es bereits eine Fassung der Förderrichtlinie."}
        )
    rule = RuleVersion(programme=programme, **fields)
    rule.full_clean()
    rule.save()
    audit.record(actor=actor, action="rule_version.create", target=rule, name=rule.name)
    return rule


@transaction.atomic
def budget_set_total(*, budget: Budget, total: Any, actor: User) -> Budget:
    """The ministry changes a yearly budget; never below what is already committed."""
    rules.require(
        rules.may_set_budget(actor), "Nur das Ministerium darf einen Haushaltsansatz ändern."
    )
    total = parse_money(total, "total")
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    committed = ledger.balances(budget).committed
    if total < committed:
        raise ValidationError(
            {
                "total": "Der Ansatz kann nicht unter die gebundenen Mittel "
                f"({format_money(committed, language='de')}) sinken."
            }
        )
    old = budget.total
    budget.total = total
    budget.save(update_fields=["total", "updated_at"])
    audit.record(actor=actor, action="budget.set_total", target=budget, old=old, new=total)
    return budget
