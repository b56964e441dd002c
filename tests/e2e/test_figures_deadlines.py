"""The statewide figures and the deadline calendar in the browser: accessible, 390 px wide,
German and English."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from pik.orgs.demo import DEMO_DOMAIN
from tests.e2e.checks import assert_accessible, assert_fits
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ministry_reads_sorts_and_downloads_figures(live_server, page) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    log_in(page, live_server.url, f"ministerium@{DEMO_DOMAIN}")
    page.goto(live_server.url + reverse("funding:figures"))
    page.get_by_role("heading", name="Landesweite Zahlen", level=1).wait_for()
    assert page.locator("svg[role=img]").count() == 2
    assert_accessible(page)
    page.get_by_role("link", name="geförderte Stellen (VZÄ)").last.click()
    page.wait_for_url("**sort_kreise=fte*")
    assert page.locator("#kreise th[aria-sort=ascending]").count() == 1
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").last.click()
    assert download.value.suggested_filename.startswith("zahlen-kreise")
    assert_fits(page, width=390)
    assert_accessible(page)


def test_coordinator_sees_the_kreis_calendar_in_english_at_390_px(live_server, page) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    log_in(page, live_server.url, f"koordination.stuttgart@{DEMO_DOMAIN}")
    page.goto(live_server.url + reverse("funding:deadlines_mine"))
    page.get_by_role("heading", name="Meine Fristen").wait_for()
    page.get_by_role("button", name="Neuen Kalender-Link anlegen").click()
    page.get_by_text("Ihr neuer Kalender-Link").wait_for()
    page.get_by_role("link", name="Stuttgart, Stadtkreis").click()
    page.get_by_role("heading", name="Fristen: Stuttgart, Stadtkreis").wait_for()
    assert_fits(page, width=390)
    assert_accessible(page)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(live_server.url + reverse("funding:deadlines_mine"))
    page.get_by_role("heading", name="My deadlines").wait_for()
    assert_fits(page, width=390)
    assert_accessible(page)
