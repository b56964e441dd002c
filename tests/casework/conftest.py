"""The casework fixtures, all built by the factories (tests/casework/factories.py) through the
real services. Other apps' tests (network, stats) import the ones they need from here."""

from __future__ import annotations

import pytest

from pik.core.roles import Role
from pik.orgs.models import Kreis
from pik.orgs.services import reference_data_load
from tests.casework import factories
from tests.casework.factories import make_client, staff


@pytest.fixture
def im(world):  # type: ignore[no-untyped-def]
    """An integration manager in Kreis A."""
    return staff(Role.INTEGRATION_MANAGER, world.kreis_a)


@pytest.fixture
def coordinator(world):  # type: ignore[no-untyped-def]
    """The Kreis coordinator of Kreis A."""
    return staff(Role.KREIS_COORDINATOR, world.kreis_a)


@pytest.fixture
def record(im, world):  # type: ignore[no-untyped-def]
    """A client record of ``im`` in Kreis A, with the participation consent."""
    return make_client(im, world.kreis_a)


@pytest.fixture
def record_with_plan(im, world):  # type: ignore[no-untyped-def]
    """The same, with an integration plan (so every page about the record opens)."""
    return factories.with_plan(make_client(im, world.kreis_a), im)


@pytest.fixture
def busy(world):  # type: ignore[no-untyped-def]
    """A record in Kreis A with something in every room (see ``factories.busy_record``)."""
    return factories.busy_record(world.kreis_a)


@pytest.fixture
def committed(django_db_blocker):  # type: ignore[no-untyped-def]
    """For tests that commit (``transactional_db``, requested after this fixture): the flush at
    their end may empty every table, so the reference data the rest of the session expects is
    loaded again afterwards, and before the test if an earlier one left it empty."""
    with django_db_blocker.unblock():
        if not Kreis.objects.exists():
            reference_data_load()
    yield
    with django_db_blocker.unblock():
        if not Kreis.objects.exists():
            reference_data_load()
