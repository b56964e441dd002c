from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ dict|get_item:key }}`` — look up a key computed in the template."""
    try:
        return mapping.get(key, ())
    except AttributeError:
        return ()
