"""Checking uploaded files by their content, never by their file name (shared by every app)."""

from __future__ import annotations

import io
import os
import zipfile
from typing import IO

from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"


class UploadError(ValueError):
    pass


def sniff(data: bytes) -> str | None:
    """The real type of a file from its first bytes (PDF, PNG or JPEG), else None."""
    if data.startswith(b"%PDF-") and b"%%EOF" in data[-2048:]:
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    return None


def size_of(upload: UploadedFile | IO[bytes]) -> int:
    """The size of an upload or file without reading it (Django knows it; a file can seek)."""
    size = getattr(upload, "size", None)
    if isinstance(size, int):
        return size
    position = upload.tell()
    size = upload.seek(0, os.SEEK_END)
    upload.seek(position)
    return size


def check_size(upload: UploadedFile | IO[bytes], *, limit: int, name: str | None = None) -> None:
    """Refuse a file larger than ``limit`` bytes before a byte of it is read into memory."""
    if size_of(upload) > limit:
        label = name or getattr(upload, "name", None) or "Datei"
        raise UploadError(
            f"Die Datei „{label}“ ist größer als {limit // (1024 * 1024)} MB; "
            "größere Dateien nimmt pik nicht an."
        )


def check_attachment(upload: UploadedFile) -> tuple[bytes, str]:
    """The file's bytes and checked type; ``UploadError`` with a German message otherwise."""
    check_size(upload, limit=MAX_ATTACHMENT_BYTES)
    data = upload.read(MAX_ATTACHMENT_BYTES + 1)  # never more, whatever the size claimed
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise UploadError(
            f"Die Datei „{upload.name}“ ist größer als {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB."
        )
    kind = sniff(data)
    if kind is None:
        raise UploadError(
            f"Die Datei „{upload.name}“ ist kein PDF und kein Bild (PNG/JPEG) – "
            "geprüft wird der Inhalt, nicht die Endung."
        )
    if kind in (PNG, JPEG):
        try:
            Image.open(io.BytesIO(data)).verify()
        except (UnidentifiedImageError, OSError, SyntaxError) as exc:
            raise UploadError(f"Das Bild „{upload.name}“ ist beschädigt.") from exc
    return data, kind


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_DOCX_MEMBERS = 500
MAX_DOCX_UNPACKED_BYTES = 50 * 1024 * 1024


def _is_docx(data: bytes, name: str) -> bool:
    """A Word document (DOCX): a zip with the document part, refused if it unpacks too large."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        return False
    if len(members) > MAX_DOCX_MEMBERS or sum(m.file_size for m in members) > (
        MAX_DOCX_UNPACKED_BYTES
    ):
        raise UploadError(
            f"Das Dokument „{name}“ ist entpackt größer als "
            f"{MAX_DOCX_UNPACKED_BYTES // (1024 * 1024)} MB und wird nicht angenommen."
        )
    return True


def check_report(upload: UploadedFile) -> tuple[bytes, str]:
    """A written report (e.g. the Sachbericht): PDF or Word (DOCX), checked by content, a DOCX
    refused if it unpacks too large; ``UploadError`` otherwise."""
    check_size(upload, limit=MAX_ATTACHMENT_BYTES)
    data = upload.read(MAX_ATTACHMENT_BYTES + 1)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise UploadError(
            f"Die Datei „{upload.name}“ ist größer als {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB."
        )
    if sniff(data) == PDF:
        return data, PDF
    if _is_docx(data, upload.name or "Dokument"):
        return data, DOCX
    raise UploadError(
        f"Die Datei „{upload.name}“ ist kein PDF und kein Word-Dokument (DOCX) – "
        "geprüft wird der Inhalt, nicht die Endung."
    )


# --- Documents for download: PDF, Word and Excel files -----------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCUMENT_TYPES = {
    PDF: ("pdf", "PDF"),
    DOCX: ("docx", "Word (DOCX)"),
    XLSX: ("xlsx", "Excel (XLSX)"),
}
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
_OOXML_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}


def sniff_office(data: bytes) -> str | None:
    """DOCX or XLSX by the parts inside the zip (the name says nothing), else None."""
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for part, kind in _OOXML_PARTS.items() if part in names), None)


def check_document(upload: UploadedFile) -> tuple[bytes, str]:
    """A PDF, DOCX or XLSX whose content is what its name claims; ``UploadError`` otherwise."""
    check_size(upload, limit=MAX_DOCUMENT_BYTES)
    data = upload.read(MAX_DOCUMENT_BYTES + 1)
    name = upload.name or "Datei"
    if len(data) > MAX_DOCUMENT_BYTES:
        raise UploadError(f"Die Datei „{name}“ ist größer als {MAX_DOCUMENT_BYTES // 2**20} MB.")
    kind = PDF if sniff(data) == PDF else sniff_office(data)
    if kind is None:
        raise UploadError(
            f"Die Datei „{name}“ ist weder PDF noch Word (DOCX) noch Excel (XLSX) – "
            "geprüft wird der Inhalt, nicht die Endung."
        )
    extension, label = DOCUMENT_TYPES[kind]
    claimed = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if claimed != extension:
        raise UploadError(
            f"Die Datei „{name}“ gibt sich als {claimed.upper() or 'unbekannter Typ'} aus, "
            f"ist aber dem Inhalt nach {label}. Bitte die richtige Datei hochladen."
        )
    return data, kind
