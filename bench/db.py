"""A throw-away database for benchmarks, never the developer's.

SQLite: the file ``var/bench.sqlite3`` (a file, so worker processes can share it).
PostgreSQL (``DATABASE_URL=postgres://.../pik_bench``): a database named ``pik_bench_tmp``
(or ``<name>_tmp`` when the configured name already starts with ``pik_bench``).
Both are created with Django's test utilities, migrated, loaded with the reference data and
dropped again at the end of the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

PREFIX = "pik_bench"


@dataclass(frozen=True)
class BenchDatabase:
    vendor: str
    name: str
    old_name: str

    @property
    def url(self) -> str:
        """A DATABASE_URL for subprocesses (the task workers) that points at this database."""
        from django.db import connection

        s = connection.settings_dict
        if self.vendor == "sqlite":
            return f"sqlite:///{self.name}"
        auth = quote(s["USER"] or "")
        if s.get("PASSWORD"):
            auth += ":" + quote(s["PASSWORD"])
        host = f"{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
        return f"postgres://{host}/{self.name}"


_active: BenchDatabase | None = None


def test_name(vendor: str, configured: str) -> str:
    from django.conf import settings

    if vendor == "sqlite":
        return str(settings.VAR_DIR / "bench.sqlite3")
    if vendor != "postgresql":
        raise SystemExit(f"Benchmarks laufen auf SQLite oder PostgreSQL, nicht auf {vendor}.")
    return f"{configured}_tmp" if configured.startswith(PREFIX) else f"{PREFIX}_tmp"


def bench_database() -> BenchDatabase:
    """Create, migrate and fill the throw-away database (once per process)."""
    global _active  # noqa: PLW0603 - one database per benchmark run
    if _active is not None:
        return _active
    from django.conf import settings
    from django.db import connection

    from pik.orgs.services import reference_data_load

    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    old_name = connection.settings_dict["NAME"]
    name = test_name(connection.vendor, str(old_name))
    connection.settings_dict.setdefault("TEST", {})["NAME"] = name
    # No setup_test_environment(): it instruments template rendering with signals, which
    # would slow down the pages we time. Production-like: no query log, no debug pages.
    settings.DEBUG = False
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    reference_data_load()
    _active = BenchDatabase(vendor=connection.vendor, name=name, old_name=str(old_name))
    return _active


def drop_bench_database() -> None:
    global _active  # noqa: PLW0603 - one database per benchmark run
    if _active is None:
        return
    from django.db import connection

    connection.creation.destroy_test_db(_active.old_name, verbosity=0)
    _active = None
