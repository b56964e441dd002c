"""Durations in words, as a reader says them: "zwei Jahre", not "730 Tage".

Whole years (multiples of 365 days) are written as years, everything else as days; numbers up to
twelve in words (German and English style guides alike), larger ones in digits. German first;
``duration_text`` follows the active language.
"""

from __future__ import annotations

from django.utils import translation

YEAR = 365

_DE = ("null", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
       "elf", "zwölf")  # fmt: skip
_EN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
       "eleven", "twelve")  # fmt: skip


def _split(days: int) -> tuple[int, bool]:
    """(count, in_years)."""
    if days and days % YEAR == 0:
        return days // YEAR, True
    return days, False


def duration_de(days: int) -> str:
    """730 → 'zwei Jahre', 365 → 'ein Jahr', 1 → 'ein Tag', 28 → '28 Tage'."""
    count, years = _split(days)
    word = _DE[count] if count < len(_DE) else str(count)
    if years:
        return f"{word} Jahr" if count == 1 else f"{word} Jahre"
    return f"{word} Tag" if count == 1 else f"{word} Tage"


def duration_en(days: int) -> str:
    """730 → 'two years', 365 → 'one year', 1 → 'one day', 28 → '28 days'."""
    count, years = _split(days)
    word = _EN[count] if count < len(_EN) else str(count)
    unit = "year" if years else "day"
    return f"{word} {unit}" if count == 1 else f"{word} {unit}s"


def duration_text(days: int, *, language: str | None = None) -> str:
    """In the given or the active language (German unless English is active)."""
    code = (language or translation.get_language() or "de").split("-")[0].lower()
    return duration_en(days) if code == "en" else duration_de(days)
