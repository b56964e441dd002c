"""Portal pages show the programme data: make sure it is there, also after a test flushed it."""

from __future__ import annotations

import pytest
from django.apps import apps

from pik.funding.reference import ensure_reference_data
from pik.portal.seed import ensure_seed_content


@pytest.fixture(autouse=True)
def programme_data(request: pytest.FixtureRequest) -> None:
    """The funding reference data (programmes, budgets, rule versions, courts), idempotent."""
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("db")
    ensure_reference_data(apps)
    ensure_seed_content(apps)  # the portal's first pages and FAQ
