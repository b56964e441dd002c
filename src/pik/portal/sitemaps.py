"""/sitemap.xml (Django's sitemaps framework): every public page of the portal."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from pik.funding import selectors as funding
from pik.portal.selectors import faq as faq_selectors
from pik.portal.selectors import pages as page_selectors

FIXED = [
    "portal:home",
    "portal:faq",
    "portal:impressum",
    "portal:datenschutz",
    "portal:barrierefreiheit",
]


class FixedPages(Sitemap):
    def items(self) -> list[str]:
        return FIXED + [f"programme:{p.code}" for p in funding.programme_list()]

    def location(self, item: str) -> str:
        if item.startswith("programme:"):
            return reverse("portal:programme", args=[item.split(":", 1)[1]])
        return reverse(item)


class EditedPages(Sitemap):
    def items(self) -> Any:
        return page_selectors.published_pages().order_by("path")

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


class FaqEntries(Sitemap):
    def items(self) -> Any:
        return faq_selectors.published_faq().order_by("slug")

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


#: Each kind of public content adds its sitemap here (documents, events: one line each).
SITEMAPS: dict[str, type[Sitemap]] = {
    "fixed": FixedPages,
    "pages": EditedPages,
    "faq": FaqEntries,
}
