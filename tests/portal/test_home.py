import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_home_is_german_by_default_with_landmarks_and_skip_link(client: Client) -> None:
    html = client.get("/").content.decode()
    assert '<html lang="de">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert 'role="banner"' in html and 'role="contentinfo"' in html and "<nav" in html
    assert "Pakt für Integration mit den Kommunen (PIK)" in html
    assert "kern/kern.min.css" in html and "kern-themes/bw.css" in html


def test_english_can_be_chosen(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Pact for Integration with the Municipalities (PIK)" in html
    assert "Skip to content" in html


def test_kern_assets_are_served_from_the_npm_package(client: Client) -> None:
    from django.contrib.staticfiles import finders

    assert finders.find("kern/kern.min.css"), "npm ci has not installed @kern-ux/native"
    assert finders.find("kern-themes/bw.css")
