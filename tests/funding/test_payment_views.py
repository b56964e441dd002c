"""The payment pages: the recipient's form keeps what was typed, the RPS's steps and batches."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from pik.funding.models import Applicant, LedgerEntry, PaymentBatch, PaymentRequest
from tests.funding.payments import file, issued, released


def test_recipient_files_a_request_and_errors_keep_the_input(client: Client, draft, actors):
    grant = issued(draft, actors)
    client.force_login(actors["gemeinde_a"])
    page = client.get(reverse("funding:payment_list")).content.decode()
    assert "Mittel abrufen" in page and grant.file_number in page
    url = reverse("funding:payment_request_new", args=[grant.pk])
    data = {
        "amount": "53.700,01",
        "period_start": "2021-01-01",
        "period_end": "2021-06-30",
        "basis": "preliminary",
        "positions": [grant.positions.first().pk],
    }
    response = client.post(url, data)
    html = response.content.decode().replace("\xa0", " ")
    assert response.status_code == 200 and "Bitte korrigieren Sie" in html
    assert "höchstens 60 % von 89.500,00 €" in html and 'value="53.700,01"' in html
    assert not PaymentRequest.objects.exists()
    response = client.post(url, {**data, "amount": "53.700,00"})
    request = PaymentRequest.objects.get()
    assert response.status_code == 302 and request.amount == Decimal("53700.00")


def test_an_invalid_iban_is_shown_at_the_field(client: Client, draft, actors):
    grant = issued(draft, actors)
    client.force_login(actors["gemeinde_a"])
    url = reverse("funding:bank_details", args=[grant.applicant_id])
    response = client.post(url, {"iban": "DE89 3704 0044 0532 0130 01", "account_holder": "X"})
    html = response.content.decode()
    assert "die Prüfziffer stimmt nicht" in html and 'value="DE89 3704 0044 0532 0130 01"' in html
    assert Applicant.objects.get(pk=grant.applicant_id).iban == "DE89370400440532013000"


def test_check_release_batch_export_and_book_through_the_pages(client: Client, draft, actors):
    grant = issued(draft, actors)
    request = file(grant, actors["gemeinde_a"], amount=Decimal("1234.56"))
    step = reverse("funding:payment_request_step", args=[request.pk])
    client.force_login(actors["case_worker_a"])
    client.post(step, {"action": "check"})
    response = client.post(step, {"action": "release"}, follow=True)
    assert "Vier-Augen-Prinzip" in response.content.decode()
    client.force_login(actors["head"])
    client.post(step, {"action": "release"})
    response = client.post(reverse("funding:payment_batch_create"), follow=True)
    batch = PaymentBatch.objects.get()
    assert batch.number in response.content.decode()
    csv = client.get(reverse("funding:payment_batch_export", args=[batch.pk, "csv"]))
    assert csv["Content-Type"] == "text/csv" and b"DE89370400440532013000;1234,56;" in csv.content
    xlsx = client.get(reverse("funding:payment_batch_export", args=[batch.pk, "xlsx"]))
    assert xlsx.content.startswith(b"PK")
    client.post(reverse("funding:payment_batch_book", args=[batch.pk]))
    response = client.post(reverse("funding:payment_batch_book", args=[batch.pk]), follow=True)
    assert "bereits gebucht" in response.content.decode()
    assert LedgerEntry.objects.filter(kind="payment").count() == 1


def test_a_second_request_cannot_reuse_the_released_amount(draft, actors):
    grant = issued(draft, actors)
    released(
        file(grant, actors["gemeinde_a"], amount=Decimal("53700.00")),
        actors["head"],
        actors["case_worker_a"],
    )
    with pytest.raises(ValidationError, match="noch möglich"):
        file(grant, actors["gemeinde_a"], amount=Decimal("0.01"))


def test_the_payment_pages_speak_english_too(client: Client, draft, actors):
    from django.utils import translation

    issued(draft, actors)
    client.force_login(actors["gemeinde_a"])
    with translation.override("de"):
        page = client.get(reverse("funding:payment_list"), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "Payment requests and payments" in html and "Request funds" in html
