"""One way to make a PDF: a Django template rendered by WeasyPrint."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcherResponse

log = logging.getLogger(__name__)


def static_roots() -> list[Path]:
    """The directories a PDF may load files from: the project's static files, nothing else."""
    roots = [settings.PACKAGE_DIR / "static"]
    for entry in settings.STATICFILES_DIRS:
        folder = entry[1] if isinstance(entry, tuple | list) else entry  # (prefix, folder)
        roots.append(Path(str(folder)))
    return [root.resolve() for root in roots]


def refused_url(url: str) -> str | None:
    """Why WeasyPrint must not fetch ``url`` (None: it may).

    Defence in depth: should a URL ever reach a PDF template from user input, it can neither
    make the server call out (http:, https:, ftp:) nor embed a local file (file:/etc/passwd as
    an image or attachment). Allowed: files under the static roots, and data: images.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return None if parts.path.lower().startswith("image/") else "data: nur für Bilder"
    if scheme != "file":
        return f"Schema {scheme or '(keins)'} nicht erlaubt"
    if parts.netloc not in ("", "localhost"):
        return "Datei auf einem anderen Rechner"
    path = Path(url2pathname(parts.path)).resolve()
    if not any(path.is_relative_to(root) for root in static_roots()):
        return "Datei außerhalb der statischen Dateien"
    return None


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher

    class StaticFilesOnlyFetcher(URLFetcher):
        """WeasyPrint's fetcher, limited by ``refused_url``; no redirects."""

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
            reason = refused_url(url)
            if reason is not None:
                log.warning("PDF: Adresse nicht geladen (%s): %.200s", reason, url)
                raise ValueError(f"PDF: Adresse nicht geladen ({reason})")
            return super().fetch(url, headers)

    return StaticFilesOnlyFetcher(allowed_protocols=("file", "data"), allow_redirects=False)


def render_pdf(template_name: str, context: dict[str, Any] | None = None) -> bytes:
    """Render ``template_name`` to PDF bytes. Static files resolve from the project."""
    from weasyprint import HTML  # imported late: loading pango costs start-up time

    html = render_to_string(template_name, context or {})
    base_url = str(settings.PACKAGE_DIR / "static")
    pdf: bytes = HTML(string=html, base_url=base_url, url_fetcher=_fetcher()).write_pdf()
    return pdf
