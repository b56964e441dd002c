"""Numbers as people type and read them: ONE parser and ONE formatter for amounts and decimals.

Built on Babel (CLDR data): ``parse_decimal(..., strict=True)`` refuses misplaced grouping
(``58.00``, ``5.80.0`` in German). Babel is lenient where money must not be, so this module
adds: no exponent, no sign (unless allowed), no separator at either end, and never more
decimal places than the field has (``58,123`` is a typing error, not 58,12). Every refusal is a
German ``ValidationError`` that shows the expected format; nothing is silently reinterpreted.

Input and output follow the active language (German: ``58.000,00``; English: ``58,000.00``);
services that receive text use German, the language of the procedures (``parse_money``).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, format_currency, format_decimal, parse_decimal
from django.core.exceptions import ValidationError
from django.utils import translation

BABEL_LOCALES = {"de": "de_DE", "en": "en"}
CURRENCY = "EUR"


def babel_locale(language: str | None = None) -> str:
    """Babel locale for a Django language code (German when none is active)."""
    code = (language or translation.get_language() or "de").split("-")[0].lower()
    return BABEL_LOCALES.get(code, "de_DE")


def example(places: int, *, language: str | None = None, large: bool = True) -> str:
    """The format hint shown with a refusal: ``58.000,00`` (amount) or ``0,75`` (share)."""
    sample = Decimal("58000") if large else Decimal("0.75")
    return format_number(sample, places, language=language)


def _refuse(text: str, places: int, language: str | None, large: bool) -> ValidationError:
    hint = example(places, language=language, large=large)
    if large:
        message = translation.gettext(
            "„%(value)s“ ist kein gültiger Betrag. Bitte geben Sie den Betrag im Format "
            "%(hint)s ein."
        )
    else:
        message = translation.gettext(
            "„%(value)s“ ist keine gültige Zahl. Bitte geben Sie die Zahl im Format %(hint)s ein."
        )
    return ValidationError(message % {"value": text, "hint": hint}, code="invalid_number")


def parse_number(
    text: object,
    *,
    places: int = 2,
    language: str | None = None,
    allow_negative: bool = False,
    large: bool = True,
) -> Decimal:
    """Text typed by a person → ``Decimal`` quantized to ``places``; German ``ValidationError``.

    ``large`` only chooses the example in the message (``58.000,00`` or ``0,75``).
    """
    raw = str(text).strip()
    locale = babel_locale(language)
    group, decimal = (".", ",") if locale.startswith("de") else (",", ".")
    body = raw[1:] if allow_negative and raw.startswith("-") else raw
    allowed = set("0123456789") | {group, decimal}
    if not body or not set(body) <= allowed or not body[0].isdigit() or not body[-1].isdigit():
        raise _refuse(raw, places, language, large)
    try:
        value = parse_decimal(raw, locale=locale, strict=True)
    except (NumberFormatError, InvalidOperation, ValueError) as exc:
        raise _refuse(raw, places, language, large) from exc
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or -exponent > places:
        raise _refuse(raw, places, language, large)
    return value.quantize(Decimal(1).scaleb(-places))


def format_number(
    value: Decimal | int | None, places: int = 2, *, language: str | None = None
) -> str:
    """``Decimal('160808.16')`` → ``160.808,16`` (exactly ``places`` decimals; '' for None)."""
    if value is None or value == "":
        return ""
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(
        Decimal(value), format=pattern, locale=babel_locale(language), decimal_quantization=True
    )


def format_money(value: Decimal | int | None, *, language: str | None = None) -> str:
    """``Decimal('58000')`` → ``58.000,00 €`` (German) or ``€58,000.00`` (English)."""
    if value is None or value == "":
        return ""
    return format_currency(Decimal(value), CURRENCY, locale=babel_locale(language))


def money_de(value: Decimal | int | None) -> str:
    """Money in a service's German message (services answer in German whatever the UI)."""
    return format_money(value, language="de")


def to_decimal(value: object, *, places: int = 2, language: str | None = None) -> Decimal:
    """A value that may already be a number (``Decimal``/``int``) or text typed by a person."""
    if isinstance(value, bool | float):
        raise TypeError("Beträge sind Decimal oder Text, keine Gleitkommazahl.")
    if isinstance(value, Decimal | int):
        number = Decimal(value)
        if not number.is_finite():
            raise _refuse(str(value), places, language, True)
        return number
    return parse_number(value, places=places, language=language)
