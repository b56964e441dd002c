"""The portal's own content: documents, events and notices (Hinweise)."""

from pik.portal.models.documents import Document, DocumentVersion
from pik.portal.models.events import Event, EventFile
from pik.portal.models.notices import Announcement

__all__ = ["Announcement", "Document", "DocumentVersion", "Event", "EventFile"]
