"""Browser tests: Playwright drives the system Chromium (never a downloaded browser).

Without Chromium `make test` skips them with a notice; in CI (CI=true) a missing browser fails.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

# Assertions wait for the page that a click started to load (the machines are shared and slow);
# a bare is_visible() would look at whatever is on screen at that instant.
expect.set_options(timeout=15_000)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("PIK_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
    ):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        message = (
            "Chromium nicht gefunden (apt-get install -y chromium): Browser-Tests übersprungen."
        )
        if os.environ.get("CI"):
            pytest.fail(message + " In CI ist das ein Fehler.")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def log_in(page: Any, base_url: str, email: str) -> None:
    """Sign a demo user in with password and the current TOTP code; ends on the user's start
    page (an integration manager's is "Mein Tag")."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from pik.orgs.demo import DEMO_PASSWORD, demo_totp_secret

    page.goto(base_url + "/accounts/login/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    code = format_hotp_value(hotp_value(demo_totp_secret(email), int(time.time()) // 30))
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
