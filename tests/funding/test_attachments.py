"""Attachments are checked by their content, not their name."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from pik.funding import services

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_attachments_are_checked_by_content(draft, actors) -> None:
    ok = services.attachment_add(
        application=draft, upload=SimpleUploadedFile("vertrag.pdf", PDF), actor=actors["gemeinde_a"]
    )
    assert ok.content_type == "application/pdf"
    image = services.attachment_add(
        application=draft, upload=SimpleUploadedFile("scan.bin", _png()), actor=actors["gemeinde_a"]
    )
    assert image.content_type == "image/png"
    with pytest.raises(ValidationError, match="kein PDF und kein Bild"):
        services.attachment_add(
            application=draft,
            upload=SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 an exe"),
            actor=actors["gemeinde_a"],
        )
    with pytest.raises(ValidationError, match="beschädigt"):
        services.attachment_add(
            application=draft,
            upload=SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\nbroken"),
            actor=actors["gemeinde_a"],
        )
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="größer als 10 MB"):
        services.attachment_add(application=draft, upload=big, actor=actors["gemeinde_a"])
    assert draft.attachments.count() == 2
