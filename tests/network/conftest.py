"""The network tests use the casework fixtures (a manager, a client record) as they are."""

from tests.casework.conftest import coordinator, im, record  # noqa: F401
