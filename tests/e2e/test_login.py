import io
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import call_command
from playwright.sync_api import expect

from pik.orgs.demo import DEMO_PASSWORD, demo_totp_secret

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_coordinator_logs_in_with_totp_and_sees_the_start_page(live_server, page) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    email = "koordination.boeblingen@demo.pik-bw.example"

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Anmelden").first.click()
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()

    page.wait_for_url("**/accounts/2fa/authenticate/")
    code = format_hotp_value(hotp_value(demo_totp_secret(email), int(time.time()) // 30))
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Bestätigen").click()

    page.wait_for_url("**/start/")
    expect(page.get_by_role("heading", name="Willkommen, Thomas Maier")).to_be_visible()
    expect(
        page.get_by_text("Koordination Integrationsmanagement (Kreis) – Landkreis Böblingen")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Team im Kreis")).to_be_visible()
    expect(page.get_by_text("Farid Rahimi")).to_be_visible()

    # Accessibility basics: the skip link is the first focusable element and targets <main>.
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.screenshot(path="var/e2e-start.png", full_page=True)
