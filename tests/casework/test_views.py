"""Casework pages as the responsible manager and the coordinator use them."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pik.casework import documents, services
from pik.casework.models import Client, Consent, Contact, Handover
from pik.core.models import AuditEvent
from pik.core.roles import Role
from tests.casework.factories import (
    CLIENT_PAGES,
    COORDINATOR_ONLY,
    give_consent,
    make_client,
    staff,
)

TODAY = timezone.localdate


@pytest.fixture
def record(im, world):  # type: ignore[no-untyped-def]
    client = make_client(im, world.kreis_a)
    services.plan_save(
        client=client, data=services.PlanData(interests="Kochen"), expected_version=0, actor=im
    )
    return client


# The coordinator's pages from the matrix, plus those only the responsible manager opens.
MANAGER_PAGES = [p for p in CLIENT_PAGES if p not in COORDINATOR_ONLY] + [
    "plan_pdf",
    "health_notes",
]


@pytest.mark.parametrize("name", MANAGER_PAGES)
def test_responsible_manager_opens_every_client_page(name, client, im, record) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    assert client.get(reverse(f"casework:{name}", args=[record.pk])).status_code == 200


@pytest.mark.parametrize("name", sorted(COORDINATOR_ONLY))
def test_coordinator_only_pages_are_404_for_the_manager(name, client, im, record) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    assert client.get(reverse(f"casework:{name}", args=[record.pk])).status_code == 404


def _form(**overrides):  # type: ignore[no-untyped-def]
    values = {
        "first_name": "Mohamad",
        "last_name": "Alhasan",
        "birth_year": "1990",
        "gender": "male",
        "counselling_start": TODAY().isoformat(),
        "consent_given_on": TODAY().isoformat(),
        "consent_language": "ar",
    }
    values.update(overrides)
    return values


def test_new_client_warns_about_a_transliterated_duplicate(client, im, record, world) -> None:  # type: ignore[no-untyped-def]
    colleague = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    client.force_login(colleague)
    url = reverse("casework:client_create")
    response = client.post(url, _form())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mögliche Doppelerfassung" in page and "M. A." in page and str(im) in page
    assert Client.objects.count() == 1
    response = client.post(url, _form(confirm_duplicate="on"))
    assert response.status_code == 302
    assert Client.objects.count() == 2
    new = Client.objects.latest("pk")
    assert new.responsible == colleague
    assert new.consents.get().form_language == "ar"


def test_new_client_other_birth_year_is_no_duplicate(client, im, record) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    response = client.post(reverse("casework:client_create"), _form(birth_year="1985"))
    assert response.status_code == 302


def test_new_client_without_consent_keeps_only_a_minimal_record(client, im) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    url = reverse("casework:client_create")
    response = client.post(url, _form(consent_given_on="", phone="0711 1234"))
    assert response.status_code == 200
    assert "Minimalakte" in response.content.decode()
    assert not Client.objects.exists()
    response = client.post(url, _form(consent_given_on=""))
    assert response.status_code == 302
    record = Client.objects.get()
    assert not record.consents.exists()
    page = client.get(reverse("casework:client_detail", args=[record.pk])).content.decode()
    assert "Keine gültige Einwilligung zur Teilnahme" in page


def test_nul_byte_in_a_form_is_refused(client, im) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    response = client.post(reverse("casework:client_create"), _form(languages="Dari\x00"))
    assert response.status_code == 200
    assert not Client.objects.exists()


def test_concurrent_edit_shows_german_message_and_keeps_first_save(client, im, record) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    url = reverse("casework:client_edit", args=[record.pk])
    base = {
        "first_name": "Mohammed",
        "last_name": "Al-Hassan",
        "birth_year": "1990",
        "gender": "male",
        "counselling_start": record.counselling_start.isoformat(),
        "version": str(record.version),
    }
    assert client.post(url, {**base, "phone": "111"}).status_code == 302
    second = client.post(url, {**base, "phone": "222"})
    assert second.status_code == 200
    assert "wurde inzwischen" in second.content.decode()
    record.refresh_from_db()
    assert record.phone == "111"


def test_quick_contact_entry_and_bad_input(client, im, record) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    url = reverse("casework:contact_add", args=[record.pk])
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


def test_client_page_shows_who_accessed_it(client, im, record, world) -> None:  # type: ignore[no-untyped-def]
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    client.force_login(coordinator)
    client.get(reverse("casework:client_detail", args=[record.pk]))
    client.force_login(im)
    page = client.get(reverse("casework:client_detail", args=[record.pk])).content.decode()
    assert "Wer hat die Akte aufgerufen" in page
    assert str(coordinator) in page and "Akte aufgerufen" in page
    # health notes are not on the page, not even for the coordinator
    assert "nur für die zuständige Person" not in page  # im is responsible: gets the link
    assert "geschützt – anzeigen" in page


def test_health_notes_for_responsible_and_coordinator_not_for_shared_colleagues(
    client, im, record, world
) -> None:  # type: ignore[no-untyped-def]
    give_consent(record, Consent.Purpose.HEALTH, im)
    record.refresh_from_db()
    services.client_health_notes_set(
        client=record, notes="Diabetes Typ 2", expected_version=record.version, actor=im
    )
    colleague = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    services.client_share(client=record, user=colleague, shared=True, actor=im)
    client.force_login(colleague)
    detail = client.get(reverse("casework:client_detail", args=[record.pk])).content.decode()
    assert (
        "Diabetes" not in detail and "nur für die zuständige Person und die Koordination" in detail
    )
    assert client.get(reverse("casework:health_notes", args=[record.pk])).status_code == 404
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    client.force_login(coordinator)
    detail = client.get(reverse("casework:client_detail", args=[record.pk])).content.decode()
    assert "Diabetes" not in detail  # not on the page itself: only behind the logged link
    page = client.get(reverse("casework:health_notes", args=[record.pk])).content.decode()
    assert "Diabetes Typ 2" in page
    assert AuditEvent.objects.filter(action="client.health_read", actor=coordinator).count() == 1
    export = client.get(reverse("casework:export_json", args=[record.pk]))
    assert export.status_code == 200  # the subject-access export is complete
    client.force_login(im)
    page = client.get(reverse("casework:health_notes", args=[record.pk])).content.decode()
    assert "Diabetes Typ 2" in page
    assert AuditEvent.objects.filter(action="client.health_read", actor=im).count() == 1


def test_subject_access_export_json_and_pdf(client, im, record) -> None:  # type: ignore[no-untyped-def]
    services.contact_record(
        client=record,
        occurred_on=TODAY(),
        kind="video",
        duration_minutes=20,
        notes="Wohnungssuche",
        actor=im,
    )
    client.force_login(im)
    data = json.loads(client.get(reverse("casework:export_json", args=[record.pk])).content)
    assert data["person"]["nachname"] == "Al-Hassan"
    assert data["beratungskontakte"][0]["notiz"] == "Wohnungssuche"
    assert data["integrationsplan"]["interests"] == "Kochen"
    pdf = client.get(reverse("casework:export_pdf", args=[record.pk]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Al-Hassan" in text and "Wohnungssuche" in text
    assert AuditEvent.objects.filter(action="client.export").count() == 2


@pytest.mark.parametrize(
    ("language", "direction"),
    [("ar", "rtl"), ("fa", "rtl"), ("uk", "ltr"), ("tr", "ltr"), ("en", "ltr")],
)
def test_bilingual_consent_form_sets_direction(language, direction, im, record) -> None:  # type: ignore[no-untyped-def]
    html = render_to_string(
        "casework/pdf/consent.html",
        documents.consent_form_context(client=record, language=language),
    )
    assert f'lang="{language}" dir="{direction}"' in html
    assert documents.CONSENT_TEXT[language]["withdraw"] in html
    assert documents.CONSENT_TEXT["de"]["withdraw"] in html


def test_arabic_consent_pdf_carries_arabic_text(client, im, record) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    response = client.get(reverse("casework:consent_pdf", args=[record.pk]) + "?sprache=ar")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Einwilligung" in text
    assert any("\u0600" <= ch <= "\u06ff" or "\ufe70" <= ch <= "\ufeff" for ch in text)


def test_plan_pdf_is_bilingual(client, im, record) -> None:  # type: ignore[no-untyped-def]
    services.goal_add(client=record, field="language", description="B1-Kurs", actor=im)
    client.force_login(im)
    response = client.get(reverse("casework:plan_pdf", args=[record.pk]) + "?sprache=uk")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Integrationsplan" in text and "План інтеграції" in text and "B1-Kurs" in text
    assert (
        client.get(reverse("casework:plan_pdf", args=[record.pk]) + "?sprache=xx").status_code
        == 404
    )


def test_handover_accept_through_the_pages(client, im, record, world) -> None:  # type: ignore[no-untyped-def]
    other = staff(Role.INTEGRATION_MANAGER, world.kreis_a, provider=world.provider_a)
    client.force_login(im)
    response = client.post(
        reverse("casework:handover_create", args=[record.pk]),
        {"person": other.pk, "note": "Urlaub"},
    )
    assert response.status_code == 302
    handover = Handover.objects.get()
    client.force_login(other)
    assert "Übergabe" in client.get(reverse("casework:my_day")).content.decode()
    response = client.post(
        reverse("casework:handover_detail", args=[handover.pk]), {"action": "accept"}
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.responsible == other


def test_my_day_lists_tasks_and_reviews(client, im, record) -> None:  # type: ignore[no-untyped-def]
    services.task_create(
        title="Anruf Ausländerbehörde", due_on=TODAY(), assigned_to=im, client=record, actor=im
    )
    record.plan.review_due = TODAY() + dt.timedelta(days=3)
    record.plan.save()
    client.force_login(im)
    page = client.get(reverse("casework:my_day")).content.decode()
    assert "Anruf Ausländerbehörde" in page and "Integrationspläne zur Überprüfung" in page
    assert str(record) in page


def test_search_finds_other_spellings(client, im, record) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    page = client.get(reverse("casework:client_list") + "?q=Muhammad").content.decode()
    assert "Al-Hassan, Mohammed" in page
    assert AuditEvent.objects.filter(action="client.list").exists()


def test_retention_page_lists_due_records(client, im, record, world, settings) -> None:  # type: ignore[no-untyped-def]
    settings.CASEWORK_RETENTION_DAYS = 30
    services.client_close(client=record, ended_on=TODAY() - dt.timedelta(days=40), actor=im)
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    client.force_login(coordinator)
    page = client.get(reverse("casework:retention_due")).content.decode()
    assert "Al-Hassan" in page and "fällig" in page


def test_task_done_does_not_redirect_elsewhere(client, im, record) -> None:  # type: ignore[no-untyped-def]
    task = services.task_create(title="Rückruf", due_on=TODAY(), assigned_to=im, actor=im)
    client.force_login(im)
    response = client.post(
        reverse("casework:task_done", args=[task.pk]), {"next": "//evil.example/"}
    )
    assert response["Location"] == reverse("casework:task_list")
    task.refresh_from_db()
    assert task.done_at is not None


def test_share_and_stop_sharing_through_the_page(client, im, record, world) -> None:  # type: ignore[no-untyped-def]
    colleague = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    url = reverse("casework:client_share", args=[record.pk])
    client.force_login(im)
    assert client.post(url, {"person": colleague.pk}).status_code == 302
    assert list(record.shared_with.all()) == [colleague]
    client.force_login(colleague)
    assert client.get(reverse("casework:client_detail", args=[record.pk])).status_code == 200
    client.force_login(im)
    assert client.post(url, {"remove": str(colleague.pk)}).status_code == 302
    assert not record.shared_with.exists()
    assert client.post(url, {"remove": "999999"}).status_code == 404


def test_coordinator_filters_the_kreis_by_manager(client, im, record, world) -> None:  # type: ignore[no-untyped-def]
    other = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    make_client(other, world.kreis_a, first_name="Oksana", last_name="Melnyk")
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    client.force_login(coordinator)
    page = client.get(reverse("casework:client_list") + f"?zustaendig={other.pk}").content.decode()
    assert "Melnyk, Oksana" in page and "Al-Hassan, Mohammed" not in page
    assert f'<option value="{other.pk}" selected>' in page
