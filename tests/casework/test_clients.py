"""The client record: create (with consent or as a minimal record), personal data and their
checks, health notes, reads and their log, duplicates and search, household, assignment and
sharing; through the services and through the pages."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from pik.casework import selectors, services
from pik.casework.models import Client, Consent
from pik.core.locking import StaleVersion
from pik.core.models import AuditEvent
from pik.core.roles import Role
from tests.casework.factories import (
    CLIENT_PAGES,
    COORDINATOR_ONLY,
    data,
    give_consent,
    make_client,
    staff,
)

TODAY = timezone.localdate


def test_create_records_participation_consent_and_one_audit_event(im, world) -> None:  # type: ignore[no-untyped-def]
    before = AuditEvent.objects.count()
    client = make_client(im, world.kreis_a)
    assert client.responsible == im and client.kreis == world.kreis_a
    assert client.first_name_key == "mhmd"
    assert client.consents.get().purpose == Consent.Purpose.PARTICIPATION
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.latest("seq").action == "client.create"


def test_without_consent_only_a_minimal_record_is_kept(im, world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        services.client_create(
            kreis=world.kreis_a,
            data=data(phone="0711 123", residence_status="Aufenthaltserlaubnis"),
            consent_given_on=None,
            actor=im,
        )
    assert "Minimalakte" in " ".join(exc.value.message_dict["phone"])
    assert "Minimalakte" in " ".join(exc.value.message_dict["residence_status"])
    assert not Client.objects.exists()
    minimal = services.client_create(
        kreis=world.kreis_a, data=data(), consent_given_on=None, actor=im
    )
    assert not minimal.consents.exists()
    # no counselling data without consent: contacts are refused, and so are more personal data
    with pytest.raises(ValidationError, match="Einwilligung"):
        services.contact_record(
            client=minimal, occurred_on=TODAY(), kind="phone", duration_minutes=10, actor=im
        )
    with pytest.raises(ValidationError):
        services.client_update(
            client=minimal, data=data(phone="0711 123"), expected_version=1, actor=im
        )
    minimal.refresh_from_db()
    assert minimal.phone == "" and not minimal.contacts.exists()
    # once the consent is recorded, the full record may be kept
    give_consent(minimal, Consent.Purpose.PARTICIPATION, im)
    minimal.refresh_from_db()
    services.client_update(
        client=minimal, data=data(phone="0711 123"), expected_version=minimal.version, actor=im
    )
    minimal.refresh_from_db()
    assert minimal.phone == "0711 123"


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"first_name": "  "}, "first_name", "Vorname"),
        ({"last_name": "x" * 101}, "last_name", "höchstens 100"),
        ({"first_name": "Ali\x00"}, "first_name", "Steuerzeichen"),
        ({"birth_year": 1850}, "birth_year", "zwischen 1900"),
        ({"birth_date": dt.date(1990, 1, 1), "birth_year": 1991}, "birth_year", "passen nicht"),
        ({"counselling_start": TODAY() + dt.timedelta(days=3)}, "counselling_start", "Zukunft"),
        ({"email": "keine-adresse"}, "email", "gültige E-Mail"),
        ({"first_name": "123"}, "first_name", "Buchstaben"),
        ({"first_name": "A\ud800"}, "first_name", "unzulässige Zeichen"),
        ({"birth_date": TODAY() + dt.timedelta(days=1)}, "birth_date", "Zukunft"),
        (
            {
                "counselling_start": TODAY() - dt.timedelta(days=100),
                "planned_end": TODAY() + dt.timedelta(days=3 * 365 + 30),
            },
            "extension_reason",
            "über 3 Jahre hinaus braucht eine Begründung",
        ),
        (
            {
                "counselling_start": TODAY() - dt.timedelta(days=100),
                "planned_end": TODAY() + dt.timedelta(days=4 * 365 + 30),
                "extension_reason": "Ausbildung läuft noch",
            },
            "planned_end",
            "höchstens 4 Jahre",
        ),
        (
            {"counselling_start": TODAY(), "planned_end": TODAY() - dt.timedelta(days=1)},
            "planned_end",
            "vor dem Beginn",
        ),
        ({"household_relation": "boss"}, "household_relation", "Stellung im Haushalt"),
        ({"housing_entry": TODAY() + dt.timedelta(days=5)}, "housing_entry", "Zukunft"),
    ],
)
def test_bad_client_input_is_refused_in_german(im, world, overrides, field, text) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        make_client(im, world.kreis_a, **overrides)
    assert text in " ".join(exc.value.message_dict[field])
    assert not Client.objects.exists()


def test_gemeinde_of_another_kreis_is_refused(im, world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="nicht im Kreis"):
        make_client(im, world.kreis_a, gemeinde=world.gemeinde_b)


def test_manager_cannot_create_in_another_kreis(im, world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="keine Akten anlegen"):
        make_client(im, world.kreis_b)


def test_second_concurrent_save_is_refused(im, record) -> None:  # type: ignore[no-untyped-def]
    loaded_version = record.version
    services.client_update(
        client=record, data=data(phone="0711 1"), expected_version=loaded_version, actor=im
    )
    with pytest.raises(StaleVersion) as exc:
        services.client_update(
            client=record, data=data(phone="0711 2"), expected_version=loaded_version, actor=im
        )
    assert "inzwischen" in exc.value.messages[0] and "nicht gespeichert" in exc.value.messages[0]
    record.refresh_from_db()
    assert record.phone == "0711 1" and record.version == loaded_version + 1


def test_update_audit_names_fields_not_values(im, record) -> None:  # type: ignore[no-untyped-def]
    services.client_update(client=record, data=data(phone="0711 123"), expected_version=1, actor=im)
    event = AuditEvent.objects.latest("seq")
    assert event.action == "client.update" and event.details["fields"] == ["phone"]
    assert "0711" not in str(event.details)


def test_every_read_is_logged_and_listed(im, coordinator, record) -> None:  # type: ignore[no-untyped-def]
    selectors.client_get(user=im, pk=record.pk)
    selectors.client_get(user=coordinator, pk=record.pk)
    log = list(selectors.client_access_log(client=record))
    reads = [e for e, label in log if label == "Akte aufgerufen"]
    assert [e.actor for e in reads] == [coordinator, im]


def test_other_kreis_and_other_caseload_get_404(record, world) -> None:  # type: ignore[no-untyped-def]
    colleague = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    foreign_coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_b)
    for user in (colleague, foreign_coordinator):
        with pytest.raises(Http404):
            selectors.client_get(user=user, pk=record.pk)
    assert not AuditEvent.objects.filter(action="client.read").exists()


def test_health_notes_need_consent_and_only_the_responsible_reads_them(  # type: ignore[no-untyped-def]
    im, coordinator, record
) -> None:
    with pytest.raises(ValidationError, match="Gesundheitsdaten"):
        services.client_health_notes_set(
            client=record, notes="Diabetes", expected_version=1, actor=im
        )
    give_consent(record, Consent.Purpose.HEALTH, im)
    record.refresh_from_db()
    services.client_health_notes_set(
        client=record, notes="Diabetes", expected_version=record.version, actor=im
    )
    record.refresh_from_db()
    assert selectors.client_health_notes(user=im, client=record) == "Diabetes"
    assert AuditEvent.objects.latest("seq").action == "client.health_read"
    # the Kreis coordinator reads them too (logged), but does not write them
    assert selectors.client_health_notes(user=coordinator, client=record) == "Diabetes"
    assert AuditEvent.objects.latest("seq").actor == coordinator
    with pytest.raises(ValidationError, match="nur die zuständige Person"):
        services.client_health_notes_set(
            client=record, notes="", expected_version=record.version, actor=coordinator
        )
    # a colleague the record is shared with sees the record, not the health notes
    colleague = staff(Role.INTEGRATION_MANAGER, record.kreis)
    services.client_share(client=record, user=colleague, shared=True, actor=im)
    assert selectors.client_get(user=colleague, pk=record.pk) == record
    with pytest.raises(Http404):
        selectors.client_health_notes(user=colleague, client=record)
    record.refresh_from_db()
    assert record.health_notes == "Diabetes"


def test_planned_end_over_three_years_with_reason_is_kept(im, world) -> None:  # type: ignore[no-untyped-def]
    start = TODAY() - dt.timedelta(days=100)
    record = make_client(
        im,
        world.kreis_a,
        counselling_start=start,
        planned_end=start + dt.timedelta(days=3 * 365 + 200),
        extension_reason="Ausbildung endet im Sommer",
    )
    assert record.extension_reason == "Ausbildung endet im Sommer"


def test_coordinator_assigns_and_sees_the_whole_kreis(im, coordinator, record, world) -> None:  # type: ignore[no-untyped-def]
    other = staff(Role.INTEGRATION_MANAGER, world.kreis_a, gemeinde=world.gemeinde_a)
    services.client_assign(client=record, responsible=other, actor=coordinator)
    record.refresh_from_db()
    assert record.responsible == other
    assert record in selectors.client_list(user=coordinator)
    with pytest.raises(ValidationError, match="Koordination"):
        services.client_assign(client=record, responsible=im, actor=other)
    outsider = staff(Role.INTEGRATION_MANAGER, world.kreis_b)
    with pytest.raises(ValidationError):
        services.client_assign(client=record, responsible=outsider, actor=coordinator)


def test_duplicates_are_found_across_spellings_and_the_kreis(im, record, world) -> None:  # type: ignore[no-untyped-def]
    colleague = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    found = selectors.client_duplicates(
        user=colleague,
        kreis_id=world.kreis_a.pk,
        first_name="Muhammad",
        last_name="Alhasan",
        birth_year=1990,
    )
    assert [d.pk for d in found] == [record.pk]
    assert found[0].initials == "M. A." and not found[0].mine
    assert not selectors.client_duplicates(
        user=colleague,
        kreis_id=world.kreis_a.pk,
        first_name="Muhammad",
        last_name="Alhasan",
        birth_year=1991,
    )
    assert not selectors.client_duplicates(
        user=colleague,
        kreis_id=world.kreis_b.pk,
        first_name="Mohamad",
        last_name="Al-Hassan",
        birth_year=1990,
    )


def test_search_is_transliteration_tolerant(im, record) -> None:  # type: ignore[no-untyped-def]
    assert list(selectors.client_list(user=im, query="Muhammad")) == [record]
    assert list(selectors.client_list(user=im, query="hass")) == [record]
    assert not selectors.client_list(user=im, query="Olena").exists()


def test_new_household_with_first_member_and_a_second_joins(im, world) -> None:  # type: ignore[no-untyped-def]
    first = make_client(im, world.kreis_a, household_name="Familie Haddad")
    assert first.household is not None and first.household.name == "Familie Haddad"
    second = make_client(im, world.kreis_a, first_name="Rania", household=first.household)
    assert selectors.household_members(user=im, client=second) == [first]
    assert list(selectors.households_for(user=im, kreis_id=world.kreis_a.pk)) == [first.household]
    with pytest.raises(ValidationError, match="entweder"):
        make_client(im, world.kreis_a, household=first.household, household_name="Neu")


def test_sharing_within_the_kreis_gives_the_colleague_access(im, record, world) -> None:  # type: ignore[no-untyped-def]
    colleague = staff(Role.INTEGRATION_MANAGER, world.kreis_a, gemeinde=world.gemeinde_a)
    with pytest.raises(Http404):
        selectors.client_get(user=colleague, pk=record.pk)
    services.client_share(client=record, user=colleague, shared=True, actor=im)
    assert selectors.client_get(user=colleague, pk=record.pk) == record
    with pytest.raises(Http404):  # shared, but health notes stay with the responsible person
        selectors.client_health_notes(user=colleague, client=record)
    outsider = staff(Role.INTEGRATION_MANAGER, world.kreis_b)
    with pytest.raises(ValidationError, match="im Kreis"):
        services.client_share(client=record, user=outsider, shared=True, actor=im)
    services.client_share(client=record, user=colleague, shared=False, actor=im)
    with pytest.raises(Http404):
        selectors.client_get(user=colleague, pk=record.pk)


MANAGER_PAGES = [p for p in CLIENT_PAGES if p not in COORDINATOR_ONLY] + [
    "plan_pdf",
    "health_notes",
]


@pytest.mark.parametrize("name", MANAGER_PAGES)
def test_responsible_manager_opens_every_client_page(name, client, im, record_with_plan) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    assert client.get(reverse(f"casework:{name}", args=[record_with_plan.pk])).status_code == 200


@pytest.mark.parametrize("name", sorted(COORDINATOR_ONLY))
def test_coordinator_only_pages_are_404_for_the_manager(name, client, im, record_with_plan) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    assert client.get(reverse(f"casework:{name}", args=[record_with_plan.pk])).status_code == 404


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


def test_new_client_warns_about_a_transliterated_duplicate(
    client, im, record_with_plan, world
) -> None:  # type: ignore[no-untyped-def]
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


def test_new_client_other_birth_year_is_no_duplicate(client, im, record_with_plan) -> None:  # type: ignore[no-untyped-def]
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


def test_concurrent_edit_shows_german_message_and_keeps_first_save(
    client, im, record_with_plan
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    url = reverse("casework:client_edit", args=[record_with_plan.pk])
    base = {
        "first_name": "Mohammed",
        "last_name": "Al-Hassan",
        "birth_year": "1990",
        "gender": "male",
        "counselling_start": record_with_plan.counselling_start.isoformat(),
        "version": str(record_with_plan.version),
    }
    assert client.post(url, {**base, "phone": "111"}).status_code == 302
    second = client.post(url, {**base, "phone": "222"})
    assert second.status_code == 200
    assert "wurde inzwischen" in second.content.decode()
    record_with_plan.refresh_from_db()
    assert record_with_plan.phone == "111"


def test_client_page_shows_who_accessed_it(client, im, record_with_plan, world) -> None:  # type: ignore[no-untyped-def]
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    client.force_login(coordinator)
    client.get(reverse("casework:client_detail", args=[record_with_plan.pk]))
    client.force_login(im)
    page = client.get(
        reverse("casework:client_detail", args=[record_with_plan.pk])
    ).content.decode()
    assert "Wer hat die Akte aufgerufen" in page
    assert str(coordinator) in page and "Akte aufgerufen" in page
    # health notes are not on the page, not even for the coordinator
    assert "nur für die zuständige Person" not in page  # im is responsible: gets the link
    assert "geschützt – anzeigen" in page


def test_health_notes_for_responsible_and_coordinator_not_for_shared_colleagues(
    client, im, record_with_plan, world
) -> None:  # type: ignore[no-untyped-def]
    give_consent(record_with_plan, Consent.Purpose.HEALTH, im)
    record_with_plan.refresh_from_db()
    services.client_health_notes_set(
        client=record_with_plan,
        notes="Diabetes Typ 2",
        expected_version=record_with_plan.version,
        actor=im,
    )
    colleague = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    services.client_share(client=record_with_plan, user=colleague, shared=True, actor=im)
    client.force_login(colleague)
    detail = client.get(
        reverse("casework:client_detail", args=[record_with_plan.pk])
    ).content.decode()
    assert (
        "Diabetes" not in detail and "nur für die zuständige Person und die Koordination" in detail
    )
    assert (
        client.get(reverse("casework:health_notes", args=[record_with_plan.pk])).status_code == 404
    )
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    client.force_login(coordinator)
    detail = client.get(
        reverse("casework:client_detail", args=[record_with_plan.pk])
    ).content.decode()
    assert "Diabetes" not in detail  # not on the page itself: only behind the logged link
    page = client.get(reverse("casework:health_notes", args=[record_with_plan.pk])).content.decode()
    assert "Diabetes Typ 2" in page
    assert AuditEvent.objects.filter(action="client.health_read", actor=coordinator).count() == 1
    export = client.get(reverse("casework:export_json", args=[record_with_plan.pk]))
    assert export.status_code == 200  # the subject-access export is complete
    client.force_login(im)
    page = client.get(reverse("casework:health_notes", args=[record_with_plan.pk])).content.decode()
    assert "Diabetes Typ 2" in page
    assert AuditEvent.objects.filter(action="client.health_read", actor=im).count() == 1


def test_search_finds_other_spellings(client, im, record_with_plan) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    page = client.get(reverse("casework:client_list") + "?q=Muhammad").content.decode()
    assert "Al-Hassan, Mohammed" in page
    assert AuditEvent.objects.filter(action="client.list").exists()


def test_share_and_stop_sharing_through_the_page(client, im, record_with_plan, world) -> None:  # type: ignore[no-untyped-def]
    colleague = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    url = reverse("casework:client_share", args=[record_with_plan.pk])
    client.force_login(im)
    assert client.post(url, {"person": colleague.pk}).status_code == 302
    assert list(record_with_plan.shared_with.all()) == [colleague]
    client.force_login(colleague)
    assert (
        client.get(reverse("casework:client_detail", args=[record_with_plan.pk])).status_code == 200
    )
    client.force_login(im)
    assert client.post(url, {"remove": str(colleague.pk)}).status_code == 302
    assert not record_with_plan.shared_with.exists()
    assert client.post(url, {"remove": "999999"}).status_code == 404


def test_coordinator_filters_the_kreis_by_manager(client, im, record_with_plan, world) -> None:  # type: ignore[no-untyped-def]
    other = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    make_client(other, world.kreis_a, first_name="Oksana", last_name="Melnyk")
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    client.force_login(coordinator)
    page = client.get(reverse("casework:client_list") + f"?zustaendig={other.pk}").content.decode()
    assert "Melnyk, Oksana" in page and "Al-Hassan, Mohammed" not in page
    assert f'<option value="{other.pk}" selected>' in page


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("Muhamad", "Al Hasan"),  # the reported case: a space for the hyphen
        ("Mohamed", "Hassan"),  # article left out
        ("Al-Hassan", "Mohammed"),  # given and family name swapped
        ("Мухаммед", "Аль-Хасан"),  # Cyrillic
    ],
)
def test_duplicates_survive_real_spellings(im, record, world, first, last) -> None:  # type: ignore[no-untyped-def]
    found = selectors.client_duplicates(
        user=im, kreis_id=world.kreis_a.pk, first_name=first, last_name=last, birth_year=1990
    )
    assert [d.pk for d in found] == [record.pk]


@pytest.mark.parametrize(
    ("first", "last"),
    [("Mahmoud", "Al-Hassan"), ("Mohammed", "Al-Hussein"), ("Mohammed", "Al-Hassani")],
)
def test_similar_names_of_other_people_are_no_duplicates(im, record, world, first, last) -> None:  # type: ignore[no-untyped-def]
    assert not selectors.client_duplicates(
        user=im, kreis_id=world.kreis_a.pk, first_name=first, last_name=last, birth_year=1990
    )


def test_the_migration_fills_the_match_forms_of_existing_records(record) -> None:  # type: ignore[no-untyped-def]
    migration = importlib.import_module("pik.casework.migrations.0004_client_name_match_forms")
    Client.objects.filter(pk=record.pk).update(first_name_match="", last_name_match="")
    migration.backfill_match_forms(apps, None)
    record.refresh_from_db()
    assert (record.first_name_match, record.last_name_match) == ("muhamit", "al hasan")
