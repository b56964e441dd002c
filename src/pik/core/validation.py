"""Text and date checks shared by every service: one German message per problem.

Services collect problems per field in a dict and raise them together (``raise_if``), so a form
shows every error at once instead of one per attempt.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone


def clean_text(
    value: str | None, *, label: str, max_length: int, required: bool = False
) -> tuple[str, str | None]:
    """The stripped text and an error message (or None)."""
    text = (value or "").strip()
    if "\x00" in text or any(ord(c) < 32 and c not in "\n\r\t" for c in text):
        return text, f"{label} enthält unzulässige Steuerzeichen."
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):  # lone surrogates: not storable text
        return text, f"{label} enthält unzulässige Zeichen."
    if required and not text:
        return text, f"{label} fehlt."
    if len(text) > max_length:
        return text, f"{label} darf höchstens {max_length} Zeichen lang sein."
    return text, None


def raise_if(errors: dict[str, str]) -> None:
    """Raise every collected problem at once (a ``ValidationError`` keyed by field)."""
    if errors:
        raise ValidationError(errors)


def not_future(value: dt.date | None, label: str, errors: dict[str, str], key: str) -> None:
    """Record an error under ``key`` when ``value`` lies after today."""
    if value is not None and value > timezone.localdate():
        errors[key] = f"{label} darf nicht in der Zukunft liegen."


def errors_into_form(form: Any, exc: ValidationError) -> None:
    """Put a service's German messages next to the form fields they concern (the rest at the
    top); the form keeps everything typed."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
