"""The edited public pages: a page by its address, the FAQ, one answer by its deep link, the
site search."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pik.portal.cache import cached_for_visitors
from pik.portal.selectors import faq as faq_selectors
from pik.portal.selectors import pages as page_selectors
from pik.portal.selectors import search as search_selectors


@cached_for_visitors
def page_detail(request: HttpRequest, path: str) -> HttpResponse:
    page = page_selectors.page_public(path=path)
    return render(
        request,
        "portal/page_detail.html",
        {
            "page": page,
            "trail": page_selectors.breadcrumbs(page=page),
            "children": page_selectors.child_pages(page=page),
        },
    )


@cached_for_visitors
def faq_list(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/faq_list.html", {"topics": faq_selectors.faq_topics()})


@cached_for_visitors
def faq_entry(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "portal/faq_entry.html", {"entry": faq_selectors.faq_public(slug=slug)})


def search(request: HttpRequest) -> HttpResponse:
    """Not cached: every query is another page."""
    query = request.GET.get("q", "")
    hits = search_selectors.search(query=query)
    return render(
        request,
        "portal/search.html",
        {"query": query, "hits": hits, "too_short": 0 < len(query.strip()) < 2},
    )
