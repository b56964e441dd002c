"""Counselling contacts: only with the participation consent, within the counselling, every
channel counted; the quick entry on the client page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from pik.casework import services
from pik.casework.models import Client, Contact
from tests.casework.factories import (
    make_client,
)

TODAY = timezone.localdate


def test_contact_needs_participation_consent(im, record) -> None:  # type: ignore[no-untyped-def]
    contact = services.contact_record(
        client=record,
        occurred_on=TODAY(),
        kind="phone",
        duration_minutes=20,
        topics=["work", "language"],
        notes="Bewerbung besprochen",
        actor=im,
    )
    assert contact.topic_labels() == ["Arbeit", "Sprache"]
    services.consent_withdraw(consent=record.consents.get(), withdrawn_on=TODAY(), actor=im)
    record.refresh_from_db()
    assert record.status == Client.Status.CLOSED and record.counselling_end == TODAY()
    with pytest.raises(ValidationError, match="Einwilligung"):
        services.contact_record(
            client=record, occurred_on=TODAY(), kind="phone", duration_minutes=20, actor=im
        )
    assert Contact.objects.count() == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "fax"}, "kind"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": 601}, "duration_minutes"),
        ({"occurred_on": TODAY() + dt.timedelta(days=1)}, "occurred_on"),
        ({"occurred_on": TODAY() - dt.timedelta(days=1000)}, "occurred_on"),
        ({"topics": ["cooking"]}, "topics"),
    ],
)
def test_bad_contact_input_changes_nothing(im, record, kwargs, field) -> None:  # type: ignore[no-untyped-def]
    values = {"occurred_on": TODAY(), "kind": "phone", "duration_minutes": 30, **kwargs}
    with pytest.raises(ValidationError) as exc:
        services.contact_record(client=record, actor=im, **values)
    assert field in exc.value.message_dict
    assert not Contact.objects.exists()


def test_messenger_contact_with_interpreter_counts_as_counselling(im, record) -> None:  # type: ignore[no-untyped-def]
    contact = services.contact_record(
        client=record,
        occurred_on=TODAY(),
        kind=Contact.Kind.MESSENGER,
        duration_minutes=15,
        topics=["residence"],
        interpreter=True,
        actor=im,
    )
    assert contact.interpreter and contact.get_kind_display() == "Messenger"


def test_contact_before_counselling_start_is_refused(im, world) -> None:  # type: ignore[no-untyped-def]
    record = make_client(im, world.kreis_a, counselling_start=TODAY() - dt.timedelta(days=10))
    with pytest.raises(ValidationError) as exc:
        services.contact_record(
            client=record,
            occurred_on=TODAY() - dt.timedelta(days=11),
            kind="phone",
            duration_minutes=10,
            actor=im,
        )
    assert "vor dem Beginn der Beratung" in " ".join(exc.value.message_dict["occurred_on"])
    assert not Contact.objects.exists()


def test_quick_contact_entry_and_bad_input(client, im, record_with_plan) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    url = reverse("casework:contact_add", args=[record_with_plan.pk])
    ok = client.post(
        url,
        {
            "occurred_on": TODAY().isoformat(),
            "kind": "phone",
            "duration_minutes": "15",
            "topics": ["work"],
            "notes": "Termin Jobcenter",
        },
    )
    assert ok.status_code == 302
    bad = client.post(
        url,
        {
            "occurred_on": (TODAY() + dt.timedelta(days=2)).isoformat(),
            "kind": "phone",
            "duration_minutes": "15",
        },
    )
    assert bad.status_code == 200 and "Zukunft" in bad.content.decode()
    assert Contact.objects.count() == 1
