"""What the portal's editor views share: the signed-in editor, or 404 for everybody else."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.http import FileResponse, HttpRequest

from pik.portal import rules

if TYPE_CHECKING:
    from django.db.models.fields.files import FieldFile

    from pik.orgs.models import User


def editor_of(request: HttpRequest) -> User:
    """The signed-in portal editor; 403 with the reason for every other user (editing the public
    portal is no secret; the views are login_required)."""
    rules.require_portal_editor(request.user)
    return cast("User", request.user)


def download(file: FieldFile, *, name: str, content_type: str) -> FileResponse:
    """A stored file as an attachment with its original name (never guessed, never inline)."""
    response = FileResponse(file.open("rb"), as_attachment=True, filename=name)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response
