"""Demo: the yearly key-figure drafts prepared as the January job would, for this year, so the
demo's applicants see key figures taken from case work on an interim proof of use (Böblingen's
Gemeinde: its own manager and the DRK's, to whom funds are passed on) and can confirm them.
Runs after funding, casework and network (INSTALLED_APPS order). Idempotent: the job creates and
overwrites nothing twice.
"""

from __future__ import annotations

from typing import TextIO

from django.utils import timezone

from pik.stats import proofs


def seed(*, stdout: TextIO) -> None:
    today = timezone.localdate()
    done = proofs.yearly_drafts(today=today, year=today.year, actor=None)
    if done.created or done.filled:
        stdout.write(
            f"Demo-Kennzahlen {done.year}: {done.created} Zwischennachweise angelegt, "
            f"{done.filled} aus der Fallarbeit gefüllt (zur Bestätigung).\n"
        )
