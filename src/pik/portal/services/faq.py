"""FAQ entries: create and change (one audit event each; the public pages go stale)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from pik.core import audit
from pik.core.locking import check_version
from pik.core.validation import raise_if
from pik.portal import rules
from pik.portal.cache import bump_portal_version
from pik.portal.models import FaqCategory, FaqEntry, FaqProgramme
from pik.portal.validation import MAX_MARKDOWN, slug_problem, texts

if TYPE_CHECKING:
    from pik.orgs.models import User

FIELDS = {
    "question_de": ("Die deutsche Frage", 300, True),
    "question_en": ("Die englische Frage", 300, False),
    "answer_de": ("Die deutsche Antwort", MAX_MARKDOWN, True),
    "answer_en": ("Die englische Antwort", MAX_MARKDOWN, False),
}
STALE = (
    "Diese Frage wurde inzwischen von jemand anderem gespeichert. Ihre Eingaben sind unten "
    "erhalten: Laden Sie die Frage neu, übernehmen Sie Ihre Änderungen und speichern Sie dann."
)


def _clean(entry: FaqEntry | None, data: dict[str, str]) -> None:
    errors = texts(data, FIELDS)
    data["slug"] = (data["slug"] or "").strip()
    problem = slug_problem(data["slug"])
    if problem:
        errors["slug"] = problem
    elif FaqEntry.objects.filter(slug=data["slug"]).exclude(pk=entry.pk if entry else 0):
        errors["slug"] = f"Die Kurzadresse „{data['slug']}“ hat schon eine andere Frage."
    if data["category"] not in FaqCategory.values:
        errors["category"] = "Wählen Sie ein Thema."
    if data["programme"] not in FaqProgramme.values:
        errors["programme"] = "Wählen Sie ein Programm."
    raise_if(errors)


def _apply(
    entry: FaqEntry, *, data: dict[str, str], position: int, is_published: bool, actor: Any
) -> FaqEntry:
    """Check, set and save one state of ``entry`` (new or locked)."""
    _clean(entry if entry.pk else None, data)
    for name, value in data.items():
        setattr(entry, name, value)
    entry.position, entry.is_published = position, is_published
    entry.version = entry.version + 1 if entry.pk else 1
    entry.updated_by = actor
    entry.save()
    audit.record(actor=actor, action="portal.faq.save", target=entry, version=entry.version)
    bump_portal_version()
    return entry


@transaction.atomic
def faq_create(
    *,
    slug: str,
    category: str,
    programme: str = "",
    question_de: str,
    question_en: str = "",
    answer_de: str,
    answer_en: str = "",
    position: int = 0,
    is_published: bool = True,
    actor: User,
) -> FaqEntry:
    """A new question with its answer (published unless ``is_published`` is False)."""
    rules.require_portal_editor(actor)
    data = {"slug": slug, "category": category, "programme": programme}
    data |= {"question_de": question_de, "question_en": question_en}
    data |= {"answer_de": answer_de, "answer_en": answer_en}
    return _apply(FaqEntry(), data=data, position=position, is_published=is_published, actor=actor)


@transaction.atomic
def faq_update(
    *,
    entry: FaqEntry,
    expected_version: int | None,
    slug: str,
    category: str,
    programme: str = "",
    question_de: str,
    question_en: str = "",
    answer_de: str,
    answer_en: str = "",
    position: int = 0,
    is_published: bool = True,
    actor: User,
) -> FaqEntry:
    """Save a changed question; refused if someone saved in between."""
    rules.require_portal_editor(actor)
    entry = FaqEntry.objects.select_for_update().get(pk=entry.pk)
    check_version(entry, expected_version, message=STALE)
    data = {"slug": slug, "category": category, "programme": programme}
    data |= {"question_de": question_de, "question_en": question_en}
    data |= {"answer_de": answer_de, "answer_en": answer_en}
    return _apply(entry, data=data, position=position, is_published=is_published, actor=actor)
