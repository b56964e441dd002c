"""Notices (Hinweise): on the start page from their date until their end date, then archived."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from pik.core.roles import Role
from pik.portal import services
from pik.portal.selectors import content
from tests.portal import factories

pytestmark = pytest.mark.django_db


def test_only_published_notices_in_their_period_are_current() -> None:
    today = timezone.localdate()
    draft = factories.announcement(title="Entwurf")
    shown = factories.announcement(title="Aktuell", publish=True)
    factories.announcement(title="Später", shown_from=today + dt.timedelta(days=2), publish=True)
    ended = factories.announcement(
        title="Vorbei",
        shown_from=today - dt.timedelta(days=10),
        shown_until=today - dt.timedelta(days=1),
        publish=True,
    )
    assert list(content.notices_current()) == [shown]
    assert list(content.notices_archive()) == [ended]
    services.announcement_publish(announcement=draft, actor=None)
    assert set(content.notices_current()) == {shown, draft}


def test_a_notice_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        factories.announcement(
            shown_from=dt.date(2024, 5, 2), shown_until=dt.date(2024, 5, 1), title=""
        )
    assert set(caught.value.message_dict) == {"shown_until", "title"}
    assert not content.notices_for_editors().exists()


def test_publishing_twice_is_refused_in_german() -> None:
    item = factories.announcement(publish=True)
    with pytest.raises(ValidationError, match="schon veröffentlicht"):
        services.announcement_publish(announcement=item, actor=None)
    services.announcement_unpublish(announcement=item, actor=None)
    with pytest.raises(ValidationError, match="nicht veröffentlicht"):
        services.announcement_unpublish(announcement=item, actor=None)


def test_an_editor_publishes_and_withdraws_a_notice_on_the_start_page(client, member) -> None:
    client.force_login(member(Role.PORTAL_EDITOR))
    client.post(
        reverse("portal:notice_manage"),
        {"title": "Fristverlängerung", "text": "Bis 28. Februar.", "shown_from": "2024-01-01"},
    )
    item = content.notices_for_editors().get()
    assert "Fristverlängerung" not in client.get(reverse("portal:home")).content.decode()
    client.post(reverse("portal:notice_publish", args=[item.pk]))
    assert "Fristverlängerung" in client.get(reverse("portal:home")).content.decode()
    client.post(reverse("portal:notice_unpublish", args=[item.pk]))
    assert "Fristverlängerung" not in client.get(reverse("portal:home")).content.decode()


def test_the_corona_notice_is_the_first_content(client) -> None:
    from pik.portal.content import seed_first_content

    seed_first_content()
    text = client.get(reverse("portal:home")).content.decode()
    assert "telefonisch und per E-Mail erreichbar" in text
    assert "Förderung ist dadurch nicht gefährdet" in text
