"""The portal's tables, one module per seam: pages and FAQ; documents, events and notices
(Hinweise)."""

from pik.portal.models.documents import Document, DocumentVersion
from pik.portal.models.events import Event, EventFile
from pik.portal.models.notices import Announcement
from pik.portal.models.pages import FaqCategory, FaqEntry, FaqProgramme, Page, PageVersion

__all__ = [
    "Announcement",
    "Document",
    "DocumentVersion",
    "Event",
    "EventFile",
    "FaqCategory",
    "FaqEntry",
    "FaqProgramme",
    "Page",
    "PageVersion",
]
