"""Lists in the browser at phone width (390 px): the coordinator sorts the client list from the
keyboard (the header says how it is sorted), the RPS case worker picks a Gemeinde for the
workbench by typing part of its name (suggestions from the server) and sorts the result."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from pik.orgs.demo import DEMO_DOMAIN
from tests.e2e.checks import assert_accessible, assert_fits
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sorting_and_choosing_a_gemeinde_at_phone_width(live_server, browser) -> None:  # type: ignore[no-untyped-def]
    call_command("seed_demo", stdout=io.StringIO())
    base = live_server.url

    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, f"koordination.boeblingen@{DEMO_DOMAIN}")
    page.goto(base + "/fallarbeit/klienten/?status=")
    header = page.locator("th", has=page.get_by_role("link", name=re.compile("^Geburtsjahr")))
    expect(page.locator('th[aria-sort="ascending"]')).to_contain_text("Name")  # the default
    # From the keyboard: focus the header's link and press Enter; then once more, the other way.
    page.get_by_role("link", name=re.compile("^Geburtsjahr")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*sortierung=geburtsjahr"))
    expect(header).to_have_attribute("aria-sort", "ascending")
    years = page.locator("tbody tr td:nth-child(2)").all_inner_texts()
    numbers = [int(y) for y in years if y.strip().isdigit()]
    assert numbers == sorted(numbers) and len(numbers) >= 2
    page.get_by_role("link", name=re.compile("^Geburtsjahr")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*sortierung=-geburtsjahr"))
    expect(header).to_have_attribute("aria-sort", "descending")
    assert_fits(page)
    assert_accessible(page)
    # a new search keeps the order
    page.get_by_label("Name suchen").fill("a")
    page.get_by_role("button", name="Suchen").click()
    page.wait_for_url(re.compile(r".*q=a.*"))
    assert "sortierung=-geburtsjahr" in page.url
    context.close()

    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, f"sachbearbeitung.stuttgart@{DEMO_DOMAIN}")
    page.goto(base + "/foerderung/antraege/")
    field = page.get_by_label("Gemeinde", exact=True)
    field.press_sequentially("boeb")
    # the suggestions come from the server, tolerant of the umlaut
    expect(page.locator('datalist#id_gemeinde_list option[value="Stadt Böblingen"]')).to_have_count(
        1
    )
    field.fill("Stadt Böblingen")
    page.get_by_role("button", name="Filtern").click()
    page.wait_for_url(re.compile(r".*gemeinde=Stadt.*"))
    expect(field).to_have_value("Stadt Böblingen")
    page.get_by_role("link", name=re.compile("^Antragsteller")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*sortierung=antragsteller"))
    assert "gemeinde=Stadt" in page.url  # the filter is kept
    expect(page.locator('th[aria-sort="ascending"]')).to_contain_text("Antragsteller")
    assert_fits(page)
    assert_accessible(page)
    context.close()
