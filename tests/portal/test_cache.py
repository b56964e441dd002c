"""Anonymous visitors get cached pages with an ETag; publishing invalidates; signed-in users
never get a cached page; every visitor gets their own CSRF token."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from pik.core.roles import Role
from pik.funding.models import Budget
from pik.portal import services
from pik.portal.cache import portal_version
from pik.portal.models import Page

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_second_anonymous_view_is_served_from_the_cache(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    first = client.get("/faq/")
    assert first.status_code == 200
    assert first["Cache-Control"] in {"private, no-cache", "no-cache, private"}
    assert first["ETag"]
    with django_assert_max_num_queries(0):
        again = client.get("/faq/")
    assert again.content.count(b"<article") == first.content.count(b"<article")
    not_modified = client.get("/faq/", headers={"if-none-match": first["ETag"]})
    assert not_modified.status_code == 304


def test_programme_data_show_within_the_stamp_time_and_at_once_after_publishing(
    client: Client, member: Any, django_assert_max_num_queries: Any
) -> None:
    client.get("/")
    with django_assert_max_num_queries(0):
        client.get("/")
    Budget.objects.filter(programme__code="im", year=2026).update(total=Decimal("61234567.89"))
    assert "61.234.567,89" not in client.get("/").content.decode()  # at most STAMP_SECONDS
    stamp = "pik.funding.selectors.programmes.public_data_stamp"
    cache.delete(f"portal:stamp:{portal_version()}:{stamp}")  # as if STAMP_SECONDS had passed
    assert "61.234.567,89" in client.get("/").content.decode()
    Budget.objects.filter(programme__code="im", year=2026).update(total=Decimal("1.00"))
    services.faq_create(
        slug="neu", category="who", question_de="?", answer_de="!", actor=member(Role.PORTAL_EDITOR)
    )
    assert "1,00\xa0€" in client.get("/").content.decode()


def test_publishing_makes_the_cached_pages_stale(client: Client, member: Any) -> None:
    editor = member(Role.PORTAL_EDITOR)
    page = Page.objects.get(path="ueber-den-pakt")
    before = client.get("/seiten/ueber-den-pakt/")
    services.page_update(
        page=page,
        expected_version=page.version,
        parent=None,
        slug=page.slug,
        title_de="Über den Pakt",
        body_de="Ganz neuer Text",
        is_published=True,
        actor=editor,
    )
    after = client.get("/seiten/ueber-den-pakt/", headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200 and "Ganz neuer Text" in after.content.decode()


def test_signed_in_users_never_get_a_cached_page(client: Client, member: Any) -> None:
    client.get("/faq/")  # now in the cache
    client.force_login(member(Role.PORTAL_EDITOR))
    response = client.get("/faq/")
    assert "no-store" in response["Cache-Control"] and "ETag" not in response
    assert "Abmelden" in response.content.decode()


def test_every_visitor_gets_a_working_token_of_their_own() -> None:
    one, two = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first = TOKEN.search(one.get("/").content.decode())
    second = TOKEN.search(two.get("/").content.decode())
    assert first and second
    assert one.cookies["csrftoken"].value != two.cookies["csrftoken"].value
    switched = two.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": second.group(1)}
    )
    assert switched.status_code == 302
