"""Start-page blocks that fetch their own data: current notices and the next events."""

from __future__ import annotations

from typing import Any

from django import template

from pik.portal.selectors import content

register = template.Library()


@register.simple_tag
def current_notices() -> list[Any]:
    return list(content.notices_current())


@register.simple_tag
def next_events(limit: int = 3) -> list[Any]:
    return content.events_upcoming(limit=limit)
