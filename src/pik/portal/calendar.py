"""The events as an iCalendar feed (RFC 5545), written by the ``icalendar`` package."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.urls import reverse
from icalendar import Calendar
from icalendar import Event as CalendarEvent

if TYPE_CHECKING:
    from pik.portal.models import Event


def feed(events: Iterable[Event], *, base_url: str) -> bytes:
    """One VEVENT per event; the UID stays the same when an event is corrected, so calendars
    update it instead of adding a second one."""
    calendar = Calendar()
    calendar.add("prodid", "-//Regierungspräsidium Stuttgart//pik Veranstaltungen//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Pakt für Integration – Veranstaltungen")
    root = base_url.rstrip("/")
    for event in events:
        item = CalendarEvent()
        item.add("uid", f"pik-event-{event.pk}@{root.split('://')[-1]}")
        item.add("summary", event.title)
        item.add("dtstart", event.starts_at)
        item.add("dtend", event.ends_at)
        item.add("dtstamp", event.updated_at)
        item.add("location", event.place or event.online_url)
        item.add("url", root + reverse("portal:event_detail", args=[event.pk]))
        lines = [event.description]
        if event.online_url:
            lines.append(f"Online: {event.online_url}")
        if event.registration_url:
            lines.append(f"Anmeldung: {event.registration_url}")
        item.add("description", "\n".join(line for line in lines if line))
        calendar.add_component(item)
    return calendar.to_ical()
