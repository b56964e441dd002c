"""The portal's documents, contact search, events and notices in the browser."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.apps import apps

from pik.funding.reference import ensure_reference_data
from pik.orgs import demo as orgs_demo
from pik.orgs.demo import DEMO_DOMAIN
from pik.portal.content import APPLICATION_FORM, seed_first_content
from pik.portal.selectors import contacts
from tests.e2e.checks import assert_accessible, assert_fits
from tests.e2e.conftest import log_in
from tests.portal import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A Gemeinde in each Regierungsbezirk (Stuttgart, Karlsruhe, Freiburg, Tübingen), as typed.
PLACES = {
    "Wertheim": "Wertheim (Main-Tauber-Kreis)",
    "Bruchsal": "Bruchsal (Landkreis Karlsruhe)",
    "Titisee-Neustadt": "Titisee-Neustadt (Landkreis Breisgau-Hochschwarzwald)",
    "Kressbronn": "Kreßbronn am Bodensee (Bodenseekreis)",
}


@pytest.fixture
def portal(live_server: Any) -> str:
    ensure_reference_data(apps)  # a transactional test before may have flushed the seed
    orgs_demo.seed(stdout=io.StringIO())
    seed_first_content()
    return str(live_server.url)


def test_visitor_finds_the_contact_person_in_every_regierungsbezirk(portal, page) -> None:
    page.goto(portal + "/")
    page.get_by_role("link", name="Ansprechperson finden").click()
    field = page.get_by_label("Gemeinde oder Kreis")
    field.press_sequentially("Kressbr", delay=30)  # the suggestions come with JavaScript
    page.locator("#pik-place-list option[value='Kreßbronn am Bodensee (Bodenseekreis)']").wait_for(
        state="attached"
    )
    bezirke = set()
    for typed, place in PLACES.items():
        field = page.get_by_label("Gemeinde oder Kreis")
        field.fill(typed)
        page.get_by_role("button", name="Suchen").click()
        card = page.get_by_role("region", name=place)
        card.wait_for()
        [match] = [m for m in contacts.search(query=typed) if m.place == place]
        assert match.contact.case_workers, place
        for name in match.contact.case_workers:
            assert name in card.inner_text()
        assert "Referat 15.2" in card.inner_text() and "97877 Wertheim" in card.inner_text()
        assert "integrationsmanagement@rps.bwl.de" in card.inner_text()
        bezirke.add(match.contact.regierungsbezirk)
    assert bezirke == {"Stuttgart", "Karlsruhe", "Freiburg", "Tübingen"}
    assert_accessible(page)
    assert_fits(page)


def test_visitor_downloads_the_current_application_form(portal, browser) -> None:
    context = browser.new_context(locale="de-DE", accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(portal + "/dokumente/")
        page.get_by_label("Kategorie").select_option(label="Formular")
        page.get_by_role("button", name="Filtern").click()
        with page.expect_download() as info:
            page.get_by_role("link", name=f"{APPLICATION_FORM} herunterladen").click()
        download = info.value
        assert download.suggested_filename == "antrag.pdf"
        with open(download.path(), "rb") as file:
            assert file.read(5) == b"%PDF-"
        assert_accessible(page)
        assert_fits(page)
    finally:
        context.close()


def test_visitor_subscribes_to_the_event_calendar(portal, page) -> None:
    factories.event(title="Fachtag Integrationsmanagement 2030")
    page.goto(portal + "/")
    page.get_by_role("link", name="Alle Veranstaltungen").click()
    page.get_by_role("link", name="Fachtag Integrationsmanagement 2030").wait_for()
    assert_accessible(page)
    href = page.get_by_role("link", name="Kalender abonnieren (iCalendar)").get_attribute("href")
    response = page.request.get(portal + href)
    assert response.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VCALENDAR" in response.text()
    assert "Fachtag Integrationsmanagement 2030" in response.text()


def test_editor_publishes_a_notice_and_withdraws_it(portal, browser, page) -> None:
    editor = browser.new_context(locale="de-DE").new_page()
    try:
        log_in(editor, portal, f"redaktion@{DEMO_DOMAIN}")
        editor.get_by_role("link", name="Redaktion: Hinweise").click()
        editor.get_by_label("Titel").fill("Neue Frist für den Verwendungsnachweis")
        editor.get_by_label("Text", exact=True).fill("Der Nachweis ist bis 28. Februar fällig.")
        editor.get_by_label("anzeigen ab").fill("2024-01-01")
        editor.get_by_role("button", name="Hinweis speichern").click()
        editor.get_by_text("Der Hinweis wurde gespeichert.").wait_for()
        assert_accessible(editor)
        row = editor.get_by_role("row").filter(has_text="Neue Frist für den Verwendungsnachweis")
        row.get_by_role("button", name="Veröffentlichen").click()
        editor.get_by_text("Der Hinweis ist veröffentlicht.").wait_for()

        page.goto(portal + "/")
        notice = page.get_by_role("note").filter(has_text="Neue Frist für den Verwendungsnachweis")
        notice.wait_for()
        assert "28. Februar" in notice.inner_text()
        assert page.get_by_role("note").filter(has_text="Corona").count() == 1
        assert_accessible(page)
        assert_fits(page)

        row.get_by_role("button", name="Zurückziehen").click()
        editor.get_by_text("Der Hinweis wurde zurückgezogen.").wait_for()
        page.goto(portal + "/")
        page.get_by_role("heading", level=1).wait_for()
        assert page.get_by_text("Neue Frist für den Verwendungsnachweis").count() == 0
    finally:
        editor.context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/dokumente/",
        "/ansprechpersonen/?ort=Boblingen",
        "/ansprechpersonen/tabelle/",
        "/veranstaltungen/",
        "/veranstaltungen/archiv/",
        "/hinweise/",
        "/zahlen/",
    ],
)
def test_public_content_pages_are_accessible_and_fit_a_phone(portal, page, path) -> None:
    factories.event(days=-20, title="Netzwerktreffen")
    page.goto(portal + path)
    page.get_by_role("heading", level=1).wait_for()
    assert_accessible(page)
    assert_fits(page)
