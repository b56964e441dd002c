"""Run pik's benchmarks and print a table: `python -m bench [name-fragment ...]`."""

from __future__ import annotations

import importlib
import os
import platform
import sys
from pathlib import Path

MODULES = [
    "bench.bench_allocate",
    "bench.bench_contingents",
    "bench.bench_workbench",
    "bench.bench_notices",
    "bench.bench_casework",
    "bench.bench_interest",
    "bench.bench_keyfigures",
    "bench.bench_keyfigures_export",
    "bench.bench_ledger",
    "bench.bench_figures",
]


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pik.settings")
    import django

    django.setup()
    from bench.runner import run, table

    wanted = [a.lower() for a in argv]
    benches = []
    for module in MODULES:  # a fragment of the name or of the module (``keyfigures``)
        short = module.rsplit(".", 1)[-1].removeprefix("bench_")
        benches += [
            b
            for b in importlib.import_module(module).benchmarks()
            if not wanted or any(w in b.name.lower() or w == short for w in wanted)
        ]
    database = "-"
    if any(b.needs_db for b in benches):
        from bench.db import bench_database

        print("… Benchmark-Datenbank anlegen", file=sys.stderr, flush=True)
        db = bench_database()
        database = f"{db.vendor} {db.name}"
    results = []
    try:
        for bench in benches:
            print(f"… {bench.name}", file=sys.stderr, flush=True)
            results.append(run(bench))
    finally:
        from bench.db import drop_bench_database

        drop_bench_database()
    print(
        f"pik bench — Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {platform.machine()}, database: {database}"
    )
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main(sys.argv[1:]))
