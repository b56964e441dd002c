"""The issue's browser path, step by step: an integration manager records a new client (duplicate
warning seen and resolved), records consent, adds two contacts (one by phone), builds a plan
with goals in two fields, prints it bilingually, hands the client over to a colleague at another
employer who accepts; the coordinator sees the handover; the client page lists every access.

Each person works in a browser context of their own (one TOTP sign-in each)."""

import io
import re
import time

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MANAGER = "im1.boeblingen@demo.pik-bw.example"  # Miriam Vogt, Gemeinde Aidlingen
COLLEAGUE = "im2.boeblingen@demo.pik-bw.example"  # Farid Rahimi, DRK-Kreisverband
COORDINATOR = "koordination.boeblingen@demo.pik-bw.example"  # Thomas Maier
SIGNED_SCAN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _context_page(browser, base_url: str, email: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, base_url, email)
    return context, page


def test_done_when_path_in_the_browser(live_server, browser) -> None:  # type: ignore[no-untyped-def]
    call_command("seed_demo", stdout=io.StringIO())
    base = live_server.url
    today = time.strftime("%Y-%m-%d")
    manager_ctx, page = _context_page(browser, base, MANAGER)

    # 1. A new client, spelled like an existing one: the warning comes before anything is saved.
    page.goto(base + "/fallarbeit/klienten/neu/")
    page.get_by_label("Vorname").fill("Muhammad")
    page.get_by_label("Nachname").fill("Alhasan")
    page.get_by_label("Name in Originalschrift").fill("محمد الحسن")
    page.get_by_label("Geburtsjahr").fill("1988")
    page.get_by_label("Beratung seit").fill(today)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", name="Mögliche Doppelerfassung")).to_be_visible()
    expect(page.get_by_text("Möglicherweise ist die Person schon erfasst")).to_be_visible()
    # Resolved: the manager checked the entries, it is another person.
    page.get_by_label("Ich habe die ähnlichen Einträge geprüft").check()
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(re.compile(r".*/fallarbeit/klienten/\d+/$"))
    client_url = page.url
    expect(page.get_by_text("Die Akte für Muhammad Alhasan ist angelegt.")).to_be_visible()
    # No consent yet: only a minimal record, no contacts.
    expect(page.get_by_text("Keine gültige Einwilligung zur Teilnahme")).to_be_visible()

    # 2. Consent to counselling, signed on paper in German and Arabic, the scan uploaded.
    page.get_by_role("link", name="Einwilligung eintragen").click()
    page.get_by_label("Zweck").select_option("participation")
    page.get_by_label("Sprache des Formulars").select_option("ar")
    page.get_by_label("Form", exact=True).select_option("signed_paper")
    page.get_by_label("Scan des unterschriebenen Formulars").set_input_files(
        {"name": "einwilligung.pdf", "mimeType": "application/pdf", "buffer": SIGNED_SCAN}
    )
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Die Einwilligung ist eingetragen.")).to_be_visible()
    expect(page.get_by_role("link", name="Scan ansehen")).to_be_visible()

    # 3. Two contacts through the quick entry, one by phone.
    quick = page.get_by_role("region", name="Kontakt erfassen")
    quick.get_by_label("Art").select_option("phone")
    quick.get_by_label("Dauer (Minuten)").fill("25")
    quick.get_by_label("Arbeit").check()
    quick.get_by_label("Notiz").fill("Vorstellungsgespräch bei der Spedition vorbereitet")
    quick.get_by_role("button", name="Kontakt speichern").click()
    expect(page.get_by_text("Der Kontakt ist erfasst.")).to_be_visible()
    quick = page.get_by_role("region", name="Kontakt erfassen")
    quick.get_by_label("Art").select_option("in_person")
    quick.get_by_label("Sprache", exact=True).check()
    quick.get_by_label("mit Dolmetschung").check()
    quick.get_by_label("Notiz").fill("Anmeldung zum B1-Kurs besprochen")
    quick.get_by_role("button", name="Kontakt speichern").click()
    contacts = page.get_by_role("region", name="Beratungskontakte")
    expect(
        contacts.get_by_text("Vorstellungsgespräch bei der Spedition vorbereitet")
    ).to_be_visible()
    expect(contacts.get_by_text("Anmeldung zum B1-Kurs besprochen")).to_be_visible()
    expect(contacts.get_by_text("telefonisch")).to_be_visible()

    # 4. The integration plan: goals agreed in two fields; what is typed into the plan's fields
    # is saved with the goal, and kept when the goal has an error.
    page.get_by_role("link", name="Plan öffnen").click()
    page.get_by_label("Sprachkenntnisse").fill("A2, Kurs ab März")
    page.get_by_role("button", name="Ziel hinzufügen").click()  # no goal text: an error
    expect(page.locator(".pik-error-summary")).to_be_visible()
    assert page.get_by_label("Sprachkenntnisse").input_value() == "A2, Kurs ab März"
    for field, text in (
        ("work", "Festanstellung als Berufskraftfahrer"),
        ("language", "Deutschprüfung B1 bestehen"),
    ):
        page.get_by_label("Handlungsfeld").select_option(field)
        page.get_by_label("Ziel", exact=True).fill(text)
        page.get_by_role("button", name="Ziel hinzufügen").click()
        page.get_by_text("Das Ziel ist eingetragen.").wait_for()
        assert page.get_by_label("Sprachkenntnisse").input_value() == "A2, Kurs ab März"
    expect(
        page.get_by_role("heading", name="Arbeit: Festanstellung als Berufskraftfahrer")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Sprache: Deutschprüfung B1 bestehen")).to_be_visible()

    # 5. Printed bilingually: German and Arabic in the same PDF.
    page.get_by_label("Drucken, zweisprachig:").select_option("ar")
    action = page.locator("form[action$='/plan.pdf']").get_attribute("action")
    pdf = page.request.get(base + f"{action}?sprache=ar")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "Integrationsplan" in text and "Festanstellung als Berufskraftfahrer" in text
    assert any("\u0600" <= ch <= "\u06ff" or "\ufe70" <= ch <= "\ufeff" for ch in text)

    # 6. Handover to a colleague at another employer in the Kreis, with a note.
    page.goto(client_url)
    page.get_by_role("link", name="Übergeben").click()
    page.get_by_label("übergeben an").select_option(label="Farid Rahimi")
    page.get_by_label("Hinweis").fill("Spricht Arabisch; Termin beim Jobcenter am Montag.")
    page.get_by_role("button", name="Übergabe anbieten").click()
    expect(page.get_by_text("Die Übergabe wartet auf Annahme.")).to_be_visible()
    manager_ctx.close()

    colleague_ctx, colleague = _context_page(browser, base, COLLEAGUE)
    colleague.get_by_role("link", name="Mein Tag").click()
    colleague.get_by_role("region", name="Übergaben an mich").get_by_role(
        "link", name="Muhammad Alhasan"
    ).click()
    expect(colleague.get_by_text("Termin beim Jobcenter am Montag")).to_be_visible()
    colleague.get_by_role("button", name="Übergabe annehmen").click()
    expect(colleague.get_by_text("Die Übergabe ist bearbeitet.")).to_be_visible()
    colleague.goto(client_url)
    expect(colleague.get_by_text("Farid Rahimi").first).to_be_visible()

    # 7. The coordinator sees the handover on the record.
    coordinator_ctx, coordinator = _context_page(browser, base, COORDINATOR)
    coordinator.goto(client_url)
    moves = coordinator.get_by_role("region", name="Übergaben und Kreiswechsel")
    expect(moves.get_by_text(re.compile(r"an Farid Rahimi: angenommen"))).to_be_visible()
    coordinator_ctx.close()

    # 8. The client page lists every access: the manager's, the colleague's, the coordinator's.
    colleague.reload()
    log = colleague.get_by_role("region", name="Wer hat die Akte aufgerufen oder geändert?")
    for person in ("Miriam Vogt", "Farid Rahimi", "Thomas Maier"):
        row = log.get_by_role("row").filter(has_text=person).filter(has_text="Akte aufgerufen")
        expect(row.first, str(person)).to_be_visible()
    for action in (
        "Akte angelegt",
        "Einwilligung eingetragen",
        "Kontakt erfasst",
        "Ziel eingetragen",
        "Übergabe angeboten",
        "Übergabe angenommen",
    ):
        expect(log.get_by_text(action).first, str(action)).to_be_visible()
    colleague.screenshot(path="var/e2e-casework-access-log.png", full_page=True)
    colleague_ctx.close()
