"""Closing the counselling asks why it ended (a reason from a list, counted in the key
figures): required, with a German message and nothing saved without it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from pik.casework import services
from pik.casework.models import Client, Consent
from pik.core.models import AuditEvent

TODAY = timezone.localdate


def test_closing_without_a_reason_is_refused_in_german_and_saves_nothing(im, record) -> None:  # type: ignore[no-untyped-def]
    for reason in ("", "bored"):
        with pytest.raises(ValidationError) as refused:
            services.client_close(client=record, ended_on=TODAY(), reason=reason, actor=im)
        assert refused.value.message_dict["reason"] == [
            "Bitte wählen Sie aus, warum die Beratung endet."
        ]
    record.refresh_from_db()
    assert record.status == Client.Status.ACTIVE and record.counselling_end is None
    assert record.end_reason == ""
    assert not AuditEvent.objects.filter(action="client.close").exists()


def test_the_reason_is_kept_shown_and_logged(client, im, record) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    url = reverse("casework:client_close", args=[record.pk])
    page = client.get(url).content.decode()
    assert "Grund für das Ende der Beratung" in page and "Arbeit oder Ausbildung" in page
    response = client.post(url, {"ended_on": TODAY().isoformat()})
    assert response.status_code == 200  # the form again, with its message
    assert "Bitte wählen Sie aus, warum die Beratung endet." in response.content.decode()
    record.refresh_from_db()
    assert record.status == Client.Status.ACTIVE
    response = client.post(url, {"ended_on": TODAY().isoformat(), "reason": "moved_away"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.end_reason) == (Client.Status.CLOSED, "moved_away")
    event = AuditEvent.objects.get(action="client.close")
    assert event.details["reason"] == "moved_away"
    detail = client.get(reverse("casework:client_detail", args=[record.pk])).content.decode()
    assert "(weggezogen)" in detail


def test_withdrawing_the_consent_to_counselling_ends_it_on_the_persons_wish(im, record) -> None:  # type: ignore[no-untyped-def]
    consent = record.consents.get(purpose=Consent.Purpose.PARTICIPATION)
    services.consent_withdraw(
        consent=consent, withdrawn_on=TODAY() - dt.timedelta(days=1), actor=im
    )
    record.refresh_from_db()
    assert record.status == Client.Status.CLOSED
    assert record.end_reason == Client.EndReason.OWN_WISH
