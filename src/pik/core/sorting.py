"""Lists sorted by any column, on the server, by a whitelist: ``?sortierung=<key>`` or ``-<key>``.

A list declares its columns as ``{key: (field path, …)}``; anything else in the query string
is ignored (never passed to ``order_by``). The headers link to the same page sorted by their
column (again: the other direction) and say how the table is sorted (``aria-sort``):
``{% load sorting %}{% sort_header sorting "status" _("Status") %}``. The pager keeps filters,
search and order: ``{% page_href sorting page.next_page_number %}``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import QueryDict

PARAM = "sortierung"


@dataclass(frozen=True)
class Sorting:
    columns: Mapping[str, Sequence[str]]
    key: str
    descending: bool
    query: QueryDict
    param: str = PARAM  # a page with two sortable tables names each one's parameter

    @classmethod
    def from_request(
        cls,
        query: QueryDict,
        columns: Mapping[str, Sequence[str]],
        default: str,
        *,
        param: str = PARAM,
    ) -> Sorting:
        raw = query.get(param, "") or default
        descending = raw.startswith("-")
        key = raw.removeprefix("-")
        if key not in columns:
            key, descending = default.removeprefix("-"), default.startswith("-")
        return cls(columns, key, descending, query, param)

    def order_by(self, tiebreak: str = "pk") -> list[str]:
        """``order_by`` arguments: the column's fields, then a stable tiebreak."""
        sign = "-" if self.descending else ""
        return [f"{sign}{path}" for path in self.columns[self.key]] + [f"{sign}{tiebreak}"]

    def link(self, key: str) -> str:
        """The query string that sorts by ``key`` (the other way round if it sorts so now)."""
        query = self.query.copy()
        for name in ("seite", self.param):  # a new order starts on the first page
            query.pop(name, None)
        query[self.param] = f"-{key}" if key == self.key and not self.descending else key
        return query.urlencode()

    def page_link(self, number: int) -> str:
        """The query string of page ``number`` of this list: filters, search and order kept."""
        query = self.query.copy()
        query["seite"] = str(number)
        return query.urlencode()

    def aria_sort(self, key: str) -> str:
        if key != self.key:
            return ""
        return "descending" if self.descending else "ascending"

    def header(self, key: str) -> dict[str, Any]:
        return {"href": "?" + self.link(key), "aria_sort": self.aria_sort(key)}
