"""Every write of the portal (pages, FAQ here; the documents helper adds its own modules)."""

from pik.portal.services.faq import faq_create, faq_update
from pik.portal.services.pages import page_create, page_restore, page_update

__all__ = ["faq_create", "faq_update", "page_create", "page_restore", "page_update"]
