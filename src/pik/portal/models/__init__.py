"""The portal's tables (one module per seam; the documents helper adds ``documents``)."""

from pik.portal.models.pages import FaqCategory, FaqEntry, FaqProgramme, Page, PageVersion

__all__ = ["FaqCategory", "FaqEntry", "FaqProgramme", "Page", "PageVersion"]
