"""Every write of the portal's own content: documents, events, notices (one module per seam)."""

from pik.portal.services.documents import document_upload
from pik.portal.services.events import event_file_add, event_save
from pik.portal.services.notices import (
    announcement_create,
    announcement_publish,
    announcement_unpublish,
)

__all__ = [
    "announcement_create",
    "announcement_publish",
    "announcement_unpublish",
    "document_upload",
    "event_file_add",
    "event_save",
]
