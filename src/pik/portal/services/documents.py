"""Documents for download: a new document or a new version of one, checked by content."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from pik.core import audit
from pik.core.validation import clean_text, raise_if
from pik.portal import rules
from pik.portal.editing import check_programme, check_upload, content_changed, stored_name
from pik.portal.models import Document, DocumentVersion

if TYPE_CHECKING:
    from pik.orgs.models import User


@transaction.atomic
def document_upload(
    *,
    upload: UploadedFile | None,
    valid_from: dt.date | None,
    actor: User | None,
    document: Document | None = None,
    title: str = "",
    category: str = "",
    programme_code: str = "",
    description: str = "",
) -> DocumentVersion:
    """A new document with its first file, or (``document`` given) a new version of it. The
    older versions stay and are shown as such."""
    rules.require_editor(actor, "Dokumente hochladen")
    errors: dict[str, str] = {}
    if document is None:
        title, error = clean_text(title, label="Der Titel", max_length=200, required=True)
        if error:
            errors["title"] = error
        if category not in Document.Category.values:
            errors["category"] = (
                "Bitte eine Kategorie wählen: Rechtsgrundlage, Arbeitshilfe oder Formular. "
                "Ein Dokument ohne Kategorie wird nicht veröffentlicht."
            )
        programme_code = check_programme(programme_code, errors)
        description, error = clean_text(description, label="Die Beschreibung", max_length=2000)
        if error:
            errors["description"] = error
    if valid_from is None:
        errors["valid_from"] = "Bitte angeben, ab wann das Dokument gilt."
    data, kind = check_upload(upload, errors)
    raise_if(errors)
    if document is None:
        document = Document.objects.create(
            title=title, category=category, programme_code=programme_code, description=description
        )
    assert upload is not None and valid_from is not None  # noqa: S101 - checked above
    version = DocumentVersion(
        document=document,
        valid_from=valid_from,
        original_name=(upload.name or "Dokument")[:255],
        content_type=kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
    version.file.save(stored_name(data, kind), ContentFile(data), save=False)
    version.save()
    audit.record(
        actor=actor,
        action="portal.document_upload",
        target=document,
        name=version.original_name,
        valid_from=valid_from.isoformat(),
        size=len(data),
    )
    transaction.on_commit(content_changed)
    return version
