"""A PDF template fetches only the project's static files: no server-side requests, no local files."""

from __future__ import annotations

import base64
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

from pik.core.pdf import render_pdf


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def http_hits() -> Iterator[tuple[int, list[str]]]:
    """A web server on 127.0.0.1 (opened by the test) that serves a PNG and counts requests."""
    hits: list[str] = []
    image = png_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(image)))
            self.end_headers()
            self.wfile.write(image)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def pdf_template(settings: Any, tmp_path: Path) -> Path:
    """A template directory of the test's own, first in the lookup."""
    folder = tmp_path / "templates"
    folder.mkdir()
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [folder, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    return folder


def rendered(folder: Path, body: str) -> PdfReader:
    (folder / "probe.html").write_text(
        f"<!DOCTYPE html><html><body><p>Probe</p>{body}</body></html>", encoding="utf-8"
    )
    return PdfReader(io.BytesIO(render_pdf("probe.html")))


def test_pdf_does_not_fetch_from_the_network(
    pdf_template: Path, http_hits: tuple[int, list[str]]
) -> None:
    port, hits = http_hits
    pdf = rendered(
        pdf_template,
        f'<img src="http://127.0.0.1:{port}/x.png">'
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">',
    )
    assert hits == []
    assert len(pdf.pages[0].images) == 0


def test_pdf_does_not_embed_local_files(pdf_template: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(png_bytes())
    pdf = rendered(
        pdf_template,
        '<link rel="attachment" href="file:///etc/passwd">'
        '<a rel="attachment" href="file:///etc/passwd">Anlage</a>'
        f'<img src="{outside.as_uri()}"><img src="../../../../../../../{outside}">',
    )
    assert pdf.attachments == {}
    assert len(pdf.pages[0].images) == 0


def test_pdf_still_loads_static_files_and_data_images(
    pdf_template: Path, settings: Any, tmp_path: Path
) -> None:
    static = tmp_path / "static"
    static.mkdir()
    (static / "logo.png").write_bytes(png_bytes())
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, static]
    data = base64.b64encode(png_bytes()).decode()
    pdf = rendered(
        pdf_template,
        f'<img src="{(static / "logo.png").as_uri()}"><img src="data:image/png;base64,{data}">',
    )
    assert len(pdf.pages[0].images) == 2
