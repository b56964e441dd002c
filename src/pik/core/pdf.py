"""One way to make a PDF: a Django template rendered by WeasyPrint."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict[str, Any] | None = None) -> bytes:
    """Render ``template_name`` to PDF bytes. Static files resolve from the project."""
    from weasyprint import HTML  # imported late: loading pango costs start-up time

    html = render_to_string(template_name, context or {})
    base_url = str(settings.PACKAGE_DIR / "static")
    pdf: bytes = HTML(string=html, base_url=base_url).write_pdf()
    return pdf
