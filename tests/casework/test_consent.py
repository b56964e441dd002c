"""Consent: recorded with form, witness or scanned paper (checked by content), every viewing of
the scan logged, a withdrawal taking effect at once; the bilingual consent form."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pik.casework import documents, services
from pik.casework.models import Consent
from pik.core.models import AuditEvent
from pik.network.models import Referral
from tests.casework.factories import (
    give_consent,
    pdf_upload,
)

TODAY = timezone.localdate


def _state() -> tuple[int, int, int]:
    return Consent.objects.count(), Referral.objects.count(), AuditEvent.objects.count()


@pytest.mark.parametrize(
    ("kwargs", "field", "text"),
    [
        (
            {"scan": SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")},
            "scan",
            "kein PDF und kein Bild",
        ),
        (
            {"scan": SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\nkaputt", "image/png")},
            "scan",
            "beschädigt",
        ),
        ({"form": Consent.Form.VERBAL_WITNESS}, "witness", "Zeugin / des Zeugen"),
        ({"purpose": Consent.Purpose.NETWORK}, "network_actor", "nennt den Netzwerkpartner"),
        ({"form": "fax"}, "form", "Form der Einwilligung"),
    ],
)
def test_bad_consent_input_is_refused_in_german_and_saves_nothing(  # type: ignore[no-untyped-def]
    im, record, kwargs, field, text
) -> None:
    before = _state()
    values = {"purpose": Consent.Purpose.STATISTICS, "given_on": TODAY()} | kwargs
    with pytest.raises(ValidationError) as exc:
        services.consent_record(client=record, actor=im, **values)
    assert text in " ".join(exc.value.message_dict[field])
    assert _state() == before


def test_scanned_signed_consent_is_kept_and_each_viewing_is_logged(client, im, record) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    url = reverse("casework:consent_add", args=[record.pk])
    fake = SimpleUploadedFile("scan.pdf", b"<html>kein pdf</html>", "application/pdf")
    before = _state()
    response = client.post(
        url,
        {"purpose": "statistics", "given_on": TODAY().isoformat(), "form_language": "ar"}
        | {"form": "signed_paper", "scan": fake},
    )
    assert response.status_code == 200
    assert "kein PDF und kein Bild" in response.content.decode()
    assert _state() == before
    response = client.post(
        url,
        {"purpose": "statistics", "given_on": TODAY().isoformat(), "form_language": "ar"}
        | {"form": "signed_paper", "scan": pdf_upload()},
    )
    assert response.status_code == 302
    consent = record.consents.get(purpose="statistics")
    assert consent.scan_type == "application/pdf"
    scan = client.get(reverse("casework:consent_scan", args=[consent.pk]))
    assert scan.status_code == 200 and scan["Content-Type"] == "application/pdf"
    assert b"".join(scan.streaming_content if scan.streaming else [scan.content]).startswith(
        b"%PDF-"
    )
    assert AuditEvent.objects.filter(action="consent.scan_read", actor=im).count() == 1
    page = client.get(reverse("casework:client_detail", args=[record.pk])).content.decode()
    assert "Scan der Einwilligung aufgerufen" in page


def test_verbal_consent_with_witness_is_recorded(im, record) -> None:  # type: ignore[no-untyped-def]
    consent = services.consent_record(
        client=record,
        purpose=Consent.Purpose.HEALTH,
        given_on=TODAY(),
        form=Consent.Form.VERBAL_WITNESS,
        witness="Frau Yilmaz (Dolmetscherin)",
        form_language="tr",
        actor=im,
    )
    assert consent.witness == "Frau Yilmaz (Dolmetscherin)" and not consent.scan


def test_withdrawing_health_consent_deletes_the_notes(im, record) -> None:  # type: ignore[no-untyped-def]
    consent = give_consent(record, Consent.Purpose.HEALTH, im)
    record.refresh_from_db()
    services.client_health_notes_set(
        client=record, notes="Asthma", expected_version=record.version, actor=im
    )
    services.consent_withdraw(consent=consent, withdrawn_on=TODAY(), actor=im)
    record.refresh_from_db()
    assert record.health_notes == ""


@pytest.mark.parametrize(
    ("language", "direction"),
    [("ar", "rtl"), ("fa", "rtl"), ("uk", "ltr"), ("tr", "ltr"), ("en", "ltr")],
)
def test_bilingual_consent_form_sets_direction(language, direction, im, record_with_plan) -> None:  # type: ignore[no-untyped-def]
    html = render_to_string(
        "casework/pdf/consent.html",
        documents.consent_form_context(client=record_with_plan, language=language),
    )
    assert f'lang="{language}" dir="{direction}"' in html
    assert documents.CONSENT_TEXT[language]["withdraw"] in html
    assert documents.CONSENT_TEXT["de"]["withdraw"] in html


def test_the_consent_form_states_the_retention_period_in_words(im, record_with_plan) -> None:  # type: ignore[no-untyped-def]
    texts = documents.consent_form_context(client=record_with_plan, language="en")["texts"]
    assert texts["retention"]["de"].startswith("Meine Daten werden zwei Jahre nach Ende")
    assert texts["retention"]["other"].startswith("My data will be anonymised two years after")
    arabic = documents.consent_form_context(client=record_with_plan, language="ar")["texts"]
    assert "730" in arabic["retention"]["other"]  # the other languages keep the days


def test_arabic_consent_pdf_carries_arabic_text(client, im, record_with_plan) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    response = client.get(
        reverse("casework:consent_pdf", args=[record_with_plan.pk]) + "?sprache=ar"
    )
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Einwilligung" in text
    assert any("\u0600" <= ch <= "\u06ff" or "\ufe70" <= ch <= "\ufeff" for ch in text)


def test_the_statistics_flag_follows_the_consents(im, record) -> None:  # type: ignore[no-untyped-def]
    """The key figures read "an active consent to statistics exists" from the record (ADR 0040):
    recording and withdrawing such a consent keep it true."""
    from pik.casework.models import Client

    def flag() -> bool:
        return Client.objects.get(pk=record.pk).counts_in_statistics

    assert not flag()
    first = services.consent_record(
        client=record, purpose=Consent.Purpose.STATISTICS, given_on=TODAY(), actor=im
    )
    assert flag() and first.client.counts_in_statistics
    services.consent_record(  # another purpose leaves it alone
        client=record, purpose=Consent.Purpose.HEALTH, given_on=TODAY(), actor=im
    )
    assert flag()
    services.consent_withdraw(consent=first, withdrawn_on=TODAY(), actor=im)
    assert not flag()
    services.consent_record(
        client=record, purpose=Consent.Purpose.STATISTICS, given_on=TODAY(), actor=im
    )
    assert flag()
