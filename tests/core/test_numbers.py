"""The one number parser and formatter: German notation in, exact Decimal out, never a guess."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from pik.core.fields import AmountField, DecimalInputField
from pik.core.money import parse_money
from pik.core.numbers import format_money, format_number, parse_number

AMOUNTS = st.integers(min_value=0, max_value=10**14).map(lambda cents: Decimal(cents).scaleb(-2))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("58.000", "58000.00"),
        ("58.000,00", "58000.00"),
        ("58000", "58000.00"),
        ("58000,5", "58000.50"),
        ("60.000.000,00", "60000000.00"),
        ("150.000,00", "150000.00"),
        (" 0,75 ", "0.75"),
    ],
)
def test_german_notation_is_read_as_a_german_reader_means_it(text: str, value: str) -> None:
    assert parse_number(text, language="de") == Decimal(value)


@pytest.mark.parametrize(
    "text",
    [
        "58.00",
        "5.80.0",
        "1,2,3",
        "58,123",
        "58.000,001",
        "1e5",
        "58,",
        ",5",
        "+5",
        "-5",
        "",
        "5 8",
        "abc",
    ],
)
def test_ambiguous_or_malformed_input_is_refused_with_the_format(text: str) -> None:
    with pytest.raises(ValidationError, match="im Format 58.000,00"):
        parse_number(text, language="de")


def test_english_notation_in_the_english_ui() -> None:
    assert parse_number("58,000.00", language="en") == Decimal("58000.00")
    with pytest.raises(ValidationError, match="58,000.00"):
        parse_number("58.000", language="en")  # three decimals: not an English amount


def test_output_has_exactly_two_places_in_both_languages() -> None:
    assert format_money(Decimal("58000"), language="de") == "58.000,00\xa0€"
    assert format_money(Decimal("12972919.68"), language="de") == "12.972.919,68\xa0€"
    assert format_money(Decimal("58000"), language="en") == "€58,000.00"
    assert format_number(Decimal("160808.160000000"), 2, language="de") == "160.808,16"
    assert format_number(Decimal("0.75"), 2, language="de") == "0,75"


@given(AMOUNTS, st.sampled_from(["de", "en"]))
def test_format_then_parse_round_trips_every_amount(amount: Decimal, language: str) -> None:
    assert parse_number(format_number(amount, 2, language=language), language=language) == amount


@given(
    st.integers(min_value=0, max_value=10**12),
    st.one_of(st.none(), st.integers(min_value=0, max_value=99)),
    st.booleans(),
    st.sampled_from([1, 2]),
)
def test_no_german_string_parses_to_another_value(
    euros: int, cents: int | None, grouped: bool, digits: int
) -> None:
    """Write the number as a German would (with or without thousands points, one or two
    decimals or none) and compare with the value meant: equal, never different."""
    whole = f"{euros:,}".replace(",", ".") if grouped else str(euros)
    meant = Decimal(euros)
    text = whole
    if cents is not None:
        fraction = f"{cents:02d}"[:digits]
        text = f"{whole},{fraction}"
        meant += Decimal(fraction).scaleb(-len(fraction))
    assert parse_number(text, language="de") == meant


@given(st.text(alphabet="0123456789.,", min_size=1, max_size=12))
def test_any_string_either_refused_or_read_as_meant(text: str) -> None:
    """Whatever a person types of digits, points and commas: refused, or the German value."""
    try:
        value = parse_number(text, language="de")
    except ValidationError:
        return
    whole, _, fraction = text.partition(",")
    groups = whole.split(".")
    assert all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= (
        3 if len(groups) > 1 else 99
    )
    assert len(fraction) <= 2
    assert value == Decimal(whole.replace(".", "") + "." + (fraction or "0"))


def test_parse_money_for_services_uses_the_same_parser() -> None:
    assert parse_money("58.000") == Decimal("58000.00")
    assert parse_money(Decimal("58.00")) == Decimal("58.00")
    with pytest.raises(ValidationError, match="im Format 58.000,00"):
        parse_money("58.00")


def test_amount_field_reads_refuses_and_prefills_german() -> None:
    field = AmountField()
    assert field.clean("58.000") == Decimal("58000.00")
    with pytest.raises(ValidationError, match="im Format 58.000,00"):
        field.clean("58.00")
    assert field.widget.format_value(Decimal("179000.00")) == "179.000,00"


def test_share_field_has_its_own_places_and_example() -> None:
    field = DecimalInputField(places=2)
    assert field.clean("0,75") == Decimal("0.75")
    with pytest.raises(ValidationError, match="im Format 0,75"):
        field.clean("0,755")
