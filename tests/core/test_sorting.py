"""Lists sorted by any column, server-side and whitelisted (pik.core.sorting)."""

from __future__ import annotations

from django.http import QueryDict

from pik.core.sorting import Sorting

COLUMNS = {"name": ("last_name", "first_name"), "jahr": ("year",)}


def test_only_whitelisted_columns_reach_order_by() -> None:
    for raw in ("password", "-password", "name__secret", "", "--name"):
        sorting = Sorting.from_request(QueryDict(f"sortierung={raw}"), COLUMNS, "-jahr")
        assert sorting.order_by() == ["-year", "-pk"], raw


def test_sorting_by_a_column_and_back() -> None:
    sorting = Sorting.from_request(QueryDict("sortierung=name&seite=3&q=x"), COLUMNS, "-jahr")
    assert sorting.order_by() == ["last_name", "first_name", "pk"]
    assert sorting.aria_sort("name") == "ascending" and sorting.aria_sort("jahr") == ""
    assert sorting.link("name") == "q=x&sortierung=-name"  # the other way, first page
    assert sorting.link("jahr") == "q=x&sortierung=jahr"
    down = Sorting.from_request(QueryDict("sortierung=-name"), COLUMNS, "-jahr")
    assert down.order_by()[0] == "-last_name" and down.aria_sort("name") == "descending"
