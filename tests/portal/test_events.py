"""Events: checks, archive, documentation afterwards, the iCalendar feed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from pik.core.roles import Role
from pik.portal.selectors import content
from tests.portal import factories

pytestmark = pytest.mark.django_db


def test_an_event_that_ends_before_it_starts_is_refused() -> None:
    start = timezone.now() + dt.timedelta(days=3)
    with pytest.raises(ValidationError) as caught:
        factories.event(starts_at=start, ends_at=start - dt.timedelta(hours=1))
    assert "endet vor ihrem Beginn" in caught.value.message_dict["ends_at"][0]
    with pytest.raises(ValidationError) as caught:
        factories.event(place="", online_url="javascript:alert(1)")
    assert "keine gültige Internetadresse" in caught.value.message_dict["online_url"][0]
    with pytest.raises(ValidationError) as caught:
        factories.event(place="")
    assert "Ort oder einen Link" in caught.value.message_dict["place"][0]
    assert not content.events_all().exists()


def test_past_events_move_to_the_archive_with_their_documentation(client) -> None:
    coming = factories.event(days=5, title="Fachtag 2030")
    past = factories.event(days=-30, title="Netzwerktreffen", online_url="https://example.org/v")
    factories.services.event_file_add(
        event=past, kind="minutes", upload=factories.pdf_upload("protokoll.pdf"), actor=None
    )
    assert content.events_upcoming() == [coming]
    assert list(content.events_past()) == [past]
    archive = client.get(reverse("portal:event_archive")).content.decode()
    assert "Netzwerktreffen" in archive and "Fachtag 2030" not in archive
    detail = client.get(reverse("portal:event_detail", args=[past.pk])).content.decode()
    assert "Protokoll: protokoll.pdf" in detail
    home = client.get(reverse("portal:home")).content.decode()
    assert "Fachtag 2030" in home and "Netzwerktreffen" not in home


def test_the_calendar_feed_is_icalendar_with_every_event(client) -> None:
    event = factories.event(registration_url="https://example.org/anmeldung")
    response = client.get(reverse("portal:event_calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    [item] = calendar.walk("VEVENT")
    assert str(item["summary"]) == event.title
    assert item.decoded("dtstart") == event.starts_at
    assert "Anmeldung: https://example.org/anmeldung" in str(item["description"])
    assert str(item["url"]).endswith(reverse("portal:event_detail", args=[event.pk]))


def test_an_editor_announces_an_event_and_attaches_slides(client, member) -> None:
    client.force_login(member(Role.PORTAL_EDITOR))
    bad = client.post(
        reverse("portal:event_create"),
        {
            "title": "Fachtag",
            "starts_at": "2030-05-01T10:00",
            "ends_at": "2030-05-01T09:00",
            "place": "Wertheim",
        },
    )
    assert "endet vor ihrem Beginn" in bad.content.decode()
    done = client.post(
        reverse("portal:event_create"),
        {
            "title": "Fachtag",
            "starts_at": "2030-05-01T10:00",
            "ends_at": "2030-05-01T16:00",
            "place": "Wertheim",
            "programme_code": "im",
        },
    )
    [event] = content.events_all()
    assert done.status_code == 302 and event.programme_code == "im"
    detail = client.get(reverse("portal:event_detail", args=[event.pk])).content.decode()
    assert "<dt>Förderprogramm</dt><dd>Integrationsmanagement</dd>" in detail
    fake = factories.pdf_upload("folien.docx")
    client.post(
        reverse("portal:event_file_upload", args=[event.pk]), {"kind": "slides", "file": fake}
    )
    assert not event.files.exists()
    client.post(
        reverse("portal:event_file_upload", args=[event.pk]),
        {"kind": "slides", "file": factories.pdf_upload("folien.pdf")},
    )
    assert event.files.get().kind == "slides"
