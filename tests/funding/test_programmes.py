"""Programmes: the rule versions in force (a new one changes results from its date) and budgets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pik.core.money import parse_money
from pik.core.roles import Role
from pik.funding import selectors, services
from pik.funding.models import (
    Budget,
    RuleVersion,
)
from tests.funding.factories import step, to_proposed


def test_rule_versions_hold_the_published_figures(im) -> None:
    v2017 = selectors.rule_version_for(programme=im, on=dt.date(2019, 12, 31))
    v2020 = selectors.rule_version_for(programme=im, on=dt.date(2020, 1, 1))
    assert v2017.rate_per_person == Decimal("796.08") and v2017.rate_is_derived
    assert v2017.reference_date == dt.date(2017, 9, 15)
    assert v2017.min_contingent == Decimal("51000.00")
    assert v2017.amount_intermediate == Decimal("51000.00")
    assert v2017.amount_university == Decimal("64000.00") and v2017.university_is_derived
    assert v2017.min_position_share == Decimal("0.25")
    assert v2017.standard_months == 24 and v2017.max_total_months == 24
    assert v2020.max_total_months == 60 and v2020.effective_from == dt.date(2020, 1, 1)
    assert (v2017.counselling_max_years, v2017.counselling_max_years_justified) == (3, 4)


def test_new_rule_version_changes_results_from_its_effective_date(im, applicant_a, actors) -> None:
    position = {
        "person_name": "Sara Nouri",
        "qualification": "university",
        "share": Decimal("1.00"),
        "months": 36,
    }
    app2019 = services.application_create(
        programme=im, applicant=applicant_a, year=2019, actor=actors["gemeinde_a"]
    )
    with pytest.raises(ValidationError, match="zwischen 1 und 24 Monaten"):
        services.position_add(
            application=app2019,
            start_date=dt.date(2019, 3, 1),
            actor=actors["gemeinde_a"],
            **position,
        )
    app2020 = services.application_create(
        programme=im, applicant=applicant_a, year=2020, actor=actors["gemeinde_a"]
    )
    services.position_add(
        application=app2020,
        start_date=dt.date(2020, 3, 1),
        actor=actors["gemeinde_a"],
        **position,
    )
    assert app2020.rule_version.name.startswith("Änderung")
    # A data change alone: a 2025 rule with a higher fixed amount applies to 2025 applications.
    base = selectors.rule_version_for(programme=im, on=dt.date(2024, 1, 1))
    fields = {
        f.name: getattr(base, f.name)
        for f in RuleVersion._meta.concrete_fields
        if f.name not in ("id", "programme", "created_at", "updated_at", "name", "effective_from")
    }
    fields["amount_university"] = Decimal("70000.00")
    services.rule_version_create(
        programme=im,
        name="VwV 2025 (Test)",
        effective_from=dt.date(2025, 1, 1),
        actor=None,
        **fields,
    )
    app2025 = services.application_create(
        programme=im, applicant=applicant_a, year=2025, actor=actors["gemeinde_a"]
    )
    p = services.position_add(
        application=app2025, start_date=dt.date(2025, 1, 1), actor=actors["gemeinde_a"], **position
    )
    assert app2025.rule_version.name == "VwV 2025 (Test)"
    assert p.amount == Decimal("210000.00")


def test_amount_with_more_than_two_decimals_is_rejected() -> None:
    with pytest.raises(ValidationError, match="im Format 58.000,00"):
        parse_money("100,005")
    assert parse_money("100,50") == Decimal("100.50")


def test_ministry_cannot_lower_a_budget_below_commitments(draft, actors, member) -> None:

    to_proposed(draft, actors)
    step(draft, "approve", actors["head"])
    budget = Budget.objects.get(programme=draft.programme, year=2020)
    ministry = member(Role.MINISTRY)
    with pytest.raises(ValidationError, match="nicht unter die gebundenen Mittel"):
        services.budget_set_total(budget=budget, total="1,00", actor=ministry)
    services.budget_set_total(budget=budget, total="71.000.000,00", actor=ministry)
    budget.refresh_from_db()
    assert budget.total == Decimal("71000000.00")
