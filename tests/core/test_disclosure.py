"""Small-count suppression: shown numbers, the marks, and that no hidden count can be recovered.

The property tests play the attacker by brute force, independent of the interval reasoning in
the module: every table of counts consistent with what is published is enumerated, and each
hidden number must still have at least two possible values.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from django.utils import translation
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pik.core.disclosure import Cell, Table, suppress, suppress_list

T = 5


def shown(cells: list[Cell]) -> list[str]:
    return [str(c) for c in cells]


# --- Examples -------------------------------------------------------------------------------


def test_one_person_is_shown_as_less_than_five_and_the_next_smallest_is_hidden() -> None:
    col = suppress_list([40, 1, 12, 25])
    cells, total = col.cells, col.total
    assert shown(cells) == ["40", "< 5", "x", "25"]
    assert str(total) == "78"


def test_two_small_counts_protect_each_other_without_a_complement() -> None:
    col = suppress_list([30, 3, 2])
    cells, total = col.cells, col.total
    assert shown(cells) == ["30", "< 5", "< 5"]  # 3 + 2 = 5: each could be 1 to 4
    assert str(total) == "35"


def test_zero_is_shown_and_never_chosen_as_complement() -> None:
    col = suppress_list([0, 1, 9])
    cells, total = col.cells, col.total
    assert shown(cells) == ["0", "< 5", "x"]
    assert str(total) == "10"


def test_small_cells_that_add_up_to_a_revealing_total_hide_the_total() -> None:
    # 4 + 4 = 8 could only be two fours: the total goes too.
    col = suppress_list([4, 4])
    cells, total = col.cells, col.total
    assert shown(cells) == ["< 5", "< 5"]
    assert total is not None and total.secondary and str(total) == "x"


def test_complement_close_to_the_threshold_is_not_enough() -> None:
    # 1 and 5 hidden with total 6 - 0: "< 5" plus "at least 5" makes 6 only as 1 + 5.
    cells = suppress_list([1, 5, 20]).cells
    assert shown(cells) == ["< 5", "x", "x"]


def test_four_ones_adding_up_to_four_withhold_the_whole_list() -> None:
    # Four "< 5" (each at least 1) whose total is "< 5": all four must be 1.
    assert suppress_list([1, 1, 1, 1]).withheld
    assert not suppress_list([1, 1, 2]).withheld
    assert not suppress_list([1, 1, 1, 1], total=False).withheld


def test_a_small_total_is_itself_suppressed() -> None:
    col = suppress_list([3])
    cells, total = col.cells, col.total
    assert shown(cells) == ["< 5"]
    assert total is not None and total.primary


def test_without_a_published_total_only_small_counts_are_hidden() -> None:
    col = suppress_list([1, 7, 9], total=False)
    cells, total = col.cells, col.total
    assert shown(cells) == ["< 5", "7", "9"] and total is None


def test_large_numbers_use_german_grouping() -> None:
    cells = suppress_list([12345, 6789]).cells
    with translation.override("de"):
        assert shown(cells) == ["12.345", "6.789"]
    with translation.override("en"):
        assert shown(cells) == ["12,345", "6,789"]


def test_two_dimensional_table_with_margins() -> None:
    table = suppress([[1, 10, 20], [8, 9, 30]], row_totals=True, column_totals=True)
    assert table.cells[0][0].primary
    row = table.cells[0]
    column = [table.cells[0][0], table.cells[1][0]]
    assert sum(c.hidden for c in row) >= 2 and sum(c.hidden for c in column) >= 2
    assert table.total is not None and table.total.value == 78


def test_bad_tables_are_refused() -> None:
    with pytest.raises(ValueError, match="gleich viele Spalten"):
        suppress([[1, 2], [3]])
    with pytest.raises(ValueError, match="negativ"):
        suppress([[-1]])


# --- The attacker ---------------------------------------------------------------------------


def _box(cell: Cell, cap: int) -> range:
    if cell.primary:
        return range(1, T)
    if cell.secondary:
        return range(T, cap + 1)
    return range(cell.value, cell.value + 1)


def possible_values_1d(cells: list[Cell], total: Cell | None) -> list[set[int]]:
    """For each cell of a list with a published total: every value it can have in some list
    consistent with the publication. A hidden cell knows "< 5" (1..4) or "x" (at least 5 and,
    for whoever knows the rule, no more than the smallest number still shown)."""
    shown_nonzero = [c.value for c in cells if not c.hidden and c.value > 0]
    cap = min(shown_nonzero, default=10 * T * (len(cells) + 1))
    far = 10 * T * (len(cells) + 1)  # no upper bound known: "far" stands in for infinity
    boxes = [_box(c, cap if c.secondary else far) for c in cells]
    totals = _box(total, far) if total is not None else None
    result = []
    for i, cell in enumerate(cells):
        if totals is None:
            result.append(set(boxes[i]))
            continue
        others = {0}
        for j, box in enumerate(boxes):
            if j != i:
                others = {s + v for s in others for v in box}
        result.append({v for v in boxes[i] if any(v + s in totals for s in others)})
        assert cell.value in result[-1]
    return result


def possible_values_2d(table: Table, cap: int) -> dict[tuple[int, ...], set[int]]:
    """Brute force over every table consistent with a published one (both margins)."""
    assert table.row_totals is not None and table.column_totals is not None
    assert table.total is not None
    rows, cols = len(table.cells), len(table.cells[0])

    def row_options(r: int) -> Iterator[tuple[int, ...]]:
        boxes = [_box(c, cap) for c in table.cells[r]]
        margin = _box(table.row_totals[r], cap * cols)  # type: ignore[index]
        for values in itertools.product(*boxes):
            if sum(values) in margin:
                yield values

    options = [list(row_options(r)) for r in range(rows)]
    assume(all(options) and sum(map(len, options)) < 2000)
    seen: dict[tuple[int, ...], set[int]] = {}
    col_boxes = [_box(c, cap * rows) for c in table.column_totals]
    total_box = _box(table.total, cap * rows * cols)
    for candidate in itertools.product(*options):
        col_sums = [sum(candidate[r][c] for r in range(rows)) for c in range(cols)]
        if not all(s in b for s, b in zip(col_sums, col_boxes, strict=True)):
            continue
        if sum(col_sums) not in total_box:
            continue
        for r in range(rows):
            for c in range(cols):
                seen.setdefault((0, r, c), set()).add(candidate[r][c])
            seen.setdefault((1, r), set()).add(sum(candidate[r]))
        for c in range(cols):
            seen.setdefault((2, c), set()).add(col_sums[c])
    return seen


counts = st.lists(st.integers(0, 12), min_size=1, max_size=6)


@given(counts)
def test_no_line_with_a_total_has_exactly_one_hidden_cell(values: list[int]) -> None:
    col = suppress_list(values)
    cells, total = col.cells, col.total
    assert total is not None
    if not total.hidden:
        assert sum(c.hidden for c in cells) != 1


@given(counts)
def test_every_count_below_five_is_hidden_and_nothing_else_is_marked_small(
    values: list[int],
) -> None:
    col = suppress_list(values)
    cells, total = col.cells, col.total
    for value, cell in zip(values, cells, strict=True):
        assert cell.value == value
        assert cell.primary == (0 < value < T)
        assert str(cell) in {str(value), "< 5", "x"}
        assert not (cell.secondary and value == 0)
    assert total is not None and total.value == sum(values)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(counts)
def test_no_hidden_count_can_be_recovered_from_the_total(values: list[int]) -> None:
    col = suppress_list(values)
    cells, total = col.cells, col.total
    assume(not col.withheld)
    for cell, possible in zip(cells, possible_values_1d(cells, total), strict=True):
        if cell.hidden:
            assert len(possible) >= 2, (values, [str(c) for c in cells], str(total))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    st.integers(2, 3).flatmap(
        lambda cols: st.lists(
            st.lists(st.integers(0, 7), min_size=cols, max_size=cols), min_size=2, max_size=2
        )
    )
)
def test_no_hidden_count_in_a_table_with_margins_can_be_recovered(values: list[list[int]]) -> None:
    table = suppress(values, row_totals=True, column_totals=True)
    assume(not table.withheld)
    possible = possible_values_2d(table, cap=sum(map(sum, values)) + T)
    for r, row in enumerate(table.cells):
        for c, cell in enumerate(row):
            if cell.hidden:
                assert len(possible[(0, r, c)]) >= 2, (values, (r, c))
    for key, cell in [((1, r), x) for r, x in enumerate(table.row_totals or [])]:
        if cell.hidden:
            assert len(possible[key]) >= 2, (values, key)
