"""``{{ text|markdown }}``: the editors' Markdown as sanitised HTML (pik.portal.rendering)."""

from django import template
from django.utils.safestring import SafeString

from pik.portal.rendering import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return render_markdown(text)
