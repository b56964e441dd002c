"""The final proof of use in the browser at 390 px: the recipient completes and submits it, the
RPS records a finding and accepts it."""

import io
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from pik.funding.models import Application
from pik.orgs.demo import DEMO_DOMAIN
from tests.e2e.checks import assert_accessible, assert_fits
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FIGURES = {
    "Beratene Personen": "157",
    "Beratene Haushalte": "61",
    "davon im Zeitraum neu aufgenommen": "48",
    "Erstellte Integrationspläne": "144",
    "Fortgeschriebene Integrationspläne": "97",
    "Beratungskontakte insgesamt": "772",
    "davon aufsuchend": "131",
    "davon per Telefon, E-Mail oder Video": "214",
    "Vermittlungen in Regelangebote": "88",
    "davon Beratung im Zeitraum beendet": "23",
    "Erreichte Ziele": "64",
}


def phone(browser: Any, base: str, local: str) -> Any:
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, f"{local}@{DEMO_DOMAIN}")
    return page


def test_final_proof_completed_submitted_and_accepted(live_server, browser) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    base = live_server.url
    application = Application.objects.get(
        programme__code="im", applicant__gemeinde__ags="08115003", year=2019
    )

    recipient = phone(browser, base, "gemeinde.boeblingen")
    recipient.goto(f"{base}/foerderung/antraege/{application.pk}/")
    expect(recipient.get_by_text("Zwischennachweis und Kennzahlen eines Jahres")).to_be_visible()
    assert_accessible(recipient)
    recipient.get_by_role("link", name="Verwendungsnachweis (Endnachweis) 01.03.2019").click()
    recipient.get_by_role("heading", name="Zahlenmäßiger Nachweis je Stelle").wait_for()
    assert_fits(recipient)
    assert_accessible(recipient)

    # A negative salary is refused in German, and what was typed is still there.
    recipient.get_by_text("Angaben zur Stelle von Sara Nouri").click()
    line = recipient.locator("form").filter(has=recipient.get_by_label("besetzt ab")).first
    line.get_by_label("gezahltes Entgelt im Zeitraum (EUR)").fill("-5.000,00")
    line.get_by_role("button", name="Speichern").click()
    recipient.get_by_text("Das gezahlte Entgelt darf nicht negativ sein.").first.wait_for()
    line = recipient.locator("form").filter(has=recipient.get_by_label("besetzt ab")).first
    salary = line.get_by_label("gezahltes Entgelt im Zeitraum (EUR)")
    assert salary.input_value() == "-5.000,00"
    assert_accessible(recipient)  # the error state too
    salary.fill("128.000,00")
    line.get_by_role("button", name="Speichern").click()
    recipient.get_by_text("Die Angaben zur Stelle von Sara Nouri sind gespeichert.").wait_for()

    recipient.get_by_label("Sachbericht (PDF oder Word/DOCX, höchstens 10 MB)").set_input_files(
        {"name": "sachbericht.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    recipient.get_by_role("button", name="Sachbericht hochladen").click()
    recipient.get_by_text("Der Sachbericht wurde hochgeladen.").wait_for()
    for label, value in FIGURES.items():
        recipient.get_by_label(label, exact=True).fill(value)
    recipient.get_by_role("button", name="Kennzahlen speichern").click()
    recipient.get_by_text("Die Kennzahlen sind gespeichert.").wait_for()
    recipient.get_by_role("button", name="Einreichen").click()
    recipient.get_by_text("Der Schritt wurde ausgeführt.").wait_for()
    expect(recipient.get_by_text("eingereicht").first).to_be_visible()
    proof_url = recipient.url

    case_worker = phone(browser, base, "sachbearbeitung.stuttgart")
    case_worker.goto(proof_url)
    case_worker.get_by_label("Feststellung").fill("Stellen und Kennzahlen plausibel.")
    case_worker.get_by_role("button", name="Feststellung festhalten").click()
    case_worker.get_by_text("Die Feststellung ist festgehalten.").wait_for()
    case_worker.get_by_role("button", name="Anerkennen").click()
    case_worker.get_by_text("Der Schritt wurde ausgeführt.").wait_for()
    expect(case_worker.get_by_text("anerkannt").first).to_be_visible()
    assert_fits(case_worker)
    assert_accessible(case_worker)
    case_worker.goto(f"{base}/foerderung/verwendungsnachweise/?status=accepted")
    expect(
        case_worker.get_by_role("link", name="Verwendungsnachweis (Endnachweis) 2019–2021")
    ).to_be_visible()
    assert_fits(case_worker)
    assert_accessible(case_worker)
    case_worker.screenshot(path="var/e2e-proof-of-use.png", full_page=True)
