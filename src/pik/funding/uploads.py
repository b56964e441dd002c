"""Reading uploads by their content, never by their file name."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from openpyxl import load_workbook

from pik.core.uploads import UploadError


@dataclass(frozen=True)
class PersonRow:
    line: int
    ags: str
    persons: str


def read_person_rows(data: bytes, filename: str) -> list[PersonRow]:
    """Rows (AGS, persons) from a CSV or XLSX upload, told apart by content."""
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadError(
            f"„{filename}“ ist weder eine Excel-Datei (XLSX) noch eine CSV-Datei in UTF-8."
        ) from exc
    if "\x00" in text:
        raise UploadError(f"„{filename}“ ist keine Textdatei.")
    dialect = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=dialect)
    rows = list(reader)
    return _rows_from_table(rows)


def _read_xlsx(data: bytes) -> list[PersonRow]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise UploadError("Die Excel-Datei kann nicht gelesen werden.") from exc
    sheet = workbook.worksheets[0]
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return _rows_from_table(rows)


def _rows_from_table(rows: list[list[str]]) -> list[PersonRow]:
    if not rows:
        raise UploadError("Die Datei ist leer.")
    header = [c.strip().lower() for c in rows[0]]
    if "ags" not in header or ("persons" not in header and "personen" not in header):
        raise UploadError(
            "Die erste Zeile muss die Spalten „ags“ und „personen“ (oder „persons“) benennen."
        )
    ags_col = header.index("ags")
    persons_col = header.index("personen") if "personen" in header else header.index("persons")
    result = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        cells = [*row, "", ""]
        result.append(PersonRow(number, cells[ags_col].strip(), cells[persons_col].strip()))
    return result
