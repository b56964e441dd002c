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


def test_the_pager_keeps_filters_search_and_order() -> None:
    sorting = Sorting.from_request(QueryDict("sortierung=-name&seite=3&q=x&status=a"), COLUMNS, "")
    assert QueryDict(sorting.page_link(4)) == QueryDict("sortierung=-name&seite=4&q=x&status=a")


def test_two_tables_on_one_page_sort_each_by_its_own_parameter() -> None:
    query = QueryDict("sortierung_a=-name&sortierung_b=jahr")
    a = Sorting.from_request(query, COLUMNS, "jahr", param="sortierung_a")
    b = Sorting.from_request(query, COLUMNS, "name", param="sortierung_b")
    assert a.order_by()[0] == "-last_name" and b.order_by()[0] == "year"
    assert QueryDict(a.link("jahr")) == QueryDict("sortierung_a=jahr&sortierung_b=jahr")
    assert QueryDict(b.link("jahr")) == QueryDict("sortierung_a=-name&sortierung_b=-jahr")


def test_a_shared_table_without_sorting_has_plain_headers() -> None:
    from django.template import engines

    template = engines["django"].from_string(
        '{% load sorting %}{% sort_header sorting "name" "Name" %}'
    )
    assert template.render({"sorting": None}).strip() == '<th scope="col">Name</th>'
    sorting = Sorting.from_request(QueryDict(""), COLUMNS, "name")
    html = template.render({"sorting": sorting})
    assert 'aria-sort="ascending"' in html and 'href="?sortierung=-name"' in html
