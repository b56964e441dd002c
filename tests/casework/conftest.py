"""Fixtures shared by the casework tests."""

from __future__ import annotations

import pytest

from pik.core.roles import Role
from tests.casework.factories import staff


@pytest.fixture
def im(world):  # type: ignore[no-untyped-def]
    """An integration manager in Kreis A."""
    return staff(Role.INTEGRATION_MANAGER, world.kreis_a)
