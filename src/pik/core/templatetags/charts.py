"""``{% load charts %}{% chart chart %}``: a chart as SVG with its table (pik.core.charts)."""

from django import template
from django.utils.safestring import SafeString

from pik.core.charts import Chart, render

register = template.Library()


@register.simple_tag
def chart(value: Chart) -> SafeString:
    return render(value)
