"""Checks every browser test can run on the page it is on.

``assert_accessible(page)`` runs axe-core (from node_modules, installed by ``make setup``) with
the WCAG 2.0/2.1 A and AA rules and fails with every violation listed; ``assert_fits(page)``
fails when the page scrolls sideways at the viewport's width (390 px for a phone).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Any, tags: list[str] | None = None) -> list[dict[str, Any]]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # evaluated through the DevTools protocol: the page's CSP (script-src 'self') stays on
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        tags or WCAG_AA,
    )
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {targets}")
    return "\n".join(lines)


def assert_accessible(page: Any, tags: list[str] | None = None) -> None:
    violations = axe_violations(page, tags)
    assert not violations, f"{page.url}:\n{describe(violations)}"


def overflow(page: Any) -> int:
    """How many pixels the page is wider than its viewport (0 when it fits)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("document.documentElement.clientWidth")
    return max(0, int(width) - int(viewport))


def assert_fits(page: Any, width: int = 390) -> None:
    if page.viewport_size is None or page.viewport_size["width"] != width:
        page.set_viewport_size({"width": width, "height": 844})
    extra = overflow(page)
    assert extra == 0, f"{page.url}: {extra} px breiter als {width} px"
