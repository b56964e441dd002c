"""Documents, events and notices as the public pages and the editors see them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pik.portal.models import Announcement, Document, DocumentVersion, Event, EventFile

CATEGORIES = Document.Category
FILE_KINDS = EventFile.Kind


@dataclass
class DocumentRow:
    """A document with its version in force, older versions (kept, marked) and future ones."""

    document: Document
    current: DocumentVersion | None
    older: list[DocumentVersion] = field(default_factory=list)
    upcoming: list[DocumentVersion] = field(default_factory=list)


def _row(document: Document, today: dt.date) -> DocumentRow:
    versions = list(document.versions.all())  # newest valid_from first
    valid = [v for v in versions if v.valid_from <= today]
    return DocumentRow(
        document=document,
        current=valid[0] if valid else None,
        older=valid[1:],
        upcoming=[v for v in versions if v.valid_from > today][::-1],
    )


def document_list(
    *, category: str = "", programme_code: str = "", today: dt.date | None = None
) -> list[DocumentRow]:
    """Every document with at least one version, filtered by category and programme (a
    document for every programme is shown under each programme)."""
    documents = Document.objects.filter(versions__isnull=False).distinct()
    if category:
        documents = documents.filter(category=category)
    if programme_code:
        documents = documents.filter(Q(programme_code=programme_code) | Q(programme_code=""))
    today = today or timezone.localdate()
    rows = [_row(d, today) for d in documents.prefetch_related("versions")]
    return sorted(
        rows, key=lambda r: (list(CATEGORIES.values).index(r.document.category), r.document.title)
    )


def document_current(*, pk: int, today: dt.date | None = None) -> DocumentVersion:
    """The version of a document in force today (404 if it has none yet)."""
    row = _row(get_object_or_404(Document, pk=pk), today or timezone.localdate())
    if row.current is None:
        raise Http404("Dieses Dokument gilt noch nicht.")
    return row.current


def document_version_get(*, pk: int) -> DocumentVersion:
    return get_object_or_404(DocumentVersion.objects.select_related("document"), pk=pk)


def document_get(*, pk: int) -> Document:
    return get_object_or_404(Document, pk=pk)


def events_upcoming(*, now: dt.datetime | None = None, limit: int | None = None) -> list[Event]:
    """Events not yet over, soonest first."""
    events = Event.objects.filter(ends_at__gte=now or timezone.now()).prefetch_related("files")
    return list(events[:limit] if limit else events)


def events_past(*, now: dt.datetime | None = None) -> QuerySet[Event]:
    """The archive: events that are over, latest first."""
    return (
        Event.objects.filter(ends_at__lt=now or timezone.now())
        .prefetch_related("files")
        .order_by("-starts_at", "-pk")
    )


def events_all() -> QuerySet[Event]:
    """For the calendar feed: every event, past ones included (calendars keep history)."""
    return Event.objects.order_by("starts_at", "pk")


def event_get(*, pk: int) -> Event:
    return get_object_or_404(Event.objects.prefetch_related("files"), pk=pk)


def event_file_get(*, pk: int) -> EventFile:
    return get_object_or_404(EventFile.objects.select_related("event"), pk=pk)


def _shown(today: dt.date) -> Q:
    return Q(published_at__isnull=False, shown_from__lte=today) & (
        Q(shown_until__isnull=True) | Q(shown_until__gte=today)
    )


def notices_current(*, today: dt.date | None = None) -> QuerySet[Announcement]:
    """Published notices whose period includes today: the start page shows them."""
    return Announcement.objects.filter(_shown(today or timezone.localdate()))


def notices_archive(*, today: dt.date | None = None) -> QuerySet[Announcement]:
    """Published notices whose period has ended."""
    return Announcement.objects.filter(
        published_at__isnull=False, shown_until__lt=today or timezone.localdate()
    )


def notices_for_editors() -> QuerySet[Announcement]:
    """Every notice, drafts and withdrawn ones included (the editors' list)."""
    return Announcement.objects.all()


def notice_get(*, pk: int) -> Announcement:
    return get_object_or_404(Announcement, pk=pk)
