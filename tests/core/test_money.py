from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pik.core.money import allocate, round_money, to_cents


def test_parts_sum_to_total_and_remainder_goes_to_largest_fractions() -> None:
    parts = allocate(Decimal("100.00"), {"a": 1, "b": 1, "c": 1})
    assert parts == {"a": Decimal("33.34"), "b": Decimal("33.33"), "c": Decimal("33.33")}
    assert sum(parts.values()) == Decimal("100.00")


def test_ties_are_broken_by_key_not_by_insertion_order() -> None:
    forward = allocate(Decimal("0.02"), {"b": 1, "a": 1, "c": 1})
    assert forward == {"a": Decimal("0.01"), "b": Decimal("0.01"), "c": Decimal("0.00")}
    numeric = allocate(Decimal("0.01"), {10: 1, 9: 1})
    assert numeric == {9: Decimal("0.01"), 10: Decimal("0.00")}


def test_decimal_weights_keep_exact_ratios() -> None:
    parts = allocate(Decimal("1000.00"), {"x": Decimal("0.25"), "y": Decimal("0.75")})
    assert parts == {"x": Decimal("250.00"), "y": Decimal("750.00")}


def test_zero_weight_gets_nothing() -> None:
    parts = allocate(Decimal("10.00"), {"x": 0, "y": 3})
    assert parts == {"x": Decimal("0.00"), "y": Decimal("10.00")}


@pytest.mark.parametrize(
    ("total", "weights", "message"),
    [
        (Decimal("10.00"), {"a": -1, "b": 2}, "negativ"),
        (Decimal("10.00"), {"a": 0, "b": 0}, "Alle Gewichte sind null"),
        (Decimal("10.001"), {"a": 1}, "Bruchteile eines Cents"),
        (Decimal("10.00"), {}, "keine Gewichte"),
        (Decimal("-1.00"), {"a": 1}, "nicht negativ"),
        ("abc", {"a": 1}, "kein gültiger Geldbetrag"),
    ],
)
def test_bad_input_raises_clear_value_error(total: object, weights: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        allocate(total, weights)  # type: ignore[arg-type]


def test_float_weights_are_refused() -> None:
    with pytest.raises(TypeError, match="keine Gleitkommazahl"):
        allocate(Decimal("1.00"), {"a": 0.5})  # type: ignore[dict-item]


def test_round_money_and_to_cents() -> None:
    assert round_money(Decimal("132149.28")) == Decimal("132149.28")
    assert round_money(Decimal("0.005")) == Decimal("0.01")
    assert to_cents(Decimal("12.30")) == 1230


cents = st.integers(min_value=0, max_value=10**12).map(lambda c: Decimal(c) / 100)
weight_lists = st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=60).filter(
    lambda ws: sum(ws) > 0
)


@given(total=cents, weights=weight_lists)
def test_property_parts_always_sum_exactly_to_total(total: Decimal, weights: list[int]) -> None:
    parts = allocate(total, dict(enumerate(weights)))
    assert sum(parts.values()) == total
    assert all(p >= 0 and p == p.quantize(Decimal("0.01")) for p in parts.values())


@given(total=cents, weights=weight_lists)
def test_property_larger_weight_never_gets_less(total: Decimal, weights: list[int]) -> None:
    parts = allocate(total, dict(enumerate(weights)))
    ordered = sorted(range(len(weights)), key=lambda i: weights[i])
    for lower, higher in pairwise(ordered):
        if weights[higher] > weights[lower]:
            assert parts[higher] >= parts[lower]


@given(total=cents, weights=weight_lists)
def test_property_each_part_within_one_cent_of_exact_share(
    total: Decimal, weights: list[int]
) -> None:
    parts = allocate(total, dict(enumerate(weights)))
    weight_sum = sum(weights)
    for i, w in enumerate(weights):
        exact = total * w / weight_sum
        assert abs(parts[i] - exact) < Decimal("0.01")


def test_ties_at_the_cut_go_to_the_smallest_keys() -> None:
    parts = allocate(Decimal("0.05"), dict.fromkeys("jihgfedcba", 1))
    assert [k for k, v in sorted(parts.items()) if v == Decimal("0.01")] == list("abcde")
