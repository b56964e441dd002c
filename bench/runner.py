"""A small benchmark runner: interleaved runs of subject and reference, median and p95.

Subject and reference run alternately in the same process, so machine noise (shared CPUs)
hits both alike; the ratio of their medians is the figure to quote.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Benchmark:
    name: str
    subject: Callable[[], Any]
    reference: Callable[[], Any] | None = None
    reference_label: str = ""
    repeat: int = 30
    warmup: int = 3
    notes: list[str] = field(default_factory=list)
    # Untimed, before every timed run of the subject (e.g. delete what the subject creates).
    setup: Callable[[], Any] | None = None
    # Untimed, once before the first run (e.g. generate the data set); may add notes.
    prepare: Callable[[], Any] | None = None
    # Runs on the throw-away benchmark database (bench/db.py), never the developer's.
    needs_db: bool = False


@dataclass
class Result:
    name: str
    median_ms: float
    p95_ms: float
    ref_median_ms: float | None
    ref_p95_ms: float | None
    repeat: int
    reference_label: str
    notes: list[str]

    @property
    def ratio(self) -> float | None:
        if self.ref_median_ms is None or self.ref_median_ms == 0:
            return None
        return self.median_ms / self.ref_median_ms


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _time(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _subject(bench: Benchmark) -> float:
    if bench.setup:
        bench.setup()
    return _time(bench.subject)


def run(bench: Benchmark) -> Result:
    if bench.prepare:
        bench.prepare()
    for _ in range(bench.warmup):
        _subject(bench)
        if bench.reference:
            bench.reference()
    subject: list[float] = []
    reference: list[float] = []
    for _ in range(bench.repeat):
        subject.append(_subject(bench))
        if bench.reference:
            reference.append(_time(bench.reference))
    return Result(
        name=bench.name,
        median_ms=statistics.median(subject),
        p95_ms=p95(subject),
        ref_median_ms=statistics.median(reference) if reference else None,
        ref_p95_ms=p95(reference) if reference else None,
        repeat=bench.repeat,
        reference_label=bench.reference_label,
        notes=bench.notes,
    )


def table(results: list[Result]) -> str:
    head = (
        f"{'benchmark':<40} {'n':>4} {'median ms':>10} {'p95 ms':>9} "
        f"{'ref median':>11} {'ref p95':>9} {'ratio':>7}"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        ref_m = f"{r.ref_median_ms:11.3f}" if r.ref_median_ms is not None else f"{'-':>11}"
        ref_p = f"{r.ref_p95_ms:9.3f}" if r.ref_p95_ms is not None else f"{'-':>9}"
        ratio = f"{r.ratio:6.2f}x" if r.ratio is not None else f"{'-':>7}"
        lines.append(
            f"{r.name:<40} {r.repeat:>4} {r.median_ms:10.3f} {r.p95_ms:9.3f} "
            f"{ref_m} {ref_p} {ratio}"
        )
    lines.append("")
    for r in results:
        if r.reference_label:
            lines.append(f"{r.name}: reference = {r.reference_label}")
        lines.extend(f"{r.name}: {note}" for note in r.notes)
    return "\n".join(lines)
