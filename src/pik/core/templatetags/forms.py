"""``{% error_summary form [other_form …] %}``: the GOV.UK error summary for hand-written forms
(``form.as_div`` shows it by itself)."""

from __future__ import annotations

from typing import Any

from django import template

from pik.core.forms import error_items

register = template.Library()


@register.inclusion_tag("core/forms/error_summary.html")
def error_summary(*forms: Any) -> dict[str, Any]:
    return {"items": error_items(*forms)}


@register.filter
def has_required(form: Any) -> bool:
    """True if a visible field of ``form`` must be filled in (the form then explains the *)."""
    return any(f.field.required and not f.is_hidden for f in form)
