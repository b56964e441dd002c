"""Reads of the FAQ: published entries grouped by topic, one entry by its deep link."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from pik.core.scoping import get_visible_or_404, visible
from pik.portal import rules
from pik.portal.models import FaqCategory, FaqEntry


@dataclass
class FaqTopic:
    code: str
    label: str
    entries: list[FaqEntry]


def published_faq() -> QuerySet[FaqEntry]:
    return FaqEntry.objects.filter(is_published=True)


def faq_topics() -> list[FaqTopic]:
    """The published questions grouped by topic, in the topics' order; empty topics left out."""
    entries = list(published_faq().order_by("position", "pk"))
    topics = []
    for code, label in FaqCategory.choices:
        inside = [e for e in entries if e.category == code]
        if inside:
            topics.append(FaqTopic(code, str(label), inside))
    return topics


def faq_public(*, slug: str) -> FaqEntry:
    entry = published_faq().filter(slug=slug).first()
    if entry is None:
        raise Http404
    return entry


#: The editors' FAQ list's sortable columns (``pik.core.sorting``); by topic: in the
#: order the portal shows them.
FAQ_SORT_COLUMNS = {
    "frage": ("question_de",),
    "thema": ("category", "position"),
    "stand": ("is_published",),
}
FAQ_SORT_DEFAULT = "thema"


def faqs_for_editor(
    *, user: Any, order: Sequence[str] = ("category", "position", "pk")
) -> list[FaqEntry]:
    rules.require_portal_editor(user)
    return list(visible(FaqEntry.objects.all(), user).order_by(*order))


def faq_for_editor(*, user: Any, pk: int) -> FaqEntry:
    rules.require_portal_editor(user)
    return get_visible_or_404(FaqEntry.objects.all(), user, pk=pk)
