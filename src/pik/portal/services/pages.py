"""Pages: create, change, restore an older version. Every save is kept as a version.

Atomic, keyword-only, one audit event; bad input raises ``ValidationError`` in German and
changes nothing. Two editors on one page: the second save is refused (``StaleVersion``) and its
text stays in the form. Every save makes the cached public pages stale.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from pik.core import audit
from pik.core.locking import check_version
from pik.core.validation import raise_if
from pik.portal import rules
from pik.portal.cache import bump_portal_version
from pik.portal.models import Page, PageVersion
from pik.portal.validation import MAX_MARKDOWN, slug_problem, texts

if TYPE_CHECKING:
    from pik.orgs.models import User

FIELDS = {
    "title_de": ("Der deutsche Titel", 200, True),
    "title_en": ("Der englische Titel", 200, False),
    "body_de": ("Der deutsche Text", MAX_MARKDOWN, False),
    "body_en": ("Der englische Text", MAX_MARKDOWN, False),
}
STALE = (
    "Diese Seite wurde inzwischen von jemand anderem gespeichert. Ihre Eingaben sind unten "
    "erhalten: Öffnen Sie die Seite in einem neuen Fenster, übernehmen Sie Ihre Änderungen in "
    "den neuen Stand und speichern Sie dann."
)


def _clean(
    *, page: Page | None, parent: Page | None, slug: str, is_published: bool, data: dict[str, Any]
) -> str:
    """Check everything at once; return the page's new address."""
    errors = texts(data, FIELDS)
    slug = (slug or "").strip()
    problem = slug_problem(slug)
    if problem:
        errors["slug"] = problem
    if page is not None and parent is not None:
        ancestor: Page | None = parent
        while ancestor is not None:
            if ancestor.pk == page.pk:
                errors["parent"] = "Eine Seite kann nicht unter sich selbst stehen."
                break
            ancestor = ancestor.parent
    path = f"{parent.path}/{slug}" if parent is not None else slug
    if "slug" not in errors:
        others = Page.objects.filter(path=path)
        taken = (others.exclude(pk=page.pk) if page else others).first()
        if taken is not None:
            errors["slug"] = (
                f"Unter der Adresse /seiten/{path}/ gibt es schon eine Seite („{taken.title_de}“). "
                "Wählen Sie eine andere Adresse."
            )
    if is_published and not data["body_de"]:
        errors["body_de"] = "Eine veröffentlichte Seite braucht einen deutschen Text."
    raise_if(errors)
    return path


def _snapshot(page: Page, actor: Any, note: str = "") -> None:
    PageVersion.objects.create(
        page=page,
        number=page.version,
        parent=page.parent,
        slug=page.slug,
        title_de=page.title_de,
        title_en=page.title_en,
        body_de=page.body_de,
        body_en=page.body_en,
        is_published=page.is_published,
        publish_at=page.publish_at,
        note=note,
        saved_by=actor,
    )


def _save(page: Page, old_path: str | None) -> None:
    try:
        with transaction.atomic():
            page.save()
            if old_path is not None and old_path != page.path:
                for child in Page.objects.filter(path__startswith=f"{old_path}/"):
                    child.path = page.path + child.path[len(old_path) :]
                    child.save(update_fields=["path", "updated_at"])
    except IntegrityError as exc:  # two editors took the same address at the same moment
        raise ValidationError(
            {"slug": f"Unter der Adresse /seiten/{page.path}/ gibt es schon eine Seite."}
        ) from exc


def _apply(
    page: Page,
    *,
    parent: Page | None,
    slug: str,
    is_published: bool,
    publish_at: dt.datetime | None,
    data: dict[str, Any],
    actor: Any,
) -> Page:
    """Check, set and save one state of ``page`` (new or locked), keep it as a version."""
    path = _clean(
        page=page if page.pk else None,
        parent=parent,
        slug=slug,
        is_published=is_published,
        data=data,
    )
    if is_published and publish_at is None:
        publish_at = page.publish_at or timezone.now()
    old_path = page.path if page.pk else None
    for name, value in data.items():
        setattr(page, name, value)
    page.parent, page.slug, page.path = parent, slug.strip(), path
    page.is_published, page.publish_at = is_published, publish_at
    page.version = page.version + 1 if page.pk else 1
    page.updated_by = actor
    _save(page, old_path)
    _snapshot(page, actor)
    audit.record(actor=actor, action="portal.page.save", target=page, version=page.version)
    bump_portal_version()
    return page


@transaction.atomic
def page_create(
    *,
    parent: Page | None,
    slug: str,
    title_de: str,
    title_en: str = "",
    body_de: str = "",
    body_en: str = "",
    is_published: bool = False,
    publish_at: dt.datetime | None = None,
    actor: User,
) -> Page:
    """A new page (a draft unless ``is_published``; public from ``publish_at`` on)."""
    rules.require_portal_editor(actor)
    data = {"title_de": title_de, "title_en": title_en, "body_de": body_de, "body_en": body_en}
    return _apply(
        Page(),
        parent=parent,
        slug=slug,
        is_published=is_published,
        publish_at=publish_at,
        data=data,
        actor=actor,
    )


@transaction.atomic
def page_update(
    *,
    page: Page,
    expected_version: int | None,
    parent: Page | None,
    slug: str,
    title_de: str,
    title_en: str = "",
    body_de: str = "",
    body_en: str = "",
    is_published: bool = False,
    publish_at: dt.datetime | None = None,
    actor: User,
) -> Page:
    """Save a changed page as its next version; refused if someone saved in between."""
    rules.require_portal_editor(actor)
    page = Page.objects.select_for_update().get(pk=page.pk)
    check_version(page, expected_version, message=STALE)
    data = {"title_de": title_de, "title_en": title_en, "body_de": body_de, "body_en": body_en}
    return _apply(
        page,
        parent=parent,
        slug=slug,
        is_published=is_published,
        publish_at=publish_at,
        data=data,
        actor=actor,
    )


@transaction.atomic
def page_restore(*, page: Page, number: int, expected_version: int | None, actor: User) -> Page:
    """Bring back the titles and texts of version ``number`` as the newest version (address
    and publication state stay as they are; nothing in between is lost: it stays a version)."""
    rules.require_portal_editor(actor)
    page = Page.objects.select_for_update().get(pk=page.pk)
    check_version(page, expected_version, message=STALE)
    old = PageVersion.objects.filter(page=page, number=number).first()
    if old is None:
        raise ValidationError(f"Diese Seite hat keine Version {number}.")
    if old.number == page.version:
        raise ValidationError("Diese Version ist schon der aktuelle Stand.")
    page.title_de, page.title_en = old.title_de, old.title_en
    page.body_de, page.body_en = old.body_de, old.body_en
    page.version += 1
    page.updated_by = actor
    page.save()
    _snapshot(page, actor, note=f"Wiederhergestellt aus Version {number}")
    audit.record(
        actor=actor, action="portal.page.restore", target=page, version=page.version, source=number
    )
    bump_portal_version()
    return page
