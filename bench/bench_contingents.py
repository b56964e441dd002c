"""Contingents: compute and save through contingents_import, for 1,101 and 11,000 Gemeinden.

Target (issue): under 1 s on SQLite and PostgreSQL. Reference: the same CSV parsed and the
same amounts computed in memory only, without any database access.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.data import gemeinde_populations, persons_csv, synthetic_gemeinden
from bench.runner import Benchmark

TARGET_MS = 1000.0


@dataclass
class ContingentCase:
    synthetic: int | None
    data: bytes = b""
    state: dict[str, object] = field(default_factory=dict)

    def prepare(self) -> None:
        from pik.funding.demo import PERSONS_PER_INHABITANT
        from pik.funding.models import Programme, RuleVersion

        populations = (
            synthetic_gemeinden(self.synthetic) if self.synthetic else gemeinde_populations()
        )
        self.data = persons_csv(populations, PERSONS_PER_INHABITANT)
        programme = Programme.objects.get(code="im")
        self.state["programme"] = programme
        self.state["rule"] = (
            RuleVersion.objects.filter(programme=programme, reference_date__isnull=False)
            .order_by("-effective_from")
            .first()
        )

    def delete(self) -> None:
        from pik.funding.models import Contingent

        Contingent.objects.filter(programme=self.state["programme"]).delete()

    def save(self) -> None:
        from pik.funding import services

        result = services.contingents_import(
            year=2020,
            programme=self.state["programme"],  # type: ignore[arg-type]
            data=self.data,
            filename="bench-personen.csv",
            actor=None,
        )
        if result.errors:
            raise RuntimeError(result.errors[:3])

    def in_memory(self) -> None:
        from pik.funding import calculation
        from pik.funding.uploads import read_person_rows

        rule = self.state["rule"]
        for row in read_person_rows(self.data, "bench-personen.csv"):
            calculation.contingent_amount(rule, int(row.persons))  # type: ignore[arg-type]


def benchmarks() -> list[Benchmark]:
    result = []
    for label, synthetic, repeat in (
        ("1,101 Gemeinden", None, 20),
        ("11,000 synthetic", 11_000, 10),
    ):
        case = ContingentCase(synthetic)
        reference = "parse the same CSV and compute each amount in memory (no database)"
        notes = [f"target: median under {TARGET_MS:.0f} ms (issue)"]
        for kind, setup, what in (
            ("import", case.delete, "new contingents (insert)"),
            ("re-import", None, "existing contingents (update)"),
        ):
            result.append(
                Benchmark(
                    name=f"contingents {kind} {label}",
                    subject=case.save,
                    setup=setup,
                    prepare=case.prepare,
                    reference=case.in_memory,
                    reference_label=f"{reference}; subject: {what}",
                    repeat=repeat,
                    warmup=2,
                    notes=notes,
                    needs_db=True,
                )
            )
    return result
