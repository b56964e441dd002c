"""Documents for download are checked by content (PDF, DOCX, XLSX); CSV export is formula-safe."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pik.core.tables import csv_bytes, workbook_bytes
from pik.core.uploads import DOCX, PDF, XLSX, UploadError, check_document

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("a.pdf", PDF_BYTES, PDF),
        ("a.DOCX", _docx(), DOCX),
        ("a.xlsx", workbook_bytes("S", ["x"], [[1]]), XLSX),
    ],
)
def test_documents_are_recognised_by_content(name: str, data: bytes, kind: str) -> None:
    assert check_document(SimpleUploadedFile(name, data)) == (data, kind)


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("a.xlsx", _docx(), "gibt sich als XLSX aus"),
        ("a.pdf", workbook_bytes("S", ["x"], [[1]]), "ist aber dem Inhalt nach Excel"),
        ("a.docx", b"PK\x03\x04 not a zip", "weder PDF noch Word"),
        ("a.exe", b"MZ\x90\x00", "weder PDF noch Word"),
        ("ohne-endung", PDF_BYTES, "unbekannter Typ"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused(name: str, data: bytes, words: str) -> None:
    with pytest.raises(UploadError, match=words):
        check_document(SimpleUploadedFile(name, data))


def test_csv_keeps_formulas_as_text() -> None:
    rows = [["=SUM(A1)", "Kreßbronn"], ["1.50", "< 5"]]
    data = csv_bytes(["a", "b"], rows, delimiter=",", bom=False).decode()
    assert csv_bytes(["a"], []).decode() == "\ufeffa\r\n"  # German spreadsheets: mark and ;
    assert data == "a,b\r\n'=SUM(A1),Kreßbronn\r\n1.50,< 5\r\n"
