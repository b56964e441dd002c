"""Checks the portal's editing services share: text fields, addresses, Markdown size."""

from __future__ import annotations

import re
from typing import Any

from pik.core.validation import clean_text

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_MARKDOWN = 100_000


def texts(data: dict[str, Any], fields: dict[str, tuple[str, int, bool]]) -> dict[str, str]:
    """Clean every text field in ``data`` in place; return the German problems per field."""
    errors: dict[str, str] = {}
    for name, (label, max_length, required) in fields.items():
        data[name], problem = clean_text(
            data.get(name), label=label, max_length=max_length, required=required
        )
        if problem:
            errors[name] = problem
    return errors


def slug_problem(slug: str) -> str | None:
    if not slug:
        return "Die Adresse fehlt."
    if not SLUG.match(slug):
        return (
            "Die Adresse besteht nur aus Kleinbuchstaben (ohne Umlaute), Ziffern und "
            "Bindestrichen, z. B. „ueber-den-pakt“."
        )
    return None
