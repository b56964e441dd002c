"""Charts: SVG that parses, bars proportional to their values, every number in the table."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.template import Context, Template

from pik.core.charts import Chart, Series, render

SVG = "{http://www.w3.org/2000/svg}"


def budget_chart() -> Chart:
    return Chart(
        title="Mittel je Jahr",
        categories=["2024", "2025"],
        series=[
            Series("Budget", [Decimal("70000000"), Decimal("70000000")]),
            Series("Gebunden", [Decimal("35000000"), None]),
        ],
        unit="money",
        category_label="Jahr",
    )


def test_bars_are_proportional_to_their_values() -> None:
    root = ET.fromstring(  # noqa: S314 - our own SVG
        str(budget_chart().svg())
    )
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Mittel je Jahr"
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    heights = {r.find(f"{SVG}title").text: float(r.get("height")) for r in bars}
    assert len(bars) == 3  # None draws nothing
    budget = heights["2024: Budget – 70.000.000,00\xa0€"]
    committed = heights["2024: Gebunden – 35.000.000,00\xa0€"]
    assert committed == pytest.approx(budget / 2, rel=0.01)


def test_the_table_beside_the_chart_holds_every_number() -> None:
    html = str(render(budget_chart()))
    assert html.count("70.000.000,00\xa0€") == 2 + 2  # two table cells, two bar titles
    assert "35.000.000,00\xa0€" in html
    assert '<th scope="row">2025</th>' in html and "–" in html
    assert '<th scope="col">Jahr</th>' in html


def test_line_chart_and_negative_values_and_the_template_tag() -> None:
    chart = Chart(
        title="Basiszins",
        categories=["2016", "2023", "2024"],
        series=[Series("Zinssatz", [Decimal("-0.88"), Decimal("1.62"), Decimal("3.62")])],
        kind="line",
        places=2,
    )
    root = ET.fromstring(  # noqa: S314 - our own SVG
        str(chart.svg())
    )
    assert len(list(root.iter(f"{SVG}circle"))) == 3
    html = Template("{% load charts %}{% chart c %}").render(Context({"c": chart}))
    assert "-0,88" in html and "3,62" in html and "<svg" in html


def test_a_series_must_have_a_value_for_every_category() -> None:
    with pytest.raises(ValueError, match="2 categories"):
        Chart(title="x", categories=["a", "b"], series=[Series("s", [1])])


def test_text_in_a_chart_is_escaped() -> None:
    chart = Chart(title="<script>x</script>", categories=["<b>"], series=[Series("&", [1])])
    html = str(render(chart))
    assert "<script>" not in html and "<b>" not in html and "&amp;" in html


def test_a_value_can_read_differently_in_the_table_than_it_is_drawn() -> None:
    chart = Chart(
        title="Personen",
        categories=["2024", "2025"],
        series=[Series("neu", [None, 12], shown=["< 5", "12"])],
    )
    html = str(render(chart))
    assert "&lt; 5" in html and ">12<" in html
    root = ET.fromstring(str(chart.svg()))  # noqa: S314 - our own SVG
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(bars) == 1  # the suppressed value is a gap, not a bar
