"""One optimistic lock for every record that two people may edit at once.

A form carries the ``version`` it was loaded with; the service locks the row, compares, and
refuses the second save with ``StaleVersion`` instead of silently overwriting the first.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


class StaleVersion(ValidationError):
    """Someone else saved the record since it was loaded: the second save is refused."""


def check_version(
    obj: Any,
    expected: int | None,
    *,
    message: str,
    field: str = "version",
) -> None:
    """Raise ``StaleVersion`` with ``message`` when ``obj`` moved on from ``expected``.

    ``obj`` must be freshly loaded under a row lock (``select_for_update``); ``expected=None``
    means the caller does not guard this change (system steps, additions that cannot clash).
    """
    if expected is not None and getattr(obj, field) != expected:
        raise StaleVersion(message)
