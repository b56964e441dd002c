"""A Content Security Policy without inline code, and pages that need none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

SRC = Path(settings.PACKAGE_DIR)
# Templates that become pages; PDF templates are rendered by WeasyPrint and never served.
PAGE_TEMPLATES = sorted(p for p in SRC.rglob("templates/**/*.html") if "/pdf/" not in str(p))
INLINE = {
    "inline handler": re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE),
    "style element": re.compile(r"<style[\s>]", re.IGNORECASE),
    "inline script": re.compile(r"<script(?![^>]*\s(src|type=\"application/json\"))[^>]*>", re.I),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


@pytest.mark.django_db
def test_pages_carry_a_policy_without_inline_code(client: Client) -> None:
    policy = client.get("/").headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "frame-ancestors": "'none'",
        "form-action": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
    }
    assert "unsafe-inline" not in policy
    assert "Content-Security-Policy" in client.get("/accounts/login/").headers
    assert "Content-Security-Policy" in client.get("/admin/login/").headers


def test_page_templates_contain_no_inline_script_style_or_handler() -> None:
    assert len(PAGE_TEMPLATES) > 20
    found = [
        f"{path.relative_to(SRC)}: {what}"
        for path in PAGE_TEMPLATES
        for what, pattern in INLINE.items()
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
