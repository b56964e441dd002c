"""The editors' Markdown is sanitised on output: the usual XSS payloads never reach a page."""

from __future__ import annotations

import pytest
from django.test import Client

from pik.core.roles import Role
from pik.portal import services
from pik.portal.rendering import render_markdown

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '<a href="javascript:alert(1)">klick</a>',
    "[klick](javascript:alert(1))",
    "[klick](JaVaScRiPt:alert(1))",
    '<a href="&#106;avascript:alert(1)">klick</a>',
    "[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<div onclick="alert(1)" style="background:url(javascript:alert(1))">x</div>',
    '<p onmouseover="alert(1)">x</p>',
    "<object data=x.swf></object><embed src=x.swf>",
    '<form action="https://evil.example"><input name=x></form>',
    "<style>body{display:none}</style>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!--<img src=x onerror=alert(1)>-->",
]
FORBIDDEN = [
    "<script", "<iframe", "<svg", "<object", "<embed", "<form", "<input", "<style", "<meta",
    "<img", "onerror", "onload", "onclick", "onmouseover", "javascript:", "data:text", "style=",
]  # fmt: skip


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_removed_on_output(payload: str) -> None:
    html = render_markdown(f"Vorher\n\n{payload}\n\nNachher").lower()
    for bad in FORBIDDEN:
        assert bad not in html, (payload, html)
    assert "vorher" in html  # the text before stays (an unclosed tag may swallow the rest)


def test_ordinary_markdown_survives() -> None:
    html = render_markdown(
        "# Titel\n\n**fett** *kursiv* [Link](https://rps.example/x) [Mail](mailto:a@b.de)\n\n"
        "- eins\n- zwei\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert "<h2>Titel</h2>" in html  # the page title is the h1
    assert "<strong>fett</strong>" in html and "<em>kursiv</em>" in html
    assert 'href="https://rps.example/x"' in html and 'rel="noopener noreferrer"' in html
    assert 'href="mailto:a@b.de"' in html
    assert "<li>eins</li>" in html and "<table>" in html


@pytest.mark.django_db
def test_a_published_page_with_payloads_shows_none_of_them(client: Client, member) -> None:
    editor = member(Role.PORTAL_EDITOR)
    services.page_create(
        parent=None,
        slug="xss",
        title_de="<script>alert('titel')</script>",
        body_de="\n\n".join(PAYLOADS),
        is_published=True,
        actor=editor,
    )
    html = client.get("/seiten/xss/").content.decode().lower()
    main = html[html.index("<main") : html.index("</main>")]
    for bad in FORBIDDEN:
        assert bad not in main, bad
    assert "&lt;script&gt;alert(&#x27;titel&#x27;)&lt;/script&gt;" in main  # the title, escaped
