"""Small-count suppression: the one way every statistics table hides numbers about few people.

A count of 1 to 4 people can point at a person ("the one Eritrean woman in the Kreis"), so it
is shown as "< 5" (primary suppression). Zero is shown as 0: it names nobody. Where a hidden
count could be worked out from a total that is shown (total minus the other cells), a further
cell is hidden as "x" (secondary suppression): the smallest non-zero cell still shown in that
row or column, or, when there is none, the total itself.

The check assumes an attacker who knows this rule: a "< 5" is 1 to 4, an "x" is at least 5
and no larger than the smallest number still shown where it was chosen. Hidden values are
narrowed by interval reasoning over every row and column with its total until nothing
changes; a cell whose range shrinks to a single value is not protected, and another cell is
hidden. For a table with one line (a list of counts and its total) this reasoning is exact;
for tables with rows and columns it is the usual bounds check, not a full integer programme.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format

#: Counts below this are not shown.
THRESHOLD = 5
#: The mark of a cell hidden only so that a small count cannot be computed from a total.
HIDDEN = "x"

Key = tuple[int, ...]


@dataclass(frozen=True)
class Cell:
    """One published number: its value (for sorting and tests, never for display when hidden)
    and how it is shown."""

    value: int
    primary: bool = False
    secondary: bool = False
    threshold: int = THRESHOLD

    @property
    def hidden(self) -> bool:
        return self.primary or self.secondary

    def __str__(self) -> str:
        if self.primary:
            return f"< {self.threshold}"
        if self.secondary:
            return HIDDEN
        return str(number_format(self.value, force_grouping=True))


@dataclass(frozen=True)
class Table:
    """A suppressed table: ``cells[row][column]``; totals per row and per column when they are
    published, and the grand total when both are."""

    cells: list[list[Cell]]
    row_totals: list[Cell] | None
    column_totals: list[Cell] | None
    total: Cell | None
    #: Even with every number hidden a count could be worked out (four "< 5" adding up to a
    #: "< 5" are four ones): the table must not be shown at all.
    withheld: bool = False


@dataclass(frozen=True)
class Column:
    """A suppressed list of counts with its total (``None`` when no total is published)."""

    cells: list[Cell]
    total: Cell | None
    withheld: bool = False


@dataclass(frozen=True)
class _Line:
    members: tuple[Key, ...]
    total: Key


def _lines(n_rows: int, n_cols: int, row_totals: bool, column_totals: bool) -> list[_Line]:
    """Every "members add up to a total" relation a reader of the table can use. Keys:
    ``(0, r, c)`` a cell, ``(1, r)`` a row total, ``(2, c)`` a column total, ``(3,)`` the
    grand total."""
    lines = []
    if row_totals:
        lines += [_Line(tuple((0, r, c) for c in range(n_cols)), (1, r)) for r in range(n_rows)]
    if column_totals:
        lines += [_Line(tuple((0, r, c) for r in range(n_rows)), (2, c)) for c in range(n_cols)]
    if row_totals and column_totals:
        lines.append(_Line(tuple((1, r) for r in range(n_rows)), (3,)))
        lines.append(_Line(tuple((2, c) for c in range(n_cols)), (3,)))
    return lines


class _Suppressor:
    def __init__(self, values: dict[Key, int], lines: list[_Line], threshold: int) -> None:
        self.values, self.lines, self.threshold = values, lines, threshold
        self.primary = {k for k, v in values.items() if 0 < v < threshold}
        self.secondary: dict[Key, _Line] = {}  # hidden cell -> the line it was hidden for

    def hidden(self, key: Key) -> bool:
        return key in self.primary or key in self.secondary

    def _box(self, key: Key) -> tuple[float, float]:
        """What the attacker knows of one number before using any total."""
        if key in self.primary:
            return 1, self.threshold - 1
        if key in self.secondary:
            shown = [
                self.values[m]
                for m in self.secondary[key].members
                if not self.hidden(m) and self.values[m] > 0
            ]
            return self.threshold, min(shown, default=math.inf)
        return self.values[key], self.values[key]

    def bounds(self) -> dict[Key, tuple[float, float]]:
        """Narrow every hidden number by every line until nothing changes."""
        box = {k: self._box(k) for k in self.values}
        changed = True
        while changed:
            changed = False
            for line in self.lines:
                keys = (*line.members, line.total)
                low = sum(box[m][0] for m in line.members)
                high = sum(box[m][1] for m in line.members)
                t_low, t_high = box[line.total]
                for key in keys:
                    lo, hi = box[key]
                    if key == line.total:
                        new = (max(lo, low), min(hi, high))
                    else:
                        new = (
                            max(lo, t_low - (high - hi)),
                            min(hi, t_high - (low - lo)),
                        )
                    if new != (lo, hi):
                        box[key] = new
                        changed = True
        return box

    def _next_to_hide(self, box: dict[Key, tuple[float, float]]) -> tuple[Key, _Line] | None:
        """In a line where a hidden number can be pinned down, the number to hide next."""
        for line in self.lines:
            keys = (*line.members, line.total)
            if any(self.hidden(k) and box[k][0] == box[k][1] for k in keys):
                key = self._complement(line)
                if key is not None:
                    return key, line
        return None

    def _complement(self, line: _Line) -> Key | None:
        """The smallest non-zero number still shown in the line, else its total."""
        candidates = [m for m in line.members if not self.hidden(m) and self.values[m] > 0]
        if candidates:
            return min(candidates, key=lambda m: self.values[m])
        if not self.hidden(line.total) and self.values[line.total] > 0:
            return line.total
        return None

    def run(self) -> bool:
        """Hide complements until no hidden number can be pinned down; False if one still can
        (nothing is left to hide in its lines)."""
        while True:
            box = self.bounds()
            step = self._next_to_hide(box)
            if step is None:
                return not any(self.hidden(k) and box[k][0] == box[k][1] for k in self.values)
            key, line = step
            self.secondary[key] = line

    def cell(self, key: Key) -> Cell:
        return Cell(
            value=self.values[key],
            primary=key in self.primary,
            secondary=key in self.secondary,
            threshold=self.threshold,
        )


def suppress(
    counts: Sequence[Sequence[int]],
    *,
    row_totals: bool = False,
    column_totals: bool = False,
    threshold: int = THRESHOLD,
) -> Table:
    """Suppress small counts in a table of counts (rows of equal length, no negatives).

    ``row_totals`` / ``column_totals``: the table publishes these sums (then they are
    suppressed like any cell, and used for the secondary suppression); with both, the grand
    total is published too.
    """
    n_rows = len(counts)
    n_cols = len(counts[0]) if n_rows else 0
    if any(len(row) != n_cols for row in counts):
        raise ValueError("Alle Zeilen der Tabelle brauchen gleich viele Spalten.")
    if any(v < 0 for row in counts for v in row):
        raise ValueError("Häufigkeiten können nicht negativ sein.")
    values: dict[Key, int] = {
        (0, r, c): int(counts[r][c]) for r in range(n_rows) for c in range(n_cols)
    }
    if row_totals:
        values |= {(1, r): sum(counts[r]) for r in range(n_rows)}
    if column_totals:
        values |= {(2, c): sum(row[c] for row in counts) for c in range(n_cols)}
    if row_totals and column_totals:
        values[(3,)] = sum(sum(row) for row in counts)
    work = _Suppressor(values, _lines(n_rows, n_cols, row_totals, column_totals), threshold)
    safe = work.run()
    return Table(
        cells=[[work.cell((0, r, c)) for c in range(n_cols)] for r in range(n_rows)],
        row_totals=[work.cell((1, r)) for r in range(n_rows)] if row_totals else None,
        column_totals=[work.cell((2, c)) for c in range(n_cols)] if column_totals else None,
        total=work.cell((3,)) if row_totals and column_totals else None,
        withheld=not safe,
    )


def suppress_list(
    counts: Sequence[int], *, total: bool = True, threshold: int = THRESHOLD
) -> Column:
    """The common case: one column of counts (e.g. people per country) and its total."""
    if not counts:
        return Column(cells=[], total=Cell(0, threshold=threshold) if total else None)
    table = suppress([[n] for n in counts], column_totals=total, threshold=threshold)
    return Column(
        cells=[row[0] for row in table.cells],
        total=table.column_totals[0] if table.column_totals else None,
        withheld=table.withheld,
    )
