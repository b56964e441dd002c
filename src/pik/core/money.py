"""Exact money. Amounts are ``Decimal`` with two places; splits never lose or invent a cent."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TypeVar

from django.core.exceptions import ValidationError

from pik.core.numbers import to_decimal

CENT = Decimal("0.01")
K = TypeVar("K", bound=Hashable)
Weight = int | Decimal


def to_cents(amount: Decimal | int | str) -> int:
    """Whole cents of an amount; ``ValueError`` if it has fractions of a cent."""
    try:
        value = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValueError(f"„{amount}“ ist kein gültiger Geldbetrag.") from exc
    if not value.is_finite():
        raise ValueError(f"„{amount}“ ist kein gültiger Geldbetrag.")
    cents = value * 100
    if cents != cents.to_integral_value():
        raise ValueError(
            f"Der Betrag {value} hat mehr als zwei Nachkommastellen (Bruchteile eines Cents)."
        )
    return int(cents)


def from_cents(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def round_money(amount: Decimal) -> Decimal:
    """Commercial rounding to the cent (for computed amounts such as persons x rate)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _integer_weights(weights: Sequence[Weight]) -> list[int]:
    """Scale Decimal weights to integers with the same ratios (exact, no floats)."""
    if all(type(w) is int for w in weights):
        return list(weights)  # type: ignore[arg-type]
    exponent = 0
    for w in weights:
        if isinstance(w, bool) or not isinstance(w, int | Decimal):
            raise TypeError(f"Gewicht {w!r} muss int oder Decimal sein (keine Gleitkommazahl).")
        if isinstance(w, Decimal):
            if not w.is_finite():
                raise ValueError(f"Gewicht {w} ist keine endliche Zahl.")
            exp = w.as_tuple().exponent
            if isinstance(exp, int) and exp < 0:
                exponent = max(exponent, -exp)
    scale = 10**exponent
    return [int(Decimal(w) * scale) for w in weights]


def allocate(total: Decimal | int | str, weights: Mapping[K, Weight]) -> dict[K, Decimal]:
    """Split ``total`` in whole cents proportionally to ``weights`` by largest remainder.

    Every part is the floor of its exact share; the cents left over go, one each, to the
    parts with the largest remainders, ties broken by the key (ascending). The parts always
    sum exactly to ``total``.
    """
    total_cents = to_cents(total)
    if total_cents < 0:
        raise ValueError("Der aufzuteilende Betrag darf nicht negativ sein.")
    keys = list(weights.keys())
    if not keys:
        raise ValueError("Es gibt nichts, worauf der Betrag verteilt werden kann (keine Gewichte).")
    ints = _integer_weights([weights[k] for k in keys])
    for key, w in zip(keys, ints, strict=True):
        if w < 0:
            raise ValueError(f"Das Gewicht für {key!r} ist negativ; Gewichte müssen ≥ 0 sein.")
    weight_sum = sum(ints)
    if weight_sum == 0:
        raise ValueError("Alle Gewichte sind null; der Betrag kann nicht verteilt werden.")

    pairs = [divmod(total_cents * w, weight_sum) for w in ints]
    parts = [quotient for quotient, _ in pairs]
    leftover = total_cents - sum(parts)
    if leftover:
        for index in _largest_remainders([r for _, r in pairs], keys, leftover):
            parts[index] += 1
    return {key: from_cents(cents) for key, cents in zip(keys, parts, strict=True)}


def _largest_remainders(remainders: list[int], keys: list[K], count: int) -> list[int]:
    """Indexes of the ``count`` largest remainders; among equal remainders the smaller key wins.

    Keys are compared only where the cut falls between equal remainders.
    """
    order = sorted(range(len(remainders)), key=remainders.__getitem__, reverse=True)
    cut = remainders[order[count - 1]]
    winners = [i for i in order[:count] if remainders[i] > cut]
    tied = [i for i in order if remainders[i] == cut]
    if len(tied) > count - len(winners):
        rank = _key_ranks([keys[i] for i in tied])
        tied = [i for _, i in sorted(zip(rank, tied, strict=True))]
    return winners + tied[: count - len(winners)]


def _key_ranks(keys: list[K]) -> list[int]:
    """Position of each key in ascending key order (by repr where keys are not comparable)."""
    indices = list(range(len(keys)))
    try:
        indices.sort(key=lambda i: keys[i])  # type: ignore[arg-type,return-value]
    except TypeError:
        indices.sort(key=lambda i: (type(keys[i]).__name__, repr(keys[i])))
    ranks = [0] * len(keys)
    for position, index in enumerate(indices):
        ranks[index] = position
    return ranks


def parse_money(value: object, field: str = "amount") -> Decimal:
    """An amount from a form or typed by a person: a Decimal with at most two places.

    ``Decimal``/``int`` pass through; text is read by the ONE parser (``pik.core.numbers``,
    German notation: ``58.000`` is 58 000, ``58.00`` is refused). Anything else is refused with
    a German ``ValidationError`` on ``field`` (never rounded: a fraction of a cent is a typing
    error, not a value).
    """
    try:
        amount = to_decimal(value, places=2, language="de")
        to_cents(amount)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValidationError(
            {field: f"„{value}“ ist kein gültiger Betrag (höchstens zwei Nachkommastellen)."}
        ) from exc
    return amount
