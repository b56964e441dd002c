"""The iCalendar feed of a user's deadlines (RFC 5545, all-day events), with ``icalendar``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from pik.funding.selectors.deadlines import Deadline


def deadlines_ics(deadlines: Iterable[Deadline]) -> bytes:
    """One all-day event per deadline; the UID is the deadline's key, so a calendar updates an
    event instead of duplicating it when the feed is fetched again."""
    calendar = Calendar()
    calendar.add("prodid", "-//Pakt für Integration BW//Fristen//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "PIK-Fristen")
    stamp = timezone.now()
    for d in deadlines:
        event = Event()
        event.add("uid", f"{d.key}@pik")
        event.add("dtstamp", stamp)
        event.add("dtstart", d.date)
        event.add("dtend", d.date + dt.timedelta(days=1))
        summary = f"{d.label}: {d.file_number}" if d.file_number else d.label
        event.add("summary", summary)
        event.add("description", f"{d.detail} {d.kreis_name}".strip())
        event.add("url", f"{settings.PIK_BASE_URL}{d.link}")
        calendar.add_component(event)
    return calendar.to_ical()
