"""The contingent upload is bounded before it is read: size, rows, zip bombs (item 8)."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from pik.core.roles import Role
from pik.funding import services
from pik.funding.models import Contingent

URL = "/foerderung/kontingente/im/"


class Unreadable(io.BytesIO):
    """An upload that claims 49 MB and fails the test if anyone reads it."""

    size = 49 * 1024 * 1024
    name = "personen.csv"

    def read(self, *args: object) -> bytes:  # type: ignore[override]
        raise AssertionError("the upload was read")


def test_oversize_upload_is_refused_before_it_is_read(im, world) -> None:
    result = services.contingents_import(
        year=2020, programme=im, data=Unreadable(), filename="personen.csv", actor=None
    )
    assert result.saved == 0
    assert result.errors == [
        "Die Datei „personen.csv“ ist größer als 5 MB; größere Dateien nimmt pik nicht an."
    ]


def test_oversize_upload_through_the_page_names_the_limit(client: Client, im, world, member):  # type: ignore[no-untyped-def]
    client.force_login(member(Role.RPS_HEAD))
    big = b"ags,personen\n" + b"08115003,1\n" * (6 * 1024 * 1024 // 11)
    response = client.post(URL, {"year": "2020", "file": SimpleUploadedFile("gross.csv", big)})
    assert response.status_code == 200
    assert "größer als 5 MB" in response.content.decode()
    assert not Contingent.objects.exists()


def _xlsx_with(extra: bytes) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["ags", "personen"])
    sheet.append(["08115003", 12])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/image1.bin", extra)
    return buffer.getvalue()


def test_zip_bomb_is_refused_and_nothing_saved(im, world) -> None:
    bomb = _xlsx_with(b"\0" * (200 * 1024 * 1024))  # 200 MB of zeros in about 200 KB
    assert len(bomb) < 300_000
    result = services.contingents_import(
        year=2020, programme=im, data=bomb, filename="p.xlsx", actor=None
    )
    assert result.saved == 0
    assert "entpackt größer als 30 MB" in result.errors[0]
    assert not Contingent.objects.exists()


def test_too_many_rows_are_refused_and_nothing_saved(im, world) -> None:
    data = b"ags,personen\n" + b"08115003,1\n" * 50_000  # 50,001 rows with the header
    result = services.contingents_import(
        year=2020, programme=im, data=data, filename="p.csv", actor=None
    )
    assert result.errors == [
        "Die Datei hat mehr als 50.000 Zeilen; mehr nimmt pik nicht an. "
        "Bitte teilen Sie die Datei auf."
    ]
    assert not Contingent.objects.exists()


def test_normal_csv_and_xlsx_uploads_through_the_page(client: Client, im, world, member):  # type: ignore[no-untyped-def]
    client.force_login(member(Role.RPS_HEAD))
    csv = SimpleUploadedFile("p.csv", "\ufeffAGS;Personen\n08115003;1.200\n".encode())
    assert client.post(URL, {"year": "2020", "file": csv}).status_code == 302
    assert Contingent.objects.get().persons == 1200
    xlsx = SimpleUploadedFile("p.xlsx", _xlsx_with(b"harmless"))
    assert client.post(URL, {"year": "2020", "file": xlsx}).status_code == 302
    assert Contingent.objects.get().persons == 12
