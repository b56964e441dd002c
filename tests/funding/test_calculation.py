"""Amounts from the rule version: contingents, positions, the split per calendar year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pik.funding import calculation, selectors


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


def test_amounts_per_year_split_exactly(draft) -> None:
    per_year = calculation.amounts_per_year(list(draft.positions.all()))
    assert set(per_year) == {2020, 2021, 2022}
    assert sum(per_year.values()) == Decimal("179000.00")
    # Sara Nouri: 10 months of 2020 at 64,000/12 = 53,333.33 (+ Jan Keller 6 of 24 months)
    assert per_year[2020] == Decimal("53333.33") + Decimal("12750.00")
