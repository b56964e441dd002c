"""Reads of pages: what is public (published, publication date reached), and the editors' view.

Public content has no tenancy: its scope is "published". Editors' reads check the editor rule
and go through ``get_visible_or_404`` like every other record.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from pik.core.scoping import get_visible_or_404, visible
from pik.portal import rules
from pik.portal.models import Page, PageVersion


def published_pages() -> QuerySet[Page]:
    """Every page a visitor may read now."""
    now = timezone.now()
    return Page.objects.filter(is_published=True).filter(
        Q(publish_at__isnull=True) | Q(publish_at__lte=now)
    )


def page_public(*, path: str) -> Page:
    """One public page by its address, or 404 (drafts and pages not yet due are not there)."""
    page = published_pages().filter(path=path.strip("/")).select_related("parent").first()
    if page is None:
        raise Http404
    return page


def breadcrumbs(*, page: Page) -> list[Page]:
    """The page's ancestors, the top first (the page itself not included)."""
    trail: list[Page] = []
    parent = page.parent
    while parent is not None:
        trail.insert(0, parent)
        parent = parent.parent
    return trail


def child_pages(*, page: Page | None) -> list[Page]:
    """The published pages directly below ``page`` (below the top when None)."""
    return list(published_pages().filter(parent=page).order_by("position", "title_de"))


#: The editors' page list's sortable columns (``pik.core.sorting``): key → fields.
PAGE_SORT_COLUMNS = {
    "titel": ("title_de",),
    "adresse": ("path",),
    "stand": ("is_published", "publish_at"),
    "version": ("version",),
}
PAGE_SORT_DEFAULT = "adresse"


def pages_for_editor(*, user: Any, order: Sequence[str] = ("path", "pk")) -> list[Page]:
    rules.require_portal_editor(user)
    return list(visible(Page.objects.select_related("updated_by"), user).order_by(*order))


def page_for_editor(*, user: Any, pk: int) -> Page:
    rules.require_portal_editor(user)
    return get_visible_or_404(Page.objects.select_related("parent"), user, pk=pk)


def parent_choices(*, user: Any, page: Page | None = None) -> QuerySet[Page]:
    """Pages a page may be put under (not itself, nor anything below it)."""
    rules.require_portal_editor(user)
    pages = visible(Page.objects.all(), user).order_by("path")
    if page is not None:
        pages = pages.exclude(pk=page.pk).exclude(path__startswith=f"{page.path}/")
    return pages


def page_versions(*, user: Any, page: Page) -> list[PageVersion]:
    rules.require_portal_editor(user)
    return list(
        visible(PageVersion.objects.filter(page=page), user)
        .select_related("saved_by")
        .order_by("-number")
    )
