"""Every write of the portal, one module per seam: pages and FAQ; documents, events, notices."""

from pik.portal.services.documents import document_upload
from pik.portal.services.events import event_file_add, event_save
from pik.portal.services.faq import faq_create, faq_update
from pik.portal.services.notices import (
    announcement_create,
    announcement_publish,
    announcement_unpublish,
)
from pik.portal.services.pages import page_create, page_restore, page_update

__all__ = [
    "announcement_create",
    "announcement_publish",
    "announcement_unpublish",
    "document_upload",
    "event_file_add",
    "event_save",
    "faq_create",
    "faq_update",
    "page_create",
    "page_restore",
    "page_update",
]
