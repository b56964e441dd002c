"""The ONE output filter for numbers (a template builtin, no ``{% load %}`` needed).

``{{ amount|money }}`` → ``58.000,00 €`` (English UI: ``€58,000.00``);
``{{ share|number:2 }}`` → ``0,75``; ``{{ persons|number:0 }}`` → ``1.234``.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from pik.core.numbers import format_money, format_number

register = template.Library()


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, float):
        value = str(value)
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


@register.filter
def money(value: Any) -> Any:
    number = _decimal(value)
    return value if number is None else format_money(number)


@register.filter
def number(value: Any, places: Any = 2) -> Any:
    parsed = _decimal(value)
    return value if parsed is None else format_number(parsed, int(places))
