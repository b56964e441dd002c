"""What the portal's services share: programme and link checks, the hook after publishing."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from pik.funding import selectors as funding


def check_programme(code: str, errors: dict[str, str]) -> str:
    """An empty code (for every programme) or the code of an existing programme."""
    code = (code or "").strip()
    if code and code not in {p.code for p in funding.programme_list()}:
        errors["programme_code"] = f"Ein Förderprogramm „{code}“ gibt es nicht."
    return code


def content_changed() -> None:
    """Runs after every commit that changes what visitors see: the hook point for the portal
    cache's invalidation (``portal/cache.py`` of the pages branch is called from here)."""


def check_url(value: str, label: str, key: str, errors: dict[str, str]) -> str:
    value = (value or "").strip()
    if value:
        try:
            URLValidator(schemes=["https", "http"])(value)
        except ValidationError:
            errors[key] = f"{label} ist keine gültige Internetadresse (https://…)."
    return value
