"""An integration manager's morning in the browser: log in with TOTP, Mein Tag, duplicate
warning for another spelling, search, quick contact entry, plan goal, handover acceptance."""

import io
import time

import pytest
from django.core.management import call_command

from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_works_a_case_in_the_browser(live_server, page) -> None:  # type: ignore[no-untyped-def]
    call_command("seed_demo", stdout=io.StringIO())
    email = "im1.boeblingen@demo.pik-bw.example"
    log_in(page, live_server.url, email)

    page.get_by_role("link", name="Mein Tag").click()
    assert page.get_by_role("heading", name="Übergaben an mich").is_visible()
    # Accept the handover a colleague offered.
    page.get_by_role("region", name="Übergaben an mich").get_by_role("link").first.click()
    page.get_by_role("button", name="Übergabe annehmen").click()
    assert page.get_by_text("Die Übergabe ist bearbeitet.").is_visible()

    # A new client in another spelling of an existing one: the duplicate warning appears.
    page.goto(live_server.url + "/fallarbeit/klienten/neu/")
    page.get_by_label("Vorname").fill("Muhammad")
    page.get_by_label("Nachname").fill("Alhasan")
    page.get_by_label("Geburtsjahr").fill("1988")
    page.get_by_label("Beratung seit").fill(time.strftime("%Y-%m-%d"))
    page.get_by_label("Einwilligung zur Teilnahme unterschrieben am").fill(
        time.strftime("%Y-%m-%d")
    )
    page.get_by_role("button", name="Speichern").click()
    assert page.get_by_role("heading", name="Mögliche Doppelerfassung").is_visible()
    assert page.get_by_text("M. A.").first.is_visible()

    # Search in another spelling, open the record.
    page.goto(live_server.url + "/fallarbeit/klienten/?q=Mohamad")
    page.get_by_role("link", name="Al-Hassan, Mohammed").click()
    page.wait_for_url("**/fallarbeit/klienten/*/")

    # Quick contact entry.
    quick = page.get_by_role("region", name="Kontakt erfassen")
    quick.get_by_label("Art").select_option("phone")
    quick.get_by_label("Dauer (Minuten)").fill("25")
    quick.get_by_label("Arbeit").check()
    quick.get_by_label("Notiz").fill("Vorstellungsgespräch bei der Spedition vorbereitet")
    quick.get_by_role("button", name="Kontakt speichern").click()
    assert page.get_by_text("Der Kontakt ist erfasst.").is_visible()
    assert page.get_by_text("Vorstellungsgespräch bei der Spedition vorbereitet").is_visible()
    # The access log names who opened the record.
    log = page.get_by_role("region", name="Wer hat die Akte aufgerufen oder geändert?")
    assert log.get_by_text("Miriam Vogt").first.is_visible()
    assert log.get_by_text("Kontakt erfasst").first.is_visible()

    # Add a goal to the integration plan.
    page.get_by_role("link", name="Plan öffnen").click()
    page.get_by_text("Ziel hinzufügen").click()
    goal = page.locator("form[action$='/plan/ziel/']")
    goal.get_by_label("Handlungsfeld").select_option("work")
    goal.get_by_label("Ziel", exact=True).fill("Festanstellung als Berufskraftfahrer")
    goal.get_by_role("button", name="Ziel speichern").click()
    assert page.get_by_role(
        "heading", name="Arbeit: Festanstellung als Berufskraftfahrer"
    ).is_visible()
    page.screenshot(path="var/e2e-casework-plan.png", full_page=True)
