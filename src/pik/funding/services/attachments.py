"""Attachments of an application: checked by content, stored under their hash."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from pik.core import audit
from pik.core.uploads import UploadError, check_attachment
from pik.funding.models import Application, ApplicationEvent, Attachment
from pik.funding.services.applications import _editable, _lock
from pik.orgs.models import User


def _open_request(application: Application) -> ApplicationEvent | None:
    """The request for information an upload answers: the latest, while it is open."""
    if application.status != Application.Status.INFO_REQUESTED:
        return None
    return (
        ApplicationEvent.objects.filter(application=application, action="request_info")
        .order_by("-created_at", "-pk")
        .first()
    )


@transaction.atomic
def attachment_add(*, application: Application, upload: UploadedFile, actor: User) -> Attachment:
    """A PDF or image, checked by its content (not its name) before it is stored."""
    application = _lock(application, None)
    _editable(application, actor)
    try:
        data, kind = check_attachment(upload)
    except UploadError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    attachment = Attachment(
        application=application,
        answers=_open_request(application),
        original_name=(upload.name or "Anlage")[:255],
        content_type=kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[kind]
    attachment.file.save(f"{attachment.sha256[:16]}.{extension}", ContentFile(data), save=False)
    attachment.save()
    audit.record(
        actor=actor,
        action="attachment.add",
        target=application,
        name=attachment.original_name,
        size=len(data),
    )
    return attachment
