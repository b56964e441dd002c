"""The portal's edited content in the browser: an editor restores an older version of a page;
a visitor reads an FAQ answer by its deep link."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from playwright.sync_api import expect

from pik.funding.reference import ensure_reference_data
from pik.portal.seed import ensure_seed_content
from tests.e2e.checks import assert_accessible, assert_fits
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content() -> None:
    ensure_reference_data(apps)  # a transactional test before may have flushed the seed
    ensure_seed_content(apps)


def test_editor_restores_an_older_version_of_a_page(live_server, page, content) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    log_in(page, live_server.url, "redaktion@demo.pik-bw.example")
    page.get_by_role("link", name="Redaktion Portal").click()
    assert_accessible(page)
    page.get_by_role("link", name="Über den Pakt", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Text (deutsch, Markdown)").fill("Ein Versehen, das **wieder weg** soll.")
    page.get_by_role("button", name="Vorschau").click()
    expect(page.get_by_role("heading", name="Vorschau (noch nicht gespeichert)")).to_be_visible()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Die Seite ist gespeichert.")).to_be_visible()
    page.get_by_role("link", name="Versionen ansehen und wiederherstellen").click()
    page.get_by_role("button", name="Version 1 wiederherstellen").click()
    expect(page.get_by_text("Version 1 ist wiederhergestellt.")).to_be_visible()
    expect(page.get_by_text("Wiederhergestellt aus Version 1")).to_be_visible()
    assert_accessible(page)
    page.goto(live_server.url + "/seiten/ueber-den-pakt/")
    expect(page.get_by_role("heading", name="Über den Pakt", level=1)).to_be_visible()
    expect(page.get_by_text("27. April 2017", exact=False).first).to_be_visible()
    assert page.get_by_text("Ein Versehen").count() == 0
    assert_accessible(page)
    assert_fits(page)


def test_visitor_reads_an_faq_answer_by_its_deep_link(live_server, page, content) -> None:
    page.goto(live_server.url + "/faq/verwendungsnachweis/")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Was gehört zum Verwendungsnachweis und wann ist er fällig?"
    expect(page.get_by_text("drei Monate", exact=False).first).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("link", name="Alle häufigen Fragen").click()
    page.wait_for_url("**/faq/#verwendungsnachweis")
    assert page.evaluate("document.querySelector(':target').id") == "verwendungsnachweis"
    expect(page.locator("#verwendungsnachweis")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)


@pytest.mark.parametrize(
    "path",
    [
        "/faq/",
        "/seiten/ueber-den-pakt/",
        "/seiten/ueber-den-pakt/integrationsmanagement/",
        "/suche/?q=Antrag",
        "/suche/?q=x",
    ],
)
def test_public_content_pages_are_accessible_and_fit_a_phone(
    live_server, page, content, path
) -> None:
    page.goto(live_server.url + path)
    page.get_by_role("heading", level=1).wait_for()
    assert_accessible(page)
    assert_fits(page)
