"""Documents: versions kept and marked, filters, downloads, uploads checked by content."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pik.core.roles import Role
from pik.portal import services
from pik.portal.selectors import content
from tests.portal import factories

pytestmark = pytest.mark.django_db


def test_a_new_version_keeps_the_old_one_and_marks_it() -> None:
    first = factories.document(valid_from=dt.date(2020, 1, 1))
    second = factories.document(
        document=first.document, valid_from=dt.date(2023, 6, 6), upload=factories.pdf_upload()
    )
    later = factories.document(
        document=first.document, valid_from=dt.date(2099, 1, 1), upload=factories.pdf_upload()
    )
    [row] = content.document_list(today=dt.date(2024, 1, 1))
    assert row.current == second
    assert row.older == [first]
    assert row.upcoming == [later]
    assert content.document_current(pk=first.document_id, today=dt.date(2024, 1, 1)) == second


def test_list_filters_by_category_and_programme(client) -> None:
    factories.document(title="Antragsformular", category="form")
    factories.document(title="VwV", category="legal", programme_code="")
    factories.document(title="Werkzeugliste", category="work_aid", programme_code="digital")
    titles = lambda **kw: [r.document.title for r in content.document_list(**kw)]  # noqa: E731
    assert titles(category="form") == ["Antragsformular"]
    assert titles(programme_code="digital") == ["VwV", "Werkzeugliste"]  # VwV: every programme
    page = client.get(reverse("portal:documents"), {"kategorie": "legal", "programm": "unsinn"})
    text = page.content.decode()
    assert "VwV" in text and "Werkzeugliste" not in text and "Antragsformular" not in text


def test_the_list_shows_type_size_and_valid_from(client) -> None:
    factories.document(upload=factories.xlsx_upload("liste.xlsx"), title="Stellenliste")
    text = client.get(reverse("portal:documents")).content.decode()
    assert "Stellenliste" in text and "Excel (XLSX)" in text and "gültig ab 06.06.2023" in text
    assert "KB" in text or "Bytes" in text


def test_download_answers_with_the_stored_file_and_its_type(client) -> None:
    version = factories.document()
    response = client.get(reverse("portal:document_download", args=[version.document_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert 'filename="antrag.pdf"' in response["Content-Disposition"]


def test_a_file_that_is_not_what_it_claims_is_refused_in_german() -> None:
    fake = SimpleUploadedFile("antrag.pdf", factories.xlsx_upload().read())
    with pytest.raises(ValidationError) as caught:
        factories.document(upload=fake)
    message = caught.value.message_dict["file"][0]
    assert "gibt sich als PDF aus" in message and "Excel (XLSX)" in message
    script = SimpleUploadedFile("antrag.docx", b"<script>alert(1)</script>")
    with pytest.raises(ValidationError) as caught:
        factories.document(upload=script)
    assert "weder PDF noch Word" in caught.value.message_dict["file"][0]
    assert not content.document_list()


def test_a_document_without_a_category_is_refused_and_nothing_is_saved() -> None:
    with pytest.raises(ValidationError) as caught:
        factories.document(category="", title="", valid_from=None)
    errors = caught.value.message_dict
    assert "Kategorie" in errors["category"][0]
    assert set(errors) == {"category", "title", "valid_from"}
    assert not content.document_list()


def test_an_editor_uploads_through_the_form_and_errors_keep_what_was_typed(client, member) -> None:
    client.force_login(member(Role.PORTAL_EDITOR))
    url = reverse("portal:document_upload")
    page = client.post(url, {"title": "Merkblatt", "category": "", "valid_from": "2024-02-01"})
    text = page.content.decode()
    assert page.status_code == 200 and "Bitte eine Kategorie wählen" in text
    assert 'value="Merkblatt"' in text
    done = client.post(
        url,
        {
            "title": "Merkblatt",
            "category": "work_aid",
            "programme_code": "im",
            "valid_from": "2024-02-01",
            "file": factories.pdf_upload("merkblatt.pdf"),
        },
    )
    assert done.status_code == 302
    [row] = content.document_list()
    assert row.document.title == "Merkblatt" and row.current is not None
    again = client.post(
        f"{url}?dokument={row.document.pk}",
        {"valid_from": "2024-03-01", "file": factories.pdf_upload("merkblatt-2.pdf")},
    )
    assert again.status_code == 302
    [row] = content.document_list()
    assert row.current.original_name == "merkblatt-2.pdf" and len(row.older) == 1


def test_first_content_has_the_current_application_form() -> None:
    from pik.portal.content import APPLICATION_FORM, seed_first_content

    seed_first_content()
    seed_first_content()  # idempotent
    rows = {r.document.title: r for r in content.document_list()}
    form = rows[APPLICATION_FORM].current
    assert form is not None and form.content_type == "application/pdf"
    assert len(rows) == 3 and services is not None
    assert content.notices_current().count() == 1
