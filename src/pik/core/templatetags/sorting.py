"""``{% sort_header sorting key label %}``: a header that sorts its list (pik.core.sorting)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from pik.core.sorting import Sorting

register = template.Library()


@register.inclusion_tag("core/sort_header.html")
def sort_header(sorting: Sorting | None, key: str, label: str, css: str = "") -> dict[str, Any]:
    """A header that sorts; without ``sorting`` (a table shared with a page that does not
    sort, e.g. a start page's short list) a plain header."""
    if not sorting:
        return {"label": label, "css": css, "href": "", "aria_sort": ""}
    return {"label": label, "css": css, **sorting.header(key)}


@register.simple_tag
def page_href(sorting: Sorting, number: int) -> str:
    """The link to page ``number`` of a sorted list, its filters, search and order kept."""
    return "?" + sorting.page_link(number)


@register.simple_tag
def sort_keep(sorting: Sorting) -> SafeString:
    """A hidden field for a list's filter or search form: a new search keeps the order."""
    value = f"-{sorting.key}" if sorting.descending else sorting.key
    return format_html('<input type="hidden" name="{}" value="{}">', sorting.param, value)
