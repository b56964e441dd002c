"""Data for benchmarks: the real 1,101 Gemeinden and synthetic, Germany-sized sets."""

from __future__ import annotations

import csv
import random
from pathlib import Path

GEMEINDEN_CSV = Path(__file__).resolve().parent.parent / "src/pik/orgs/data/bw_gemeinden.csv"


def gemeinde_populations() -> dict[str, int]:
    with GEMEINDEN_CSV.open(encoding="utf-8") as fh:
        return {row["ags"]: int(row["population"]) for row in csv.DictReader(fh)}


def synthetic_populations(n: int, seed: int = 2017) -> dict[str, int]:
    """``n`` municipalities with a long-tailed size distribution like Germany's (~11,000)."""
    rng = random.Random(seed)
    return {f"{i:08d}": max(1, int(rng.lognormvariate(8.0, 1.3))) for i in range(n)}
