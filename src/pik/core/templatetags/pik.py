from typing import Any

from django import template

from pik.core import durations

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ dict|get_item:key }}`` — look up a key computed in the template."""
    try:
        return mapping.get(key, ())
    except AttributeError:
        return ()


@register.filter
def duration(days: Any) -> str:
    """``{{ 730|duration }}`` → 'zwei Jahre' (English: 'two years')."""
    return durations.duration_text(int(days))
