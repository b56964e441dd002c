"""The duplicate warning measured on labelled name pairs (tests/casework/data/name_pairs.csv).

The pairs were written from knowledge of Arabic, Persian, Turkish, Ukrainian and Russian naming
and transliteration: true variants of one person's name (spelling, spacing, particles, order,
Cyrillic and Latin) and different people with similar names. Labels are the truth, not what the
matcher does; the misses stay in the list and count. The rows noted "later:" were written after
the folds were fixed and never used to change them: their figures are printed on their own.
"""

import csv
from pathlib import Path

from pik.casework.matching import same_person

PAIRS = Path(__file__).parent / "data" / "name_pairs.csv"


def _pairs() -> list[dict[str, str]]:
    with PAIRS.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _score(rows: list[dict[str, str]]) -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    misses = []
    for row in rows:
        said = same_person(row["first_a"], row["last_a"], row["first_b"], row["last_b"])
        truth = row["same"] == "1"
        tp += said and truth
        fp += said and not truth
        fn += truth and not said
        if said != truth:
            misses.append(f"{'FN' if truth else 'FP'}: {row}")
    return tp / (tp + fn), tp / (tp + fp), misses


def test_labelled_pairs_reach_recall_and_precision() -> None:
    rows = _pairs()
    assert len(rows) >= 300
    same = sum(r["same"] == "1" for r in rows)
    recall, precision, misses = _score(rows)
    later = [r for r in rows if r["note"].startswith("later:")]
    later_recall, later_precision, _ = _score(later)
    print(f"\nname pairs: {len(rows)} ({same} same, {len(rows) - same} different)")
    print(f"recall {recall:.3f}  precision {precision:.3f}")
    print(
        f"written later ({len(later)}): recall {later_recall:.3f}  precision {later_precision:.3f}"
    )
    print("\n".join(misses))
    assert recall >= 0.95
    assert precision >= 0.9


def test_reported_case_meets() -> None:
    assert same_person("Muhamad", "Al Hasan", "Muhamad", "Al-Hasan")
