"""Data protection duties: the retention run anonymises (and keeps what statistics need), erasure
deletes everything, the subject-access export holds everything (JSON and PDF)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pik.casework import services
from pik.casework.models import Client, Consent, Contact, Plan
from pik.core import audit
from pik.core.models import AuditEvent
from pik.core.roles import Role
from pik.network import services as network_services
from pik.network.models import Referral
from tests.casework.factories import (
    make_client,
    pdf_upload,
    staff,
)

TODAY = timezone.localdate


def test_retention_anonymises_after_the_configured_time(im, record) -> None:  # type: ignore[no-untyped-def]
    services.contact_record(
        client=record,
        occurred_on=TODAY() - dt.timedelta(days=50),
        kind="in_person",
        duration_minutes=45,
        notes="Sehr persönlich",
        actor=im,
    )
    services.client_close(
        client=record, ended_on=TODAY() - dt.timedelta(days=40), reason="goals_reached", actor=im
    )
    with override_settings(CASEWORK_RETENTION_DAYS=30):
        done = services.retention_run()
    assert done == [record.pk]
    record.refresh_from_db()
    assert record.status == Client.Status.ANONYMISED
    assert record.first_name == "anonymisiert" and record.birth_year == 1990
    assert record.contacts.get().notes == "" and record.contacts.get().duration_minutes == 45
    assert AuditEvent.objects.latest("seq").action == "client.anonymise"
    with override_settings(CASEWORK_RETENTION_DAYS=30):
        assert services.retention_run() == []


def test_retention_keeps_records_inside_the_period(im, record) -> None:  # type: ignore[no-untyped-def]
    services.client_close(
        client=record, ended_on=TODAY() - dt.timedelta(days=10), reason="goals_reached", actor=im
    )
    with override_settings(CASEWORK_RETENTION_DAYS=30):
        assert services.retention_run() == []
    record.refresh_from_db()
    assert record.status == Client.Status.CLOSED


def test_erasure_deletes_everything_and_leaves_an_audit_trail(im, coordinator, record) -> None:  # type: ignore[no-untyped-def]
    services.contact_record(
        client=record, occurred_on=TODAY(), kind="phone", duration_minutes=5, actor=im
    )
    with pytest.raises(ValidationError, match="Koordination"):
        services.client_erase(client=record, reason="request", confirm_name="Al-Hassan", actor=im)
    with pytest.raises(ValidationError, match="Nachnamen"):
        services.client_erase(
            client=record, reason="request", confirm_name="Falsch", actor=coordinator
        )
    pk = record.pk
    services.client_erase(
        client=record,
        reason="request",
        note="Antrag vom 1.10.",
        confirm_name="al-hassan",
        actor=coordinator,
    )
    assert not Client.objects.filter(pk=pk).exists() and not Contact.objects.exists()
    event = AuditEvent.objects.latest("seq")
    assert event.action == "client.erase" and event.details["client_id"] == pk
    assert "Mohammed" not in str(event.details)
    assert audit.verify().ok


def test_retention_command_and_task(im, record, settings) -> None:  # type: ignore[no-untyped-def]
    import io

    from django.core.management import call_command

    from pik.casework.tasks import casework_retention_task

    settings.CASEWORK_RETENTION_DAYS = 30
    services.client_close(
        client=record, ended_on=TODAY() - dt.timedelta(days=31), reason="goals_reached", actor=im
    )
    out = io.StringIO()
    call_command("casework_retention", "--dry-run", stdout=out)
    assert "1 Akte fällig" in out.getvalue() and f"Akte {record.pk}" in out.getvalue()
    record.refresh_from_db()
    assert record.status == Client.Status.CLOSED
    result = casework_retention_task.enqueue()  # immediate backend in tests
    assert result.return_value == {"anonymised": 1}
    record.refresh_from_db()
    assert record.status == Client.Status.ANONYMISED
    out = io.StringIO()
    call_command("casework_retention", stdout=out)
    assert "0 Akten anonymisiert" in out.getvalue()


def _full_record(im, world):  # type: ignore[no-untyped-def]
    record = make_client(
        im,
        world.kreis_a,
        name_original="محمد الحسن",
        nationality="syrisch",
        street="Gartenstraße 5",
        residence_valid_until=TODAY() + dt.timedelta(days=300),
        school_qualification="Abitur (Damaskus)",
        occupation="Lagerhelfer",
        counselling_start=TODAY() - dt.timedelta(days=200),
    )
    scan = services.consent_record(
        client=record,
        purpose=Consent.Purpose.NETWORK,
        network_actor="Jobcenter Böblingen",
        given_on=TODAY() - dt.timedelta(days=100),
        scan=pdf_upload(),
        actor=im,
    )
    network_services.referral_record(
        client=record,
        network_actor="Jobcenter Böblingen",
        purpose="Bewerbungsunterlagen",
        shared_on=TODAY() - dt.timedelta(days=90),
        actor=im,
    )
    services.plan_save(
        client=record,
        data=services.PlanData(situations={"work": "Lager, befristet"}),
        expected_version=0,
        actor=im,
    )
    return record, scan


def test_anonymisation_drops_the_new_personal_data_and_the_scan(  # type: ignore[no-untyped-def]
    im, world, django_capture_on_commit_callbacks
) -> None:
    record, consent = _full_record(im, world)
    storage, name = consent.scan.storage, consent.scan.name
    assert storage.exists(name)
    services.client_close(
        client=record, ended_on=TODAY() - dt.timedelta(days=40), reason="goals_reached", actor=im
    )
    with (
        override_settings(CASEWORK_RETENTION_DAYS=30),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.retention_run() == [record.pk]
    record.refresh_from_db()
    for field in ("name_original", "nationality", "street", "school_qualification", "occupation"):
        assert getattr(record, field) == "", field
    assert record.residence_valid_until is None
    consent.refresh_from_db()
    assert not consent.scan and not storage.exists(name)
    assert record.referrals.get().purpose == "anonymisiert"
    assert Plan.objects.get(client=record).situations == {}


def test_erasure_deletes_referrals_consents_and_the_scan_file(  # type: ignore[no-untyped-def]
    im, world, django_capture_on_commit_callbacks
) -> None:
    record, consent = _full_record(im, world)
    storage, name = consent.scan.storage, consent.scan.name
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.client_erase(
            client=record, reason="request", confirm_name=record.last_name, actor=coordinator
        )
    assert not Referral.objects.exists() and not Consent.objects.exists()
    assert not storage.exists(name)
    assert "Jobcenter" not in str(AuditEvent.objects.latest("seq").details)


def test_subject_access_export_holds_the_new_data(client, im, world) -> None:  # type: ignore[no-untyped-def]
    record, _consent = _full_record(im, world)
    client.force_login(im)
    data = client.get(reverse("casework:export_json", args=[record.pk])).json()
    assert data["person"]["staatsangehoerigkeit"] == "syrisch"
    assert data["person"]["name_in_originalschrift"] == "محمد الحسن"
    assert data["einwilligungen"][0]["netzwerkpartner"] == "Jobcenter Böblingen"
    assert data["einwilligungen"][0]["scan"] is True
    assert data["weitergaben"][0]["anlass"] == "Bewerbungsunterlagen"
    assert data["integrationsplan"]["ausgangslage"] == {"Arbeit": "Lager, befristet"}


def test_subject_access_export_json_and_pdf(client, im, record_with_plan) -> None:  # type: ignore[no-untyped-def]
    services.contact_record(
        client=record_with_plan,
        occurred_on=TODAY(),
        kind="video",
        duration_minutes=20,
        notes="Wohnungssuche",
        actor=im,
    )
    client.force_login(im)
    data = json.loads(
        client.get(reverse("casework:export_json", args=[record_with_plan.pk])).content
    )
    assert data["person"]["nachname"] == "Al-Hassan"
    assert data["beratungskontakte"][0]["notiz"] == "Wohnungssuche"
    assert data["integrationsplan"]["interests"] == "Kochen"
    pdf = client.get(reverse("casework:export_pdf", args=[record_with_plan.pk]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Al-Hassan" in text and "Wohnungssuche" in text
    assert AuditEvent.objects.filter(action="client.export").count() == 2


def test_retention_page_lists_due_records(client, im, record_with_plan, world, settings) -> None:  # type: ignore[no-untyped-def]
    settings.CASEWORK_RETENTION_DAYS = 30
    services.client_close(
        client=record_with_plan,
        ended_on=TODAY() - dt.timedelta(days=40),
        reason="goals_reached",
        actor=im,
    )
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    client.force_login(coordinator)
    page = client.get(reverse("casework:retention_due")).content.decode()
    assert "Al-Hassan" in page and "fällig" in page


def test_the_retention_period_is_written_in_words(client, im, record, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)  # the default 730 days
    page = client.get(reverse("casework:client_close", args=[record.pk])).content.decode()
    assert "Aufbewahrungsfrist (zwei Jahre)" in page and "730" not in page
    client.force_login(staff(Role.KREIS_COORDINATOR, world.kreis_a))
    page = client.get(reverse("casework:retention_due")).content.decode()
    assert "Akten werden zwei Jahre nach Ende der Beratung" in page


def test_my_day_counts_due_records_in_the_right_number(client, im, record, world, settings) -> None:  # type: ignore[no-untyped-def]
    settings.CASEWORK_RETENTION_DAYS = 30
    services.client_close(
        client=record, ended_on=TODAY() - dt.timedelta(days=40), reason="goals_reached", actor=im
    )
    client.force_login(staff(Role.KREIS_COORDINATOR, world.kreis_a))
    page = client.get(reverse("casework:my_day")).content.decode()
    assert "Löschfristen: 1 Akte in den nächsten 30 Tagen" in page
