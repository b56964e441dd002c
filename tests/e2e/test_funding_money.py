"""The money of a grant in the browser: payment request, four-eyes release, payment batch and its
export, interim and final proof of use, the repayment claim with interest, the budget released.

The grant itself (application, approval, bank details) is set up through the services: the path
to the decision notice is walked in test_funding_path.py.
"""

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from pik.core.numbers import format_number
from pik.funding import ledger, services
from pik.funding.models import Applicant, Application, Budget, Notice, Programme
from pik.funding.tasks import notice_render
from pik.orgs.demo import DEMO_DOMAIN
from pik.orgs.models import Gemeinde, User
from tests.e2e.checks import assert_accessible, assert_fits
from tests.e2e.test_funding_path import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _u(local: str) -> User:
    return User.objects.get(email=f"{local}@{DEMO_DOMAIN}")


def granted_2018() -> Application:
    """Böblingen's 2018 grant: one full position (intermediate, 51,000.00 a year) from
    01.01.2018 for 24 months, 102,000.00 EUR, approved with its notice; bank details set."""
    im = Programme.objects.get(code="im")
    boeblingen = Gemeinde.objects.get(ags="08115003")
    services.contingents_import(
        programme=im, year=2018, data=b"ags,personen\n08115003,300\n", filename="p.csv", actor=None
    )
    applicant = Applicant.objects.filter(
        programme=im, kind="gemeinde", gemeinde=boeblingen
    ).first() or services.applicant_create(
        programme=im, kind="gemeinde", members=[boeblingen], actor=None
    )
    admin, worker, head = (
        _u("gemeinde.boeblingen"),
        _u("sachbearbeitung.stuttgart"),
        _u("referatsleitung"),
    )
    application = services.application_create(
        programme=im, applicant=applicant, year=2018, actor=admin
    )
    services.position_add(
        application=application,
        person_name="Nora Lindqvist",
        qualification="intermediate",
        share=Decimal("1.00"),
        start_date=dt.date(2018, 1, 1),
        months=24,
        actor=admin,
    )
    for action, actor in (
        ("submit", admin),
        ("start_review", worker),
        ("propose_approval", worker),
        ("approve", head),
    ):
        application.refresh_from_db()
        services.application_transition(application=application, action=action, actor=actor)
    notice_render.func(notice_id=Notice.objects.get(application=application).pk)
    services.applicant_bank_details_set(
        applicant=applicant,
        iban="DE02 1203 0000 0000 2020 51",
        account_holder="Stadtkasse Böblingen",
        actor=admin,
    )
    application.refresh_from_db()
    return application


def button(page: Any, name: str, done: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    page.get_by_text(done).first.wait_for()


def fill_proof(page: Any, filled: tuple[str, str, str]) -> None:
    """The line of the one position, the narrative report and the key figures."""
    page.get_by_text("Angaben zur Stelle von Nora Lindqvist").click()
    page.get_by_label("besetzt ab").fill(filled[0])
    page.get_by_label("besetzt bis").fill(filled[1])
    page.get_by_label("gezahltes Entgelt im Zeitraum (EUR)").fill(filled[2])
    button(page, "Speichern", "Die Angaben zur Stelle von Nora Lindqvist sind gespeichert.")
    page.locator("input[type=file]").first.set_input_files(
        {"name": "sachbericht.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    button(page, "Sachbericht hochladen", "Der Sachbericht wurde hochgeladen.")
    figures = page.locator("form").filter(
        has=page.get_by_role("button", name="Kennzahlen speichern")
    )
    if not figures.is_visible():
        page.get_by_text("Kennzahlen von Hand erfassen oder ändern").click()
    for box in figures.locator("input[type=number], input[inputmode]").all():
        # the parts may not exceed the whole (persons counselled, contacts in total)
        whole = box.get_attribute("name") in ("persons_counselled", "contacts_total")
        box.fill("100" if whole else "10")
    button(page, "Kennzahlen speichern", "Die Kennzahlen sind gespeichert.")


def test_payment_proof_of_use_and_repayment_with_interest(live_server, browser) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    grant = granted_2018()
    base = live_server.url
    detail = f"{base}/foerderung/antraege/{grant.pk}/"
    budget = Budget.objects.get(programme=grant.programme, year=2018)

    # 1. The recipient requests the first tranche: 60 % of 51,000.00 for 2018.
    recipient = sign_in(browser, base, "gemeinde.boeblingen")
    recipient.goto(f"{base}/foerderung/antraege/{grant.pk}/mittelabruf/")
    recipient.get_by_label("Betrag (EUR)").fill("30.600,00")
    recipient.get_by_label("Zeitraum von").fill("2018-01-01")
    recipient.get_by_label("Zeitraum bis").fill("2018-12-31")
    recipient.get_by_label("vorläufige Zahlen (erste Rate)").check()
    recipient.get_by_label("Nora Lindqvist", exact=False).check()
    button(recipient, "Mittelabruf stellen", "Der Mittelabruf wurde gestellt.")
    request_url = recipient.url

    # 2. Four eyes: the case worker checks, the head of unit releases.
    case_worker = sign_in(browser, base, "sachbearbeitung.stuttgart")
    case_worker.goto(request_url)
    button(case_worker, "Sachlich prüfen", "Der Schritt wurde ausgeführt.")
    assert case_worker.get_by_role("button", name="Zur Zahlung freigeben").count() == 0
    head = sign_in(browser, base, "referatsleitung")
    head.goto(request_url)
    button(head, "Zur Zahlung freigeben", "Der Schritt wurde ausgeführt.")

    # 3. The payment batch for the state cash office: exported, then booked.
    case_worker.goto(f"{base}/foerderung/mittelabrufe/")
    button(case_worker, "Zahlungsliste zusammenstellen", "wurde zusammengestellt")
    with case_worker.expect_download() as download:
        case_worker.get_by_role("link", name="Für die Landesoberkasse als CSV").click()
    csv = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    assert "DE02120300000000202051" in csv.replace(" ", "") and "30600" in csv.replace(".", "")
    assert grant.file_number in csv
    button(case_worker, "Auszahlungen buchen", "Die Auszahlungen wurden im Haushalt gebucht.")

    # 4. Interim proof of use for 2018, accepted by the case worker.
    recipient.goto(detail)
    recipient.get_by_label("Jahr des Zwischennachweises").select_option("2018")
    button(recipient, "Zwischennachweis anlegen", "angelegt")
    interim_url = recipient.url
    fill_proof(recipient, ("2018-01-01", "2018-12-31", "51.000,00"))
    button(recipient, "Einreichen", "Der Schritt wurde ausgeführt.")
    case_worker.goto(interim_url)
    button(case_worker, "Anerkennen", "Der Schritt wurde ausgeführt.")

    # 5. Final proof: the position was filled for 6 months only (25,500.00 eligible of 30,600.00
    #    paid): the case worker finds a repayment of 5,100.00.
    recipient.goto(detail)
    button(recipient, "Verwendungsnachweis (Endnachweis) anlegen", "angelegt")
    final_url = recipient.url
    fill_proof(recipient, ("2018-01-01", "2018-06-30", "25.500,00"))
    button(recipient, "Einreichen", "Der Schritt wurde ausgeführt.")
    case_worker.goto(final_url)
    case_worker.get_by_label("Feststellung").fill("Stelle ab 01.07.2018 nicht besetzt.")
    button(case_worker, "Feststellung festhalten", "Die Feststellung ist festgehalten.")
    button(case_worker, "Rückforderung feststellen", "Rückforderung festgestellt")

    # 6. The claim, prefilled from the proof; interest from 01.07.2025; issued by the head.
    case_worker.get_by_role("link", name="Rückforderung anlegen").click()
    assert case_worker.get_by_label("Rückforderungsbetrag (EUR)").input_value() == "5.100,00"
    case_worker.get_by_label("fällig ab (Beginn der Verzinsung)").fill("2025-07-01")
    button(case_worker, "Rückforderung vorschlagen", "Die Rückforderung ist vorgeschlagen")
    claim_url = case_worker.url
    assert case_worker.get_by_role("button", name="Rückforderung festsetzen").count() == 0
    head.goto(claim_url)
    button(head, "Rückforderung festsetzen", "Der Schritt wurde ausgeführt.")

    recipient.goto(claim_url)
    with recipient.expect_download() as download:
        recipient.get_by_role("link", name="Rückforderungsbescheid herunterladen (PDF)").click()
    with open(download.value.path(), "rb") as fh:
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(fh).pages).split())
    for expected in (
        "Rückforderungsbescheid",
        grant.file_number,
        "5.100,00 EUR",
        "01.07.2025 – 31.12.2025",  # 1.27 + 5 = 6.27 % through the half year
        "6,27",
        "act/act",
        "Verwaltungsgericht Stuttgart",
    ):
        assert expected in text, expected

    # 7. The money comes back: booked, the budget released (commitment and payment less 5,100).
    before = ledger.balances(budget)
    case_worker.goto(claim_url)
    case_worker.get_by_label("eingegangen am").fill(dt.date.today().isoformat())  # noqa: DTZ011
    case_worker.get_by_label("Betrag (EUR)").fill("5.100,00")
    button(case_worker, "Zahlungseingang erfassen", "Der Zahlungseingang wurde erfasst")
    after = ledger.balances(budget)
    assert before.committed - after.committed == Decimal("5100.00")
    assert before.paid - after.paid == Decimal("5100.00")
    head.goto(f"{base}/foerderung/haushalt/")
    row = head.get_by_role("row").filter(has_text="2018").filter(has_text="Integrationsmanagement")
    for value in (after.committed, after.paid, after.free):
        assert format_number(value, 2, language="de") in row.inner_text(), value
    # The repayment pages: German, accessible, usable at 390 px.
    for url in (
        claim_url,
        f"{base}/foerderung/rueckforderungen/",
        f"{base}/foerderung/basiszinssaetze/",
    ):
        head.goto(url)
        assert_accessible(head)
        assert_fits(head, 390)
        head.set_viewport_size({"width": 1280, "height": 900})
    recipient.goto(claim_url)
    assert_accessible(recipient)
    assert_fits(recipient, 390)
