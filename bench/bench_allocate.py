"""allocate(): largest-remainder split of a budget over all Gemeinden."""

from __future__ import annotations

from decimal import Decimal

from bench.data import gemeinde_populations, synthetic_populations
from bench.runner import Benchmark
from pik.core.money import CENT, allocate

TOTAL = Decimal("58000000.00")


def plain_split(total: Decimal, weights: dict[str, int]) -> dict[str, Decimal]:
    """The naive proportional split: each share rounded on its own (may miss the total)."""
    weight_sum = sum(weights.values())
    return {k: (total * w / weight_sum).quantize(CENT) for k, w in weights.items()}


def benchmarks() -> list[Benchmark]:
    result = []
    for label, weights in (
        ("allocate 1,101 Gemeinden", gemeinde_populations()),
        ("allocate 11,000 synthetic", synthetic_populations(11_000)),
    ):
        exact = sum(allocate(TOTAL, weights).values())
        naive = sum(plain_split(TOTAL, weights).values())
        result.append(
            Benchmark(
                name=label,
                subject=lambda w=weights: allocate(TOTAL, w),
                reference=lambda w=weights: plain_split(TOTAL, w),
                reference_label="plain proportional split, each share rounded alone (Decimal)",
                notes=[
                    f"allocate sums to {exact} (exact); the plain split sums to {naive} "
                    f"({(naive - TOTAL) * 100:+} cent)"
                ],
            )
        )
    return result
