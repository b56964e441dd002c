"""The payment pages in the browser: the recipient requests funds, the RPS releases with a
second pair of eyes, gathers a batch, exports it and books it; each page accessible at 390 px."""

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from pik.orgs.demo import DEMO_DOMAIN
from tests.e2e.checks import assert_accessible, assert_fits
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(browser: Any, base: str, local: str) -> Any:
    context = browser.new_context(locale="de-DE", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, f"{local}@{DEMO_DOMAIN}")
    return page


def checked(page: Any) -> None:
    assert_accessible(page)
    assert_fits(page, width=390)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_request_release_batch_and_booking(live_server, browser) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    base = live_server.url

    recipient = sign_in(browser, base, "gemeinde.boeblingen")
    recipient.get_by_role("link", name="Mittelabrufe", exact=True).click()
    checked(recipient)
    recipient.get_by_role("link", name="Mittel abrufen").first.click()
    recipient.get_by_label("Betrag (EUR)").fill("999.999,00")
    # the demo's grants lie in the current funding year (its dates move with today)
    year = re.search(r"RPS15\.2-IM-(\d{4})-", recipient.inner_text("main")).group(1)  # type: ignore[union-attr]
    recipient.get_by_label("Zeitraum von").fill(f"{year}-07-01")
    recipient.get_by_label("Zeitraum bis").fill(f"{year}-12-31")
    recipient.get_by_label("vorläufige Zahlen (erste Rate)").check()
    recipient.get_by_label(re.compile("Sara Nouri")).check()
    recipient.get_by_role("button", name="Mittelabruf stellen").click()
    recipient.get_by_text("Bitte korrigieren Sie:").wait_for()
    assert recipient.get_by_label("Betrag (EUR)").input_value() == "999.999,00"
    checked(recipient)
    recipient.get_by_label("Betrag (EUR)").fill("1.000,00")
    recipient.get_by_role("button", name="Mittelabruf stellen").click()
    recipient.get_by_text("Der Mittelabruf wurde gestellt.").wait_for()
    checked(recipient)

    head = sign_in(browser, base, "referatsleitung")
    head.get_by_role("link", name="Mittelabrufe", exact=True).click()
    head.get_by_role("link").filter(has_text=" / 2").click()  # checked by the case worker
    head.get_by_role("button", name="Zur Zahlung freigeben").click()
    head.get_by_text("Der Schritt wurde ausgeführt.").wait_for()
    head.get_by_role("link", name="Zurück zu den Mittelabrufen").click()
    head.get_by_role("button", name="Zahlungsliste zusammenstellen").click()
    head.get_by_text(re.compile("Die Zahlungsliste .* wurde zusammengestellt.")).wait_for()
    checked(head)
    with head.expect_download() as download:
        head.get_by_role("link", name="Für die Landesoberkasse als CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "DE02120300000000202051;30000,00;" in text
    head.get_by_role("button", name="Auszahlungen buchen").click()
    head.get_by_text("Die Auszahlungen wurden im Haushalt gebucht.").wait_for()
    checked(head)
