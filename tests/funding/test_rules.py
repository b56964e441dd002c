"""Every rule of the rule version, and a new rule version changing results from its date on."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pik.core.money import parse_money
from pik.funding import calculation, selectors, services
from pik.funding.models import Contingent, RuleVersion
from tests.funding.conftest import PERSONS


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


def test_contingent_is_persons_times_rate(im) -> None:
    rule = selectors.rule_version_for(programme=im, on=dt.date(2018, 1, 1))
    assert calculation.contingent_amount(rule, 166) == Decimal("132149.28")  # Tettnang
    assert calculation.contingent_amount(rule, 668) == Decimal("531781.44")  # Mannheim


def test_position_amount_is_fixed_amount_times_share_and_months(im) -> None:
    rule = selectors.rule_version_for(programme=im, on=dt.date(2020, 6, 1))
    assert calculation.position_amount(
        rule, qualification="university", share=Decimal("1.00"), months=24
    ) == Decimal("128000.00")
    assert calculation.position_amount(
        rule, qualification="intermediate", share=Decimal("0.50"), months=24
    ) == Decimal("51000.00")
    assert calculation.position_amount(
        rule, qualification="intermediate", share=Decimal("0.25"), months=7
    ) == Decimal("7437.50")


def test_requested_amount_is_capped_at_the_contingent(draft, actors) -> None:
    contingent = Decimal(PERSONS["08115003"]) * Decimal("796.08")
    assert draft.contingent == contingent == Decimal("238824.00")
    assert draft.requested_amount == Decimal("179000.00")  # below the contingent: as computed
    services.position_add(
        application=draft,
        person_name="Mira Hoffmann",
        qualification="university",
        share=Decimal("1.00"),
        start_date=dt.date(2020, 9, 1),
        months=24,
        actor=actors["gemeinde_a"],
    )
    draft.refresh_from_db()
    assert sum(p.amount for p in draft.positions.all()) == Decimal("307000.00")
    assert draft.requested_amount == contingent


def test_amounts_per_year_split_exactly(draft) -> None:
    per_year = calculation.amounts_per_year(list(draft.positions.all()))
    assert set(per_year) == {2020, 2021, 2022}
    assert sum(per_year.values()) == Decimal("179000.00")
    # Sara Nouri: 10 months of 2020 at 64,000/12 = 53,333.33 (+ Jan Keller 6 of 24 months)
    assert per_year[2020] == Decimal("53333.33") + Decimal("12750.00")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("share", Decimal("0.24"), "Stellenanteil"),
        ("share", Decimal("1.50"), "Stellenanteil"),
        ("months", 25, "Förderdauer"),
        ("start_date", dt.date(2017, 1, 1), "vor dem Start des Programms"),
        ("person_name", " ", "namentlich"),
    ],
)
def test_bad_positions_are_rejected_and_nothing_changes(
    im, applicant_a, actors, field, value, message
) -> None:
    application = services.application_create(
        programme=im, applicant=applicant_a, year=2019, actor=actors["gemeinde_a"]
    )
    values = {
        "person_name": "Sara Nouri",
        "qualification": "university",
        "share": Decimal("1.00"),
        "start_date": dt.date(2019, 3, 1),
        "months": 24,
    }
    values[field] = value
    with pytest.raises(ValidationError, match=message):
        services.position_add(application=application, actor=actors["gemeinde_a"], **values)
    application.refresh_from_db()
    assert application.positions.count() == 0 and application.requested_amount == 0


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
    with pytest.raises(ValidationError, match="höchstens zwei Nachkommastellen"):
        parse_money("100.005")
    assert parse_money("100.50") == Decimal("100.50")


def test_contingents_record_the_rule_version_used(contingents, im) -> None:
    contingent = Contingent.objects.get(gemeinde__ags="08115003")
    assert contingent.rule_version.name == "Änderung der VwV vom 11. November 2020"
    assert contingent.amount == Decimal("238824.00")
