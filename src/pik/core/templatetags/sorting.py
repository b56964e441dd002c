"""``{% sort_header sorting key label %}``: a header that sorts its list (pik.core.sorting)."""

from __future__ import annotations

from typing import Any

from django import template

from pik.core.sorting import Sorting

register = template.Library()


@register.inclusion_tag("core/sort_header.html")
def sort_header(sorting: Sorting, key: str, label: str, css: str = "") -> dict[str, Any]:
    return {"label": label, "css": css, **sorting.header(key)}
