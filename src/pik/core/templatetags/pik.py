from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

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


# --- Layout: every table in a box of its own, every workflow status as one kind of badge ---

#: The KERN badge tone of a workflow status, by the status's value (the same words mean the same
#: in every workflow: ``approved`` is good news in funding as ``accepted`` is in case work).
#: A status not listed is shown neutral (info).
STATUS_TONES: dict[str, str] = {
    **dict.fromkeys(("approved", "notice_issued", "accepted", "achieved", "agreed"), "success"),
    **dict.fromkeys(("rejected", "declined"), "danger"),
    **dict.fromkeys(
        (
            "info_requested",
            "pending",
            "requested",
            "proposed_approval",
            "proposed_rejection",
            "overdue",
        ),
        "warning",
    ),
}


@register.inclusion_tag("core/_status_badge.html")
def status_badge(obj: Any, field: str = "status") -> dict[str, Any]:
    """``{% status_badge application %}``: the status as a KERN badge (one look for every
    workflow). ``obj`` has ``status`` and ``get_status_display`` (or pass ``field=``)."""
    value = getattr(obj, field, "")
    label = getattr(obj, f"get_{field}_display", lambda: value)()
    return {"value": value, "label": label, "tone": STATUS_TONES.get(str(value), "info")}


class TableBoxNode(template.Node):
    def __init__(self, nodelist: template.NodeList, label: template.base.FilterExpression | None):
        self.nodelist = nodelist
        self.label = label

    def render(self, context: template.Context) -> SafeString:
        label = self.label.resolve(context) if self.label is not None else ""
        named = f' role="region" aria-label="{conditional_escape(label)}"' if label else ""
        # tabindex: a box that scrolls must be reachable by keyboard (axe: scrollable-region)
        inner = self.nodelist.render(context)
        return mark_safe(f'<div class="pik-table-scroll" tabindex="0"{named}>{inner}</div>')  # noqa: S308


@register.tag
def tablebox(parser: template.base.Parser, token: template.base.Token) -> TableBoxNode:
    """``{% tablebox _("Anträge") %}<table …>…</table>{% endtablebox %}``: the table scrolls
    sideways inside its own box, so the page never does (390 px phones). The optional label
    names the box for screen readers (a scrolling region)."""
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError("tablebox takes at most one argument (the label)")
    label = parser.compile_filter(bits[1]) if len(bits) == 2 else None
    nodelist = parser.parse(("endtablebox",))
    parser.delete_first_token()
    return TableBoxNode(nodelist, label)
