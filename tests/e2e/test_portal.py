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


@pytest.mark.parametrize("path", ["/", "/programme/im/", "/impressum/"])
def test_public_page_has_no_axe_violation(live_server, page, path) -> None:
    from tests.e2e.checks import assert_accessible, assert_fits

    ensure_reference_data(apps)
    page.goto(live_server.url + path)
    page.get_by_role("heading", level=1).wait_for()
    assert_accessible(page)
    assert_fits(page)


def test_the_accessibility_check_finds_a_violation(page) -> None:
    """The check can fail: an image without alternative text and a page without language."""
    from tests.e2e.checks import axe_violations, overflow

    page.set_content(
        '<html><body><main><img src="x.png"><div style="width:900px">x</div></main></body></html>'
    )
    page.set_viewport_size({"width": 390, "height": 844})
    found = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "html-has-lang"} <= found
    assert overflow(page) > 400
