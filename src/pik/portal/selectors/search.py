"""The site search: one list of sources, each a function from the query to hits.

A new kind of public content joins with one line: ``SOURCES.append(my_source)`` (documents and
events do so from their own selectors module). Matching is plain substring search, German and
English, case-insensitive: the portal holds hundreds of texts, not millions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from pik.portal.rendering import plain_text
from pik.portal.selectors.faq import published_faq
from pik.portal.selectors.pages import published_pages

MAX_HITS = 50
MIN_LENGTH = 2


@dataclass(frozen=True)
class Hit:
    kind: str  # what it is, for the visitor ("Seite", "Häufige Frage", "Dokument" …)
    title: str
    url: str
    excerpt: str


Source = Callable[[str], list[Hit]]


def excerpt(text: str, query: str, width: int = 160) -> str:
    plain = " ".join(plain_text(text).split())
    at = plain.lower().find(query.lower())
    start = max(0, at - width // 3) if at >= 0 else 0
    cut = plain[start : start + width]
    return ("… " if start else "") + cut + (" …" if start + width < len(plain) else "")


def search_pages(query: str) -> list[Hit]:
    match = Q()
    for field in ("title_de", "title_en", "body_de", "body_en"):
        match |= Q(**{f"{field}__icontains": query})
    return [
        Hit(_("Seite"), p.title, p.get_absolute_url(), excerpt(p.body, query))
        for p in published_pages().filter(match).order_by("path")[:MAX_HITS]
    ]


def search_faq(query: str) -> list[Hit]:
    match = Q()
    for field in ("question_de", "question_en", "answer_de", "answer_en"):
        match |= Q(**{f"{field}__icontains": query})
    return [
        Hit(_("Häufige Frage"), e.question, e.get_absolute_url(), excerpt(e.answer, query))
        for e in published_faq().filter(match)[:MAX_HITS]
    ]


SOURCES: list[Source] = [search_pages, search_faq]


def search(*, query: str) -> list[Hit]:
    """Every source's hits for ``query`` (nothing for less than two characters)."""
    query = " ".join((query or "").split())[:100]
    if len(query) < MIN_LENGTH:
        return []
    hits: list[Hit] = []
    for source in SOURCES:
        hits += source(query)
    return hits[:MAX_HITS]
