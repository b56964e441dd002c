"""Events: announce (or correct) one, and attach its programme, slides and minutes."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from pik.core import audit
from pik.core.validation import clean_text, raise_if
from pik.portal import rules
from pik.portal.editing import (
    check_programme,
    check_upload,
    check_url,
    content_changed,
    stored_name,
)
from pik.portal.models import Event, EventFile

if TYPE_CHECKING:
    from pik.orgs.models import User


@transaction.atomic
def event_save(
    *,
    title: str,
    starts_at: dt.datetime | None,
    ends_at: dt.datetime | None,
    actor: User | None,
    event: Event | None = None,
    place: str = "",
    online_url: str = "",
    programme_code: str = "",
    registration_url: str = "",
    description: str = "",
) -> Event:
    """Announce an event (or correct ``event``): it needs a start, an end not before the start,
    and a place or an online link."""
    rules.require_editor(actor, "Veranstaltungen ankündigen")
    errors: dict[str, str] = {}
    title, error = clean_text(title, label="Der Titel", max_length=200, required=True)
    if error:
        errors["title"] = error
    place, error = clean_text(place, label="Der Ort", max_length=300)
    if error:
        errors["place"] = error
    description, error = clean_text(description, label="Die Beschreibung", max_length=4000)
    if error:
        errors["description"] = error
    online_url = check_url(online_url, "Der Link zur Online-Teilnahme", "online_url", errors)
    registration_url = check_url(
        registration_url, "Der Link zur Anmeldung", "registration_url", errors
    )
    programme_code = check_programme(programme_code, errors)
    if starts_at is None:
        errors["starts_at"] = "Bitte den Beginn angeben."
    if ends_at is None:
        errors["ends_at"] = "Bitte das Ende angeben."
    if starts_at and ends_at and ends_at < starts_at:
        errors["ends_at"] = "Die Veranstaltung endet vor ihrem Beginn. Bitte das Ende prüfen."
    if not place and not online_url and "place" not in errors and "online_url" not in errors:
        errors["place"] = "Bitte einen Ort oder einen Link zur Online-Teilnahme angeben."
    raise_if(errors)
    event = Event() if event is None else Event.objects.select_for_update().get(pk=event.pk)
    for name, value in {
        "title": title,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": place,
        "online_url": online_url,
        "programme_code": programme_code,
        "registration_url": registration_url,
        "description": description,
    }.items():
        setattr(event, name, value)
    event.save()
    audit.record(actor=actor, action="portal.event_save", target=event, title=title)
    transaction.on_commit(content_changed)
    return event


@transaction.atomic
def event_file_add(
    *, event: Event, kind: str, upload: UploadedFile | None, actor: User | None
) -> EventFile:
    """The programme, the slides or the minutes of an event (PDF, DOCX or XLSX, by content)."""
    rules.require_editor(actor, "Veranstaltungsunterlagen hinzufügen")
    errors: dict[str, str] = {}
    if kind not in EventFile.Kind.values:
        errors["kind"] = "Bitte wählen: Programm, Präsentation oder Protokoll."
    data, content_type = check_upload(upload, errors)
    raise_if(errors)
    assert upload is not None  # noqa: S101 - checked above
    item = EventFile(
        event=event,
        kind=kind,
        original_name=(upload.name or "Unterlage")[:255],
        content_type=content_type,
        size=len(data),
        uploaded_by=actor,
    )
    item.file.save(stored_name(data, content_type), ContentFile(data), save=False)
    item.save()
    audit.record(
        actor=actor, action="portal.event_file_add", target=event, kind=kind, size=len(data)
    )
    transaction.on_commit(content_changed)
    return item
