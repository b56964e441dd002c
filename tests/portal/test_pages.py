"""Pages: drafts and publication date, addresses, tree with breadcrumbs, versions and restore,
two editors on one page, German and English, the editor's pages with preview."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from pik.core.locking import StaleVersion
from pik.core.models import AuditEvent
from pik.core.roles import Role
from pik.portal import services
from pik.portal.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(member: Any) -> Any:
    return member(Role.PORTAL_EDITOR)


def _page(editor: Any, slug: str = "hilfe", **extra: Any) -> Page:
    data: dict[str, Any] = {"parent": None, "title_de": "Hilfe", "body_de": "Text", **extra}
    return services.page_create(slug=slug, actor=editor, **data)


def test_a_draft_is_not_public_until_published(client: Client, editor: Any) -> None:
    page = _page(editor)
    assert client.get("/seiten/hilfe/").status_code == 404
    services.page_update(
        page=page,
        expected_version=page.version,
        parent=None,
        slug="hilfe",
        title_de="Hilfe",
        body_de="Jetzt **öffentlich**",
        is_published=True,
        actor=editor,
    )
    html = client.get("/seiten/hilfe/").content.decode()
    assert "Jetzt <strong>öffentlich</strong>" in html


def test_a_page_is_public_from_its_publication_date_on(client: Client, editor: Any) -> None:
    later = timezone.now() + dt.timedelta(days=2)
    page = _page(editor, is_published=True, publish_at=later)
    assert client.get("/seiten/hilfe/").status_code == 404
    Page.objects.filter(pk=page.pk).update(publish_at=timezone.now() - dt.timedelta(minutes=1))
    assert client.get("/seiten/hilfe/").status_code == 200


def test_a_second_page_at_the_same_address_is_refused_in_german(editor: Any) -> None:
    _page(editor)
    with pytest.raises(ValidationError) as caught:
        _page(editor)
    assert "Unter der Adresse /seiten/hilfe/ gibt es schon eine Seite" in str(caught.value)
    with pytest.raises(ValidationError) as bad:
        _page(editor, slug="Über uns")
    assert "Kleinbuchstaben" in str(bad.value)
    assert Page.objects.filter(path="hilfe").count() == 1


def test_tree_with_breadcrumbs_and_child_pages(client: Client, editor: Any) -> None:
    top = _page(editor, slug="themen", title_de="Themen", is_published=True)
    child = _page(editor, slug="wohnen", parent=top, title_de="Wohnen", is_published=True)
    assert child.path == "themen/wohnen"
    html = client.get("/seiten/themen/wohnen/").content.decode()
    assert '<a class="kern-link" href="/seiten/themen/">Themen</a>' in html
    assert '<span aria-current="page">Wohnen</span>' in html
    assert 'href="/seiten/themen/wohnen/"' in client.get("/seiten/themen/").content.decode()
    # moving the parent moves the child's address with it
    services.page_update(
        page=top,
        expected_version=top.version,
        parent=None,
        slug="bereiche",
        title_de="Bereiche",
        body_de="Text",
        is_published=True,
        actor=editor,
    )
    assert Page.objects.get(pk=child.pk).path == "bereiche/wohnen"
    with pytest.raises(ValidationError, match="nicht unter sich selbst"):
        services.page_update(
            page=Page.objects.get(pk=top.pk),
            expected_version=None,
            parent=Page.objects.get(pk=child.pk),
            slug="bereiche",
            title_de="Bereiche",
            actor=editor,
        )


def test_every_save_is_a_version_and_an_older_one_can_be_restored(editor: Any) -> None:
    page = _page(editor, body_de="Erste Fassung")
    page = services.page_update(
        page=page,
        expected_version=1,
        parent=None,
        slug="hilfe",
        title_de="Hilfe neu",
        body_de="Zweite Fassung",
        actor=editor,
    )
    page = services.page_restore(page=page, number=1, expected_version=2, actor=editor)
    assert (page.version, page.title_de, page.body_de) == (3, "Hilfe", "Erste Fassung")
    numbers = list(page.versions.order_by("number").values_list("number", "body_de", "note"))
    assert numbers == [
        (1, "Erste Fassung", ""),
        (2, "Zweite Fassung", ""),
        (3, "Erste Fassung", "Wiederhergestellt aus Version 1"),
    ]
    assert AuditEvent.objects.filter(action="portal.page.restore").count() == 1
    with pytest.raises(ValidationError, match="keine Version 9"):
        services.page_restore(page=page, number=9, expected_version=3, actor=editor)


def test_two_editors_on_one_page_the_second_is_told_and_keeps_the_text(
    client: Client, editor: Any, member: Any
) -> None:
    page = _page(editor)
    services.page_update(
        page=page,
        expected_version=1,
        parent=None,
        slug="hilfe",
        title_de="Hilfe",
        body_de="Die erste Redakteurin war schneller",
        actor=editor,
    )
    with pytest.raises(StaleVersion):
        services.page_update(
            page=page, expected_version=1, parent=None, slug="hilfe", title_de="X", actor=editor
        )
    client.force_login(member(Role.PORTAL_EDITOR))
    response = client.post(
        f"/redaktion/seiten/{page.pk}/",
        {
            "title_de": "Hilfe",
            "slug": "hilfe",
            "body_de": "Mein langer Text, der nicht verloren gehen darf",
            "expected_version": "1",
            "save": "",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "von jemand anderem gespeichert" in html
    assert "Mein langer Text, der nicht verloren gehen darf" in html
    assert Page.objects.get(pk=page.pk).body_de == "Die erste Redakteurin war schneller"


def test_editor_creates_a_page_with_preview_first(client: Client, editor: Any) -> None:
    client.force_login(editor)
    form = {"title_de": "Termine", "slug": "termine", "body_de": "## Heute\n\n<script>x</script>"}
    preview = client.post("/redaktion/seiten/neu/", {**form, "preview": ""})
    html = preview.content.decode()
    assert "Vorschau (noch nicht gespeichert)" in html and "<h3>Heute</h3>" in html
    assert "<script>x" not in html
    assert not Page.objects.filter(path="termine").exists()
    saved = client.post("/redaktion/seiten/neu/", {**form, "save": ""})
    page = Page.objects.get(path="termine")
    assert saved.status_code == 302 and saved["Location"] == f"/redaktion/seiten/{page.pk}/"
    assert not page.is_published  # a draft until the editor publishes it
    duplicate = client.post("/redaktion/seiten/neu/", {**form, "save": ""}).content.decode()
    assert "Unter der Adresse /seiten/termine/ gibt es schon eine Seite" in duplicate


def test_english_version_where_written(client: Client, editor: Any) -> None:
    _page(editor, title_en="Help", body_en="English text", is_published=True)
    _page(editor, slug="nur-deutsch", title_de="Nur deutsch", is_published=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "English text" in client.get("/seiten/hilfe/").content.decode()
    assert "Nur deutsch" in client.get("/seiten/nur-deutsch/").content.decode()


def test_seed_content_is_there_in_german_and_english(client: Client) -> None:
    html = client.get("/seiten/ueber-den-pakt/").content.decode()
    assert "27. April 2017" in html and "58 Millionen Euro" in html
    assert 'href="/seiten/ueber-den-pakt/integrationsmanagement/"' in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "About the pact" in client.get("/seiten/ueber-den-pakt/").content.decode()
