"""Markdown to safe HTML: Python-Markdown renders, nh3 (Ammonia) cleans by an allow-list.

Editors write Markdown; whatever HTML they put in (script, iframe, event handlers,
``javascript:`` links, styles) is removed on output, never executed. Only the tags and
attributes below survive, links only with http, https or mailto (or relative), and every
external link gets ``rel="noopener noreferrer"``.
"""

from __future__ import annotations

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "dl", "dt", "em", "h2", "h3", "h4", "hr",
    "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}
SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["tables", "sane_lists"]


def render_markdown(text: str) -> SafeString:
    """The editor's Markdown as HTML that is safe to put into a page."""
    html = markdown.markdown(text or "", extensions=EXTENSIONS, output_format="html")
    # Headings start at h2 on a page (its title is the h1): shift #-headings one level down.
    for level in (3, 2, 1):
        html = html.replace(f"<h{level}", f"<h{level + 1}").replace(
            f"</h{level}>", f"</h{level + 1}>"
        )
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(clean)  # noqa: S308 - cleaned by nh3's allow-list just above


def plain_text(text: str) -> str:
    """The text without any markup (search excerpts)."""
    return nh3.clean(markdown.markdown(text or ""), tags=set()).strip()
