"""Notices (Hinweise): written, published and withdrawn by the portal's editors."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pik.core import audit
from pik.core.validation import clean_text, raise_if
from pik.portal import rules
from pik.portal.editing import check_url, content_changed
from pik.portal.models import Announcement

if TYPE_CHECKING:
    from pik.orgs.models import User


@transaction.atomic
def announcement_create(
    *,
    title: str,
    text: str,
    shown_from: dt.date | None,
    actor: User | None,
    shown_until: dt.date | None = None,
    link_url: str = "",
    link_text: str = "",
    publish: bool = False,
) -> Announcement:
    """A notice, shown on the start page from ``shown_from`` until ``shown_until`` (inclusive)
    once it is published."""
    rules.require_editor(actor, "Hinweise schreiben")
    errors: dict[str, str] = {}
    title, error = clean_text(title, label="Der Titel", max_length=200, required=True)
    if error:
        errors["title"] = error
    text, error = clean_text(text, label="Der Text", max_length=4000, required=True)
    if error:
        errors["text"] = error
    link_text, error = clean_text(link_text, label="Der Linktext", max_length=200)
    if error:
        errors["link_text"] = error
    link_url = check_url(link_url, "Der weiterführende Link", "link_url", errors)
    if shown_from is None:
        errors["shown_from"] = "Bitte angeben, ab wann der Hinweis gezeigt wird."
    elif shown_until is not None and shown_until < shown_from:
        errors["shown_until"] = "Der Hinweis endet vor seinem Beginn. Bitte das Enddatum prüfen."
    raise_if(errors)
    assert shown_from is not None  # noqa: S101 - checked above
    item = Announcement.objects.create(
        title=title,
        text=text,
        link_url=link_url,
        link_text=link_text,
        shown_from=shown_from,
        shown_until=shown_until,
    )
    audit.record(actor=actor, action="portal.announcement_create", target=item, title=title)
    if publish:
        return announcement_publish(announcement=item, actor=actor)
    return item


@transaction.atomic
def announcement_publish(*, announcement: Announcement, actor: User | None) -> Announcement:
    rules.require_editor(actor, "Hinweise veröffentlichen")
    item = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if item.published_at is not None:
        raise ValidationError("Der Hinweis ist schon veröffentlicht.")
    item.published_at, item.published_by = timezone.now(), actor
    item.save(update_fields=["published_at", "published_by", "updated_at"])
    audit.record(actor=actor, action="portal.announcement_publish", target=item)
    transaction.on_commit(content_changed)
    return item


@transaction.atomic
def announcement_unpublish(*, announcement: Announcement, actor: User | None) -> Announcement:
    rules.require_editor(actor, "Hinweise zurückziehen")
    item = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if item.published_at is None:
        raise ValidationError("Der Hinweis ist nicht veröffentlicht.")
    item.published_at, item.published_by = None, None
    item.save(update_fields=["published_at", "published_by", "updated_at"])
    audit.record(actor=actor, action="portal.announcement_unpublish", target=item)
    transaction.on_commit(content_changed)
    return item
