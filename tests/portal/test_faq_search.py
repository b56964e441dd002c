"""FAQ with a deep link per answer, the site search over its sources, the sitemap."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from pik.core.roles import Role
from pik.portal import services
from pik.portal.models import FaqEntry
from pik.portal.selectors import search as search_selectors

pytestmark = pytest.mark.django_db


def test_faq_grouped_by_topic_with_a_deep_link_per_answer(client: Client) -> None:
    html = client.get("/faq/").content.decode()
    assert '<h2 id="thema-who" class="kern-heading-medium">Wer wird gefördert?</h2>' in html
    assert '<article id="wer-kann-beantragen"' in html
    assert 'href="/faq/wer-kann-beantragen/"' in html
    entry = client.get("/faq/wer-kann-beantragen/").content.decode()
    assert "Stadt- und Landkreise" in entry and 'href="/faq/#wer-kann-beantragen"' in entry
    assert client.get("/faq/gibt-es-nicht/").status_code == 404


def test_seed_faq_has_six_to_ten_entries_in_both_languages() -> None:
    entries = list(FaqEntry.objects.all())
    assert 6 <= len(entries) <= 10
    assert all(e.question_en and e.answer_en for e in entries)


def test_editor_maintains_faq_and_a_draft_is_hidden(client: Client, member: Any) -> None:
    editor = member(Role.PORTAL_EDITOR)
    client.force_login(editor)
    response = client.post(
        "/redaktion/faq/neu/",
        {
            "question_de": "Gibt es Vordrucke?",
            "answer_de": "Ja, unter *Dokumente*.",
            "category": "application",
            "programme": "",
            "slug": "vordrucke",
            "position": "1",
        },
    )
    assert response.status_code == 302
    entry = FaqEntry.objects.get(slug="vordrucke")
    assert not entry.is_published  # the box was not ticked
    client.logout()
    assert client.get("/faq/vordrucke/").status_code == 404
    services.faq_update(
        entry=entry,
        expected_version=entry.version,
        slug="vordrucke",
        category="application",
        question_de="Gibt es Vordrucke?",
        answer_de="Ja.",
        is_published=True,
        actor=editor,
    )
    assert client.get("/faq/vordrucke/").status_code == 200
    with pytest.raises(ValidationError, match="hat schon eine andere Frage"):
        services.faq_create(
            slug="vordrucke", category="who", question_de="?", answer_de="!", actor=editor
        )


def test_search_finds_pages_and_faq(client: Client) -> None:
    html = client.get("/suche/", {"q": "Sachbericht"}).content.decode()
    assert 'href="/faq/verwendungsnachweis/"' in html
    html = client.get("/suche/", {"q": "gemeinsame finanzkommission"}).content.decode()
    assert 'href="/seiten/ueber-den-pakt/"' in html
    assert "mindestens zwei Zeichen" in client.get("/suche/", {"q": "x"}).content.decode()
    assert "0 Treffer" in client.get("/suche/", {"q": "Raumfahrt"}).content.decode()


def test_a_new_source_joins_the_search_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def documents(query: str) -> list[search_selectors.Hit]:
        return [search_selectors.Hit("Dokument", "VwV", "/dokumente/1/", query)]

    monkeypatch.setattr(search_selectors, "SOURCES", [*search_selectors.SOURCES, documents])
    hits = search_selectors.search(query="VwV")
    assert hits[-1].url == "/dokumente/1/"


def test_sitemap_lists_every_public_page(client: Client, member: Any) -> None:
    services.page_create(
        parent=None, slug="entwurf", title_de="Entwurf", actor=member(Role.PORTAL_EDITOR)
    )
    xml = client.get("/sitemap.xml").content.decode()
    for path in (
        "/",
        "/faq/",
        "/impressum/",
        "/programme/im/",
        "/programme/digital/",
        "/seiten/ueber-den-pakt/",
        "/seiten/ueber-den-pakt/integrationsmanagement/",
        "/faq/wer-kann-beantragen/",
    ):
        assert f"<loc>http://testserver{path}</loc>" in xml, path
    assert "/seiten/entwurf/" not in xml
