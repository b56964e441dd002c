"""Form fields for numbers people type: ONE amount field and ONE decimal field for every form.

They read with ``pik.core.numbers.parse_number`` (German ``58.000,00``, English ``58,000.00``,
following the active language), refuse ambiguity with the format hint, and prefill with
exactly the field's places (``179.000,00``, never ``179000.00``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pik.core.numbers import example, format_number, parse_number


class NumberInput(forms.TextInput):
    """A text box (not ``type=number``, which refuses German commas) with a numeric keyboard."""

    def __init__(self, places: int = 2, attrs: dict[str, Any] | None = None):
        self.places = places
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return format_number(value, self.places)
        return super().format_value(value)


class DecimalInputField(forms.Field):
    """A decimal with a fixed number of places (FTE share ``0,75``: ``places=2``, small)."""

    widget = NumberInput
    large = False

    def __init__(
        self,
        *,
        places: int = 2,
        min_value: Decimal | None = None,
        max_value: Decimal | None = None,
        allow_negative: bool = False,
        **kwargs: Any,
    ):
        self.places = places
        self.min_value = min_value
        self.max_value = max_value
        self.allow_negative = allow_negative
        kwargs.setdefault("widget", NumberInput(places))
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs["placeholder"] = example(self.places, large=self.large)
        return attrs

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return Decimal(value)
        return parse_number(
            value, places=self.places, allow_negative=self.allow_negative, large=self.large
        )

    def validate(self, value: Decimal | None) -> None:
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(
                _("Der Wert muss mindestens %(limit)s sein.")
                % {"limit": format_number(self.min_value, self.places)},
                code="min_value",
            )
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                _("Der Wert darf höchstens %(limit)s sein.")
                % {"limit": format_number(self.max_value, self.places)},
                code="max_value",
            )


class AmountField(DecimalInputField):
    """Money in euros, two places, not negative: ``58.000``, ``58.000,00``, ``58000,5``."""

    large = True

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("max_value", Decimal("999999999999.99"))
        super().__init__(places=2, **kwargs)
