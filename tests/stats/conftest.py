"""The stats tests use the casework fixtures (a manager, a coordinator) as they are."""

from tests.casework.conftest import coordinator, im, record  # noqa: F401
