"""Pages work under the Content Security Policy: the browser reports no blocked script or style."""

import io
from typing import Any

import pytest
from django.core.management import call_command

from pik.orgs.demo import DEMO_DOMAIN
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_and_the_print_button_work_without_csp_violations(live_server, page: Any) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    base = live_server.url
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    # Playwright's init script is not subject to the page's policy: it records the print call.
    page.add_init_script("window.print = () => { window.pikPrinted = true; };")

    for path in ("/", "/accounts/login/", "/admin/login/"):
        page.goto(base + path)
    log_in(page, base, f"gemeinde.boeblingen@{DEMO_DOMAIN}")
    page.goto(base + "/accounts/2fa/")
    page.get_by_role("link", name="Anträge", exact=True).click()
    page.get_by_role("link", name="Integrationsmanagement").click()
    page.get_by_label("Antragsteller").select_option(label="Stadt Böblingen")
    page.get_by_label("Förderjahr").fill("2025")
    page.get_by_role("button", name="Entwurf anlegen").click()
    page.get_by_text("Der Antragsentwurf ist angelegt.").wait_for()
    page.goto(page.url.rstrip("/") + "/zusammenfassung/")
    page.get_by_role("button", name="Drucken").click()
    assert page.evaluate("window.pikPrinted === true")
    assert page.evaluate("getComputedStyle(document.body).marginTop") != "0px"  # print.css
    assert blocked == []
