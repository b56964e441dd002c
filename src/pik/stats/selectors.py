"""Statistics: counts from the apps' selectors, small counts suppressed before anyone sees them.

Stats reads no app's models: casework gives the counts of a Kreis (``kreis_figures``, only
people with a valid consent to statistics), and every table here goes through the kernel's one
small-count suppression (``pik.core.disclosure``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pik.casework import selectors as casework
from pik.core.disclosure import Cell, suppress_list


@dataclass
class Statistics:
    """Counts for reporting, suppressed. Rows are sorted by label, not by count: an order by
    size would tell where a hidden count lies between the numbers shown."""

    total: int = 0
    counted: Cell | None = None
    by_country: list[tuple[str, Cell]] = field(default_factory=list)
    by_country_withheld: bool = False
    by_channel: list[tuple[str, Cell]] = field(default_factory=list)


def kreis_statistics(*, user: Any) -> Statistics:
    """The coordinator's Kreis statistics (404 for everybody else). A withdrawn consent drops
    the person at once."""
    figures = casework.kreis_figures(user=user)
    result = Statistics(total=figures.total)
    countries = figures.by_country  # by country, as the database sorts them
    column = suppress_list([n for _, n in countries])
    result.by_country = list(zip([c for c, _ in countries], column.cells, strict=True))
    result.counted, result.by_country_withheld = column.total, column.withheld
    channels = sorted(figures.by_channel)
    cells = suppress_list([n for _, n in channels], total=False).cells  # no total: none to hide
    result.by_channel = list(zip([label for label, _ in channels], cells, strict=True))
    return result
