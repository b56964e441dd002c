"""What the portal's services share: programme and link checks, the hook after publishing."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator

from pik.core.uploads import DOCUMENT_TYPES, UploadError, check_document
from pik.funding import selectors as funding
from pik.portal.cache import bump_portal_version


def check_programme(code: str, errors: dict[str, str]) -> str:
    """An empty code (for every programme) or the code of an existing programme."""
    code = (code or "").strip()
    if code and code not in {p.code for p in funding.programme_list()}:
        errors["programme_code"] = f"Ein Förderprogramm „{code}“ gibt es nicht."
    return code


def content_changed() -> None:
    """Runs after every change to what visitors see: every cached portal page is stale."""
    bump_portal_version()


def check_url(value: str, label: str, key: str, errors: dict[str, str]) -> str:
    value = (value or "").strip()
    if value:
        try:
            URLValidator(schemes=["https", "http"])(value)
        except ValidationError:
            errors[key] = f"{label} ist keine gültige Internetadresse (https://…)."
    return value


def check_upload(upload: UploadedFile | None, errors: dict[str, str]) -> tuple[bytes, str]:
    """The bytes and checked type of a PDF, DOCX or XLSX; an error under "file" otherwise."""
    if upload is None:
        errors["file"] = "Bitte eine Datei (PDF, DOCX oder XLSX) auswählen."
        return b"", ""
    try:
        return check_document(upload)
    except UploadError as exc:
        errors["file"] = str(exc)
        return b"", ""


def stored_name(data: bytes, kind: str) -> str:
    """Files are stored under their hash, never under a name a visitor chose."""
    return f"{hashlib.sha256(data).hexdigest()[:16]}.{DOCUMENT_TYPES[kind][0]}"
