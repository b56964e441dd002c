"""The house stays readable: no module grows past a few hundred lines (DESIGN.md, "Rooms by seam").

Migrations and demo data are generated or plain data and do not count. A module that grows past
the limit is split along its seams (services/, selectors/, views/ packages), not the limit raised.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "pik"
LIMIT = 450


def _modules() -> list[Path]:
    return sorted(
        path
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts and path.name != "demo.py"
    )


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_is_longer_than_the_limit(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= LIMIT, f"{path.relative_to(SRC)} has {lines} lines (limit {LIMIT}): split it"
