"""The public pages on a phone: 390 px wide, no sideways scrolling."""

import pytest
from django.apps import apps

from pik.funding.reference import ensure_reference_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize(
    "path", ["/", "/programme/im/", "/impressum/", "/datenschutz/", "/barrierefreiheit/"]
)
def test_public_page_fits_390_px_without_sideways_scrolling(live_server, browser, path) -> None:
    ensure_reference_data(apps)  # a transactional test before may have flushed the seed
    context = browser.new_context(locale="de-DE", viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(live_server.url + path)
        page.get_by_role("heading", level=1).wait_for()
        assert page.get_by_role("contentinfo").get_by_role("link", name="Impressum").count() == 1
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path}: {width} px breit"
    finally:
        context.close()
