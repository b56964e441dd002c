"""Pages of long, ordered lists without joining the rows a page skips."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


class KeysFirstPaginator(Paginator):
    """Fetches a page as its primary keys first, in a subquery an index can answer alone,
    and joins only those rows: with OFFSET, a late page of a long list otherwise joins every
    row before it (bench/bench_workbench.py). Same number of queries as Paginator."""

    def page(self, number: Any) -> Page:
        if not isinstance(self.object_list, QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self.object_list.values("pk")[bottom:top]
        return Page(self.object_list.filter(pk__in=keys), number, self)
