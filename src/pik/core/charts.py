"""Charts as server-rendered SVG, each with the table of its numbers beside it.

One chart kind per question: ``bar`` (grouped bars per category, e.g. budget and committed per
year) and ``line`` (a value over time). The SVG carries ``role="img"`` with its title and a short
description; the numbers are in the table next to it, so a screen reader and a printout lose
nothing. No JavaScript, no client library: the page is complete as it leaves the server.

    chart = Chart(
        title=_("Mittel je Jahr"),
        categories=["2024", "2025"],
        series=[Series(_("Budget"), [70_000_000, 70_000_000]), Series(_("Gebunden"), [...])],
        unit="money",
    )
    {% load charts %}{% chart chart %}
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from pik.core.numbers import format_money, format_number

Number = Decimal | int | float | None

#: Colours of the series: KERN blues and a dark orange; each at least 3:1 against white.
PALETTE = ("#0b5cad", "#b55400", "#2e6b3a", "#6b3fa0", "#8a1538", "#3d4a57")

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 96, 16, 16, 48
_ids = itertools.count(1)


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Number]
    #: How each value reads in the table, where it differs from the number (e.g. "< 5" for a
    #: suppressed small count, drawn as a gap): None formats the values.
    shown: Sequence[str] | None = None


@dataclass(frozen=True)
class Chart:
    title: str
    categories: Sequence[str]
    series: Sequence[Series]
    kind: Literal["bar", "line"] = "bar"
    unit: Literal["money", "number"] = "number"
    places: int = 0
    description: str = ""
    category_label: str = ""  # heading of the table's first column, e.g. "Jahr"
    uid: int = field(default_factory=lambda: next(_ids), compare=False)

    def __post_init__(self) -> None:
        for one in self.series:
            if len(one.values) != len(self.categories):
                raise ValueError(
                    f"series {one.name!r}: {len(one.values)} values, "
                    f"{len(self.categories)} categories"
                )

    # -- numbers -----------------------------------------------------------------------------

    def format(self, value: Number) -> str:
        if value is None:
            return "–"
        if self.unit == "money":
            return format_money(Decimal(str(value)))
        return format_number(Decimal(str(value)), self.places)

    def rows(self) -> list[tuple[str, list[str]]]:
        """The table: one row per category, one formatted cell per series."""
        return [
            (
                category,
                [
                    one.shown[i] if one.shown is not None else self.format(one.values[i])
                    for one in self.series
                ],
            )
            for i, category in enumerate(self.categories)
        ]

    def _bounds(self) -> tuple[float, float]:
        values = [float(v) for one in self.series for v in one.values if v is not None]
        low, high = min([0.0, *values]), max([0.0, *values])
        if high == low:
            high = low + 1
        return low, _nice(high) if high > 0 else high

    # -- drawing -----------------------------------------------------------------------------

    def svg(self) -> SafeString:
        low, high = self._bounds()
        plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

        def y(value: float) -> float:
            return TOP + plot_h * (high - value) / (high - low)

        parts: list[str] = []
        for step in range(5):  # grid lines and axis labels
            value = low + (high - low) * step / 4
            parts.append(
                format_html(
                    '<line x1="{}" x2="{}" y1="{}" y2="{}" class="pik-chart-grid"/>'
                    '<text x="{}" y="{}" text-anchor="end" class="pik-chart-axis">{}</text>',
                    LEFT,
                    WIDTH - RIGHT,
                    _n(y(value)),
                    _n(y(value)),
                    LEFT - 6,
                    _n(y(value) + 4),
                    self._axis_label(value),
                )
            )
        count = max(len(self.categories), 1)
        slot = plot_w / count
        every = max(1, count // 12)  # at most about twelve category labels
        for i, category in enumerate(self.categories):
            if i % every == 0:
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" text-anchor="middle" class="pik-chart-axis">{}</text>',
                        _n(LEFT + slot * (i + 0.5)),
                        HEIGHT - BOTTOM + 18,
                        category,
                    )
                )
        parts.extend(self._bars(slot, y) if self.kind == "bar" else self._lines(slot, y))
        parts.append(self._legend())
        title_id, desc_id = f"pik-chart-{self.uid}-t", f"pik-chart-{self.uid}-d"
        return format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
            'aria-labelledby="{} {}" class="pik-chart" preserveAspectRatio="xMidYMid meet">'
            '<title id="{}">{}</title><desc id="{}">{}</desc>{}</svg>',
            WIDTH,
            HEIGHT,
            title_id,
            desc_id,
            title_id,
            self.title,
            desc_id,
            self.description or self._describe(),
            mark_safe("".join(parts)),  # noqa: S308
        )

    def _bars(self, slot: float, y: Callable[[float], float]) -> list[str]:
        n = max(len(self.series), 1)
        width = slot * 0.8 / n
        out: list[str] = []
        for s, one in enumerate(self.series):
            for i, value in enumerate(one.values):
                if value is None:
                    continue
                top, base = y(max(float(value), 0.0)), y(min(float(value), 0.0))
                out.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                        "<title>{}: {} – {}</title></rect>",
                        _n(LEFT + slot * i + slot * 0.1 + width * s),
                        _n(top),
                        _n(max(width - 1, 1)),
                        _n(max(base - top, 0.5)),
                        PALETTE[s % len(PALETTE)],
                        self.categories[i],
                        one.name,
                        self.format(value),
                    )
                )
        return out

    def _lines(self, slot: float, y: Callable[[float], float]) -> list[str]:
        out: list[str] = []
        for s, one in enumerate(self.series):
            points = [
                (LEFT + slot * (i + 0.5), y(float(v)))
                for i, v in enumerate(one.values)
                if v is not None
            ]
            colour = PALETTE[s % len(PALETTE)]
            out.append(
                format_html(
                    '<polyline fill="none" stroke="{}" stroke-width="2.5" points="{}"/>',
                    colour,
                    " ".join(f"{_n(px)},{_n(py)}" for px, py in points),
                )
            )
            out.extend(
                format_html('<circle cx="{}" cy="{}" r="3.5" fill="{}"/>', _n(px), _n(py), colour)
                for px, py in points
            )
        return out

    def _legend(self) -> str:
        items = []
        x = LEFT
        for s, one in enumerate(self.series):
            items.append(
                format_html(
                    '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
                    '<text x="{}" y="{}" class="pik-chart-axis">{}</text>',
                    x,
                    HEIGHT - 18,
                    PALETTE[s % len(PALETTE)],
                    x + 16,
                    HEIGHT - 8,
                    one.name,
                )
            )
            x += 24 + 7 * len(one.name)
        return "".join(items)

    def _axis_label(self, value: float) -> str:
        if self.unit == "money":
            return _short(value) + " €"
        return _short(value)

    def _describe(self) -> str:
        names = ", ".join(one.name for one in self.series)
        if not self.categories:
            return names
        return f"{names}: {self.categories[0]} – {self.categories[-1]}"


def _n(value: float) -> str:
    return f"{value:.1f}"


def _nice(value: float) -> float:
    """The next 'round' number at or above ``value`` (1, 2, 2.5, 5 × 10^n)."""
    magnitude = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if value <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude  # pragma: no cover - the loop ends at 10


def _short(value: float) -> str:
    """Axis labels: 70 Mio., 2,5 Tsd. (German) – the exact numbers are in the table."""
    sign = "−" if value < 0 else ""
    value = abs(value)
    for limit, word in ((1e9, "Mrd."), (1e6, "Mio."), (1e3, "Tsd.")):
        if value >= limit:
            return f"{sign}{format_number(Decimal(str(round(value / limit, 1))), 1)} {word}"
    if value == int(value):
        return sign + format_number(int(value), 0)
    return sign + format_number(Decimal(str(round(value, 2))), 2)


def render(chart: Chart) -> SafeString:
    """The figure: the SVG and, beside it, the table with every number of the chart."""
    head = "".join(format_html('<th scope="col">{}</th>', one.name) for one in chart.series)
    body = "".join(
        format_html(
            '<tr><th scope="row">{}</th>{}</tr>',
            category,
            mark_safe("".join(format_html('<td class="num">{}</td>', c) for c in cells)),  # noqa: S308
        )
        for category, cells in chart.rows()
    )
    return format_html(
        '<figure class="pik-chart-figure"><figcaption class="kern-heading-small">{}</figcaption>'
        '<div class="pik-chart-box">{}</div>'
        '<div class="pik-table-scroll" tabindex="0" role="region" aria-label="{}">'
        '<table class="kern-table pik-chart-table"><caption class="kern-sr-only">{}'
        '</caption><thead><tr><th scope="col">{}</th>{}</tr></thead><tbody>{}</tbody></table>'
        "</div></figure>",
        chart.title,
        chart.svg(),
        chart.title,
        chart.title,
        chart.category_label or chart.title,
        mark_safe(head),  # noqa: S308
        mark_safe(body),  # noqa: S308
    )
