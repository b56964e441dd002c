"""Wrong-actor cases for the portal's services (run by tests/test_service_rules.py): only the
portal's editors edit its content; everybody else is refused and nothing changes."""

from __future__ import annotations

from typing import Any

from django.apps import apps

from pik.core.roles import Role
from pik.portal.models import FaqEntry, Page
from pik.portal.seed import ensure_seed_content


def _page() -> Page:
    ensure_seed_content(apps)
    return Page.objects.get(path="ueber-den-pakt")


def _page_create(world: Any, member: Any) -> dict[str, Any]:
    return {
        "parent": None,
        "slug": "neu",
        "title_de": "Neu",
        "body_de": "Text",
        "actor": member(Role.RPS_HEAD),  # statewide, but no editor
    }


def _page_update(world: Any, member: Any) -> dict[str, Any]:
    page = _page()
    return {
        "page": page,
        "expected_version": page.version,
        "parent": None,
        "slug": page.slug,
        "title_de": "Geändert",
        "body_de": "Geändert",
        "actor": member(Role.KREIS_COORDINATOR),
    }


def _page_restore(world: Any, member: Any) -> dict[str, Any]:
    page = _page()
    return {"page": page, "number": 1, "expected_version": None, "actor": member(Role.MINISTRY)}


def _faq_create(world: Any, member: Any) -> dict[str, Any]:
    return {
        "slug": "neue-frage",
        "category": "who",
        "question_de": "Frage?",
        "answer_de": "Antwort.",
        "actor": member(Role.RPS_CASE_WORKER),
    }


def _faq_update(world: Any, member: Any) -> dict[str, Any]:
    ensure_seed_content(apps)
    entry = FaqEntry.objects.order_by("pk").first()
    assert entry is not None
    return {
        "entry": entry,
        "expected_version": entry.version,
        "slug": entry.slug,
        "category": entry.category,
        "question_de": "Geändert?",
        "answer_de": "Geändert.",
        "actor": member(Role.INTEGRATION_MANAGER),
    }


CASES = {
    "page_create": _page_create,
    "page_update": _page_update,
    "page_restore": _page_restore,
    "faq_create": _faq_create,
    "faq_update": _faq_update,
}
