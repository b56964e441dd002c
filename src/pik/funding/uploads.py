"""The contingent upload: persons per Gemeinde from a CSV or XLSX, read by the kernel's reader."""

from __future__ import annotations

from dataclasses import dataclass

from pik.core import tables
from pik.core.uploads import UploadError


@dataclass(frozen=True)
class PersonRow:
    line: int
    ags: str
    persons: str


def read_person_rows(data: tables.Source, filename: str) -> list[PersonRow]:
    """Rows (AGS, persons) from a CSV or XLSX upload, told apart by content.

    ``data`` may be the upload itself: it is size-checked before reading and then streamed
    (``pik.core.tables``), so a large file never sits in memory whole.
    """
    rows = tables.read_rows(data, name=filename)
    first = next(rows, None)
    if first is None:
        raise UploadError("Die Datei ist leer.")
    header = [c.strip().lower() for c in first[1]]
    if "ags" not in header or ("persons" not in header and "personen" not in header):
        raise UploadError(
            "Die erste Zeile muss die Spalten „ags“ und „personen“ (oder „persons“) benennen."
        )
    ags_col = header.index("ags")
    persons_col = header.index("personen") if "personen" in header else header.index("persons")
    result = []
    for line, row in rows:
        if not any(c.strip() for c in row):
            continue
        cells = [*row, *[""] * len(header)]  # short rows: missing cells are empty
        result.append(PersonRow(line, cells[ags_col].strip(), cells[persons_col].strip()))
    return result
