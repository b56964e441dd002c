"""Tables in and out: the one CSV/XLSX reader and the one XLSX writer of the application.

Reading is bounded before anything is read (file size), streamed (CSV through a text wrapper
over the file, XLSX in openpyxl's read-only mode) and capped while it runs (rows, columns), and
an XLSX is checked as a zip (member count, unpacked size, compression ratio) before openpyxl
opens it: a 49 MB CSV once took a server process to 1.3 GB, and a few kilobytes of zip can
unpack to gigabytes.

Writing neutralises spreadsheet formulas: a text that starts like a formula (``=``, ``+``,
``-``, ``@``, tab, carriage return) is stored as a string cell with the quote prefix set, so
neither Excel nor LibreOffice evaluates it, not even after the cell is edited. Numbers and dates
stay numbers and dates, shown German: money as ``#.##0,00 €``, other decimals as ``#.##0,00``,
dates as ``TT.MM.JJJJ`` (Excel keeps number formats locale-neutral, so the stored codes are
``#,##0.00 "€"`` and ``DD.MM.YYYY``; a German Excel or LibreOffice shows them the German way).
Every sheet has a bold, frozen header row with an autofilter and columns as wide as their
content. A CSV (``csv_bytes``) gets a leading apostrophe on such text. Every export writes
through ``workbook_bytes`` or ``csv_bytes`` (tests/core/test_tables.py checks that no other module
writes CSV or XLSX).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import itertools
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any, Literal

from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from pik.core.numbers import format_number
from pik.core.uploads import UploadError, check_size

MAX_TABLE_BYTES = 5 * 1024 * 1024
MAX_TABLE_ROWS = 50_000
MAX_TABLE_COLUMNS = 100
MAX_XLSX_UNPACKED_BYTES = 30 * 1024 * 1024
MAX_XLSX_MEMBERS = 200
# Sheets written by Excel, LibreOffice or openpyxl pack 5–15:1; a zip bomb packs 1,000:1 and more.
# Small members are exempt: a few kilobytes of repeated XML may pack well without any harm.
MAX_XLSX_RATIO = 100
RATIO_EXEMPT_BYTES = 1024 * 1024

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ZIP_MAGIC = b"PK\x03\x04"

Source = bytes | str | IO[bytes]
Row = tuple[int, list[str]]  # (line or row number in the file, cells as text)


def _mb(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


def _thousands(number: int) -> str:
    return format_number(number, 0, language="de")  # 50.000, German grouping


# --- Reading --------------------------------------------------------------------------------


def read_rows(
    source: Source,
    *,
    name: str,
    delimiter: str | None = None,
    allow_xlsx: bool = True,
    max_bytes: int = MAX_TABLE_BYTES,
    max_rows: int = MAX_TABLE_ROWS,
) -> Iterator[Row]:
    """(line, cells) of a CSV or XLSX table, told apart by content, never by the file name.

    The size is checked here, before a byte is read; rows, columns, encoding and the XLSX
    container are checked while iterating. Every problem is an ``UploadError`` with a German
    message that names the limit. ``delimiter=None`` takes ``;`` or ``,``, whichever the first
    line holds more of.
    """
    if isinstance(source, str):
        source = source.encode("utf-8")
    stream: IO[bytes] = io.BytesIO(source) if isinstance(source, bytes) else source
    check_size(stream, limit=max_bytes, name=name)
    head = stream.read(len(ZIP_MAGIC))
    stream.seek(0)
    if head == ZIP_MAGIC and allow_xlsx:
        _check_zip(stream, name=name)
        rows = _xlsx_rows(stream, name=name)
    else:
        rows = _csv_rows(stream, name=name, delimiter=delimiter, allow_xlsx=allow_xlsx)
    return _capped(rows, max_rows=max_rows)


def _capped(rows: Iterator[Row], *, max_rows: int) -> Iterator[Row]:
    for count, (line, cells) in enumerate(rows, start=1):
        if count > max_rows:
            raise UploadError(
                f"Die Datei hat mehr als {_thousands(max_rows)} Zeilen; mehr nimmt pik nicht an. "
                "Bitte teilen Sie die Datei auf."
            )
        if len(cells) > MAX_TABLE_COLUMNS:
            raise UploadError(
                f"Zeile {line} hat mehr als {MAX_TABLE_COLUMNS} Spalten; mehr nimmt pik nicht an."
            )
        yield line, cells


def _csv_rows(
    stream: IO[bytes], *, name: str, delimiter: str | None, allow_xlsx: bool
) -> Iterator[Row]:
    """Rows of a UTF-8 CSV, decoded and split line by line (never the whole file at once)."""
    kind = "weder eine Excel-Datei (XLSX) noch eine CSV-Datei" if allow_xlsx else "keine CSV-Datei"
    not_utf8 = f"„{name}“ ist {kind} in UTF-8."
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        first = text.readline()
        if delimiter is None:
            delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(itertools.chain([first], text), delimiter=delimiter)
        for cells in reader:
            if any("\x00" in cell for cell in cells):
                raise UploadError(f"„{name}“ ist keine Textdatei.")
            yield reader.line_num, cells
    except UnicodeDecodeError as exc:
        raise UploadError(not_utf8) from exc
    except csv.Error as exc:
        raise UploadError(f"„{name}“ ist keine lesbare CSV-Datei ({exc}).") from exc
    finally:
        with contextlib.suppress(ValueError):  # the file was closed already
            text.detach()  # else closing the wrapper would close the caller's file


def _check_zip(stream: IO[bytes], *, name: str) -> None:
    """Refuse a zip bomb by the sizes the archive declares, before openpyxl unpacks anything.

    Python's zipfile never returns more than a member's declared size, so the declared sizes
    bound what openpyxl can unpack.
    """
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadError("Die Excel-Datei kann nicht gelesen werden.") from exc
    finally:
        stream.seek(0)
    if len(members) > MAX_XLSX_MEMBERS:
        raise UploadError(
            f"Die Excel-Datei „{name}“ besteht aus mehr als {MAX_XLSX_MEMBERS} Teilen; "
            "so viele hat eine Tabelle nicht."
        )
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise UploadError(
            f"Die Excel-Datei „{name}“ ist entpackt größer als "
            f"{_mb(MAX_XLSX_UNPACKED_BYTES)}; mehr nimmt pik nicht an."
        )
    for member in members:
        if member.file_size > RATIO_EXEMPT_BYTES and member.file_size > MAX_XLSX_RATIO * max(
            member.compress_size, 1
        ):
            raise UploadError(
                f"Die Excel-Datei „{name}“ ist ungewöhnlich stark gepackt (mehr als "
                f"{MAX_XLSX_RATIO}:1) und wird zum Schutz des Servers nicht geöffnet."
            )


def _xlsx_rows(stream: IO[bytes], *, name: str) -> Iterator[Row]:
    """Rows of the first sheet, streamed (read-only mode), at most MAX_TABLE_COLUMNS wide."""
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise UploadError("Die Excel-Datei kann nicht gelesen werden.") from exc
    try:
        sheet = workbook.worksheets[0]
        declared = sheet.max_column  # from the sheet's <dimension>, None without one
        if (declared or 0) > MAX_TABLE_COLUMNS:
            raise UploadError(
                f"Die Excel-Datei „{name}“ hat mehr als {MAX_TABLE_COLUMNS} Spalten; "
                "mehr nimmt pik nicht an."
            )
        # Always a width: without one, a single cell in column XFD makes a row of 16,384.
        rows = sheet.iter_rows(values_only=True, max_col=declared or MAX_TABLE_COLUMNS)
        for number, values in enumerate(rows, start=1):
            cells = ["" if v is None else str(v) for v in values]
            while declared is None and cells and not cells[-1]:
                cells.pop()  # the padding up to MAX_TABLE_COLUMNS
            yield number, cells
    except UploadError:
        raise
    except Exception as exc:
        raise UploadError("Die Excel-Datei kann nicht gelesen werden.") from exc
    finally:
        workbook.close()


# --- Writing --------------------------------------------------------------------------------


def looks_like_formula(value: object) -> bool:
    """True for text that a spreadsheet would take as a formula (OWASP CSV injection)."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def safe_cell(cell: Cell, value: Any) -> Cell:
    """Put ``value`` into ``cell``; text that looks like a formula stays text.

    openpyxl makes every string starting with ``=`` a formula cell. Here such text becomes an
    explicit string cell (``data_type "s"``) with ``quotePrefix``, which Excel and LibreOffice
    show as typed and never evaluate.
    """
    cell.value = value
    if looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


MONEY_FORMAT = '#,##0.00 "€"'  # shown as 58.000,00 € in a German spreadsheet
DECIMAL_FORMAT = "#,##0.00"
INTEGER_FORMAT = "0"  # years and counts as typed: 2026, never 2.026
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
MIN_WIDTH, MAX_WIDTH = 8, 60

Kind = Literal["auto", "text", "money", "number"]


@dataclass(frozen=True)
class Column:
    """A header cell with the kind of its values: ``money`` writes ``#.##0,00 €``.

    ``auto`` (the default, and what a plain string header means) formats by the value: dates as
    TT.MM.JJJJ, decimals with two places, integers as typed.
    """

    label: str
    kind: Kind = "auto"


def _number_format(kind: Kind, value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return DATETIME_FORMAT
    if isinstance(value, dt.date):
        return DATE_FORMAT
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    if kind == "money":
        return MONEY_FORMAT
    return INTEGER_FORMAT if isinstance(value, int) else DECIMAL_FORMAT


def _cell_value(value: Any) -> Any:
    """Datetimes in local time without a zone: openpyxl refuses aware ones."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _shown_width(value: Any, number_format: str | None) -> int:
    if value is None:
        return 0
    if number_format == DATE_FORMAT:
        return 10
    if number_format == DATETIME_FORMAT:
        return 16
    if number_format in (MONEY_FORMAT, DECIMAL_FORMAT):
        digits = len(f"{Decimal(str(value)):,.2f}")
        return digits + (2 if number_format == MONEY_FORMAT else 0)
    return max((len(line) for line in str(value).splitlines()), default=0)


def workbook_bytes(
    title: str, header: Sequence[str | Column], rows: Iterable[Sequence[Any]]
) -> bytes:
    """An XLSX with one sheet: a bold, frozen, filterable header row and ``rows``.

    Every cell goes through ``safe_cell`` (no formulas), numbers and dates get German number
    formats by their column's kind, and each column is as wide as its longest shown value.
    """
    return workbook_sheets_bytes([Sheet(title, header, rows)])


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: its title (at most 31 characters, as Excel allows), header and
    rows."""

    title: str
    header: Sequence[str | Column]
    rows: Iterable[Sequence[Any]]


def workbook_sheets_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An XLSX with several sheets, each written as ``workbook_bytes`` writes its one."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None  # noqa: S101 - a new workbook always has one sheet
    workbook.remove(first)
    for spec in sheets:
        _fill_sheet(workbook.create_sheet(spec.title[:31]), spec.header, spec.rows)
    if not sheets:
        workbook.create_sheet("-")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill_sheet(sheet: Any, header: Sequence[str | Column], rows: Iterable[Sequence[Any]]) -> None:
    columns = [c if isinstance(c, Column) else Column(c) for c in header]
    bold = Font(bold=True)
    widths = [len(c.label) + 3 for c in columns]  # room for the filter button
    for column, spec in enumerate(columns, start=1):
        safe_cell(sheet.cell(row=1, column=column), spec.label).font = bold
    last_row = 1
    for row_number, row in enumerate(rows, start=2):
        last_row = row_number
        for column, raw in enumerate(row, start=1):
            kind = columns[column - 1].kind if column <= len(columns) else "auto"
            value = _cell_value(raw)
            cell = safe_cell(sheet.cell(row=row_number, column=column), value)
            number_format = None if kind == "text" else _number_format(kind, value)
            if number_format:
                cell.number_format = number_format
            if column > len(widths):
                widths.append(MIN_WIDTH)
            widths[column - 1] = max(widths[column - 1], _shown_width(value, number_format))
    for column, width in enumerate(widths, start=1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = min(max(width + 1, MIN_WIDTH), MAX_WIDTH)
    sheet.freeze_panes = "A2"
    if widths:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{last_row}"


def _csv_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if looks_like_formula(text) else text


def csv_bytes(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    delimiter: str = ";",
    bom: bool = True,
) -> bytes:
    """A CSV (UTF-8 with byte-order mark, ``;`` as German spreadsheets expect; open data: ``,``
    without the mark) whose text cells that look like a formula get a leading apostrophe, so no
    spreadsheet evaluates them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([_csv_cell(label) for label in header])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")
