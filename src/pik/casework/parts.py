"""Parts of a client record that an app above casework keeps (network: the referrals).

Casework sits below those apps: they import its selectors and rules, never the reverse, so
there is no import cycle. Each registers its part here from its AppConfig.ready; the client page
shows it, the subject-access export lists it and anonymisation strips it, without casework
knowing the app. Erasure needs nothing from them: their rows hang off the client with
``on_delete=CASCADE`` (and ``services.privacy`` vacuums every table that points at a client).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RecordPart:
    #: The name the client page knows it by (its template context key), e.g. ``referrals``.
    name: str
    #: The key of the subject-access export, e.g. ``weitergaben``.
    export_key: str
    #: What the client page shows of it (newest first, a few); called with ``client=``.
    shown: Callable[..., list[Any]]
    #: Everything of it about the person, as plain data (GDPR Art. 15); ``client=``.
    exported: Callable[..., list[dict[str, Any]]]
    #: Strip what identifies the person or tells their story, inside the anonymisation (which
    #: checked its rule and holds the row lock); ``client=``.
    anonymise: Callable[..., None]


_PARTS: dict[str, RecordPart] = {}


def register(part: RecordPart) -> None:
    if part.name in _PARTS and _PARTS[part.name] != part:
        raise ValueError(f"Teil der Akte {part.name!r} ist doppelt registriert.")
    _PARTS[part.name] = part


def registered() -> list[RecordPart]:
    return list(_PARTS.values())


@dataclass(frozen=True)
class DayPart:
    """What an app above casework adds to "Mein Tag" (network: referrals without an answer).

    ``items`` is called with ``user=`` and ``on=`` and returns objects with a ``client``
    attribute; "Mein Tag" lists them under the part's name and names their records in its read
    event."""

    name: str
    items: Callable[..., list[Any]]


_DAY: dict[str, DayPart] = {}


def register_day(part: DayPart) -> None:
    if part.name in _DAY and _DAY[part.name] != part:
        raise ValueError(f"Teil von „Mein Tag“ {part.name!r} ist doppelt registriert.")
    _DAY[part.name] = part


def day_parts() -> list[DayPart]:
    return list(_DAY.values())
