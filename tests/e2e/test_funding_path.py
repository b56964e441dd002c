"""The whole funding path in the browser, one signed-in browser context per person."""

import io
import re
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from pik.orgs.demo import DEMO_DOMAIN
from tests.e2e.conftest import log_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(browser: Any, base: str, local: str) -> Any:
    context = browser.new_context(locale="de-DE", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, f"{local}@{DEMO_DOMAIN}")
    return page


def add_position(page: Any, name: str, qualification: str, share: str, start: str) -> None:
    page.get_by_label("Name der Person").fill(name)
    page.get_by_label("Qualifikation").select_option(label=qualification)
    page.get_by_label("Stellenanteil (VZÄ)").fill(share)
    page.get_by_label("Beginn (erster Arbeitstag)").fill(start)
    page.get_by_label("Monate").fill("24")
    page.get_by_role("button", name="Stelle hinzufügen").click()
    page.get_by_text("Die Stelle wurde hinzugefügt.").wait_for()


DONE = re.compile("Antrag eingereicht|Antwort eingereicht|Neuer Status des Antrags")
DECLARATION = "Ich habe alle Angaben geprüft"


def choose(page: Any, url: str, button: str) -> Any:
    """One step at a time: the step is chosen first, then its form appears."""
    page.goto(url)
    page.get_by_role("link", name=button, exact=True).click()
    return page.locator("form.pik-step")


def step(page: Any, url: str, button: str, message: str = "") -> None:
    form = choose(page, url, button)
    if message:
        form.locator("textarea").fill(message)
    if form.get_by_label(DECLARATION).count():
        form.get_by_label(DECLARATION).check()
    form.get_by_role("button", name=button, exact=True).click()
    page.get_by_text(DONE).wait_for()


def test_application_from_draft_to_downloaded_notice(live_server, browser) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    base = live_server.url

    applicant = sign_in(browser, base, "gemeinde.boeblingen")
    applicant.get_by_role("link", name="Anträge", exact=True).click()
    applicant.get_by_role("link", name="Integrationsmanagement").click()
    applicant.get_by_label("Antragsteller").select_option(label="Stadt Böblingen")
    applicant.get_by_label("Förderjahr").fill("2025")
    applicant.get_by_role("button", name="Entwurf anlegen").click()
    applicant.get_by_text("Der Antragsentwurf ist angelegt.").wait_for()
    url = applicant.url
    add_position(
        applicant,
        "Leyla Yıldız",
        "Hochschulabschluss in einem einschlägigen Fach",
        "1,00",
        "2025-03-01",
    )
    add_position(
        applicant,
        "Tom Berger",
        "Mittlerer Bildungsabschluss mit Berufsausbildung",
        "0,50",
        "2025-04-01",
    )
    expect(applicant.get_by_role("cell", name="Leyla Yıldız")).to_be_visible()
    # The review before submitting: everything entered on the page, the declaration confirmed.
    form = choose(applicant, url, "Einreichen")
    expect(
        applicant.get_by_text("Bitte prüfen Sie vor dem Einreichen alle Angaben")
    ).to_be_visible()
    expect(applicant.get_by_role("cell", name="Tom Berger")).to_be_visible()
    form.get_by_role("button", name="Einreichen", exact=True).click()  # not confirmed yet
    expect(applicant.locator(".pik-error-summary")).to_be_visible()
    form.get_by_label(DECLARATION).check()
    form.get_by_role("button", name="Einreichen", exact=True).click()
    file_number = "RPS15.2-IM-2025-08115-0001"
    applicant.get_by_text(f"Antrag eingereicht – Aktenzeichen {file_number}.").wait_for()
    expect(applicant.get_by_text(file_number).first).to_be_visible()

    case_worker = sign_in(browser, base, "sachbearbeitung.stuttgart")
    case_worker.goto(base + "/start/")
    waiting = case_worker.get_by_role("region", name="Wartet auf Sie")
    row = waiting.get_by_role("row").filter(has_text=file_number)
    expect(row.get_by_role("link", name=file_number)).to_be_visible()
    expect(row.get_by_text("Stadt Böblingen")).to_be_visible()
    step(case_worker, url, "Prüfung beginnen")
    step(
        case_worker,
        url,
        "Unterlagen nachfordern",
        "Bitte den Arbeitsvertrag von Tom Berger nachreichen.",
    )

    # The applicant answers the request: the deadline shown, a file and a message.
    applicant.goto(url)
    expect(
        applicant.get_by_text("Bitte den Arbeitsvertrag von Tom Berger nachreichen.").first
    ).to_be_visible()
    expect(
        applicant.get_by_text(re.compile(r"Bitte antworten Sie bis \d\d\.\d\d\.\d{4}"))
    ).to_be_visible()
    applicant.get_by_label("Anlage (PDF, PNG oder JPEG, höchstens 10 MB)").set_input_files(
        {"name": "arbeitsvertrag-berger.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    applicant.get_by_role("button", name="Hochladen").click()
    applicant.get_by_text("Die Anlage wurde hochgeladen.").wait_for()
    step(applicant, url, "Erneut einreichen", "Der Arbeitsvertrag liegt jetzt bei.")
    case_worker.goto(url)
    history = case_worker.get_by_role("region", name="Verlauf")  # the file under the request
    expect(history.get_by_role("link", name="arbeitsvertrag-berger.pdf")).to_be_visible()
    expect(case_worker.get_by_text("Der Arbeitsvertrag liegt jetzt bei.").first).to_be_visible()

    # The case worker's note survives an amount error (58.00 is ambiguous): nothing is lost.
    form = choose(case_worker, url, "Bewilligung vorschlagen")
    form.get_by_label("Begründung / Vermerk").fill("Stellen und Verträge geprüft.")
    form.get_by_label("Zu bewilligender Betrag (EUR)").fill("160.808.16")
    form.get_by_role("button", name="Bewilligung vorschlagen").click()
    summary = case_worker.locator(".pik-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert (
        form.get_by_label("Begründung / Vermerk").input_value() == "Stellen und Verträge geprüft."
    )
    assert (
        form.get_by_label("Zu bewilligender Betrag (EUR)").get_attribute("aria-invalid") == "true"
    )
    summary.get_by_role("link").first.click()  # the link leads to the field
    amount = form.get_by_label("Zu bewilligender Betrag (EUR)")
    amount.fill("160.808,16")
    form.get_by_role("button", name="Bewilligung vorschlagen").click()
    case_worker.get_by_text(DONE).wait_for()
    assert case_worker.get_by_role("link", name="Bewilligen", exact=True).count() == 0  # 4 eyes

    head = sign_in(browser, base, "referatsleitung")
    step(head, url, "Bewilligen")

    applicant.goto(url)
    expect(applicant.get_by_text("Bescheid erlassen").first).to_be_visible()
    with applicant.expect_download() as download:
        applicant.get_by_role("link", name="Zuwendungsbescheid herunterladen (PDF)").click()
    with open(download.value.path(), "rb") as fh:
        pdf = PdfReader(io.BytesIO(fh.read()))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    for expected in (
        "Zuwendungsbescheid",
        file_number,
        "Leyla Yıldız",
        "Tom Berger",
        "160.808,16 EUR",
        "Rechtsbehelfsbelehrung",
        "Martin Vogel",
    ):
        assert expected in text, expected
    applicant.screenshot(path="var/e2e-funding-applicant.png", full_page=True)
