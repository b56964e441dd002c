"""Casework services: consent gating, optimistic locking, audit, handover, transfer, retention."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import override_settings
from django.utils import timezone

from pik.casework import selectors, services
from pik.casework.models import Client, Consent, Contact, Handover, Plan, PlanVersion, Task
from pik.core import audit
from pik.core.locking import StaleVersion
from pik.core.models import AuditEvent
from pik.core.roles import Role
from tests.casework.factories import data, give_consent, make_client, staff

TODAY = timezone.localdate


@pytest.fixture
def coordinator(world):  # type: ignore[no-untyped-def]
    return staff(Role.KREIS_COORDINATOR, world.kreis_a)


@pytest.fixture
def client_a(im, world):  # type: ignore[no-untyped-def]
    return make_client(im, world.kreis_a)


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


def test_second_concurrent_save_is_refused(im, client_a) -> None:  # type: ignore[no-untyped-def]
    loaded_version = client_a.version
    services.client_update(
        client=client_a, data=data(phone="0711 1"), expected_version=loaded_version, actor=im
    )
    with pytest.raises(StaleVersion) as exc:
        services.client_update(
            client=client_a, data=data(phone="0711 2"), expected_version=loaded_version, actor=im
        )
    assert "inzwischen" in exc.value.messages[0] and "nicht gespeichert" in exc.value.messages[0]
    client_a.refresh_from_db()
    assert client_a.phone == "0711 1" and client_a.version == loaded_version + 1


def test_update_audit_names_fields_not_values(im, client_a) -> None:  # type: ignore[no-untyped-def]
    services.client_update(
        client=client_a, data=data(phone="0711 123"), expected_version=1, actor=im
    )
    event = AuditEvent.objects.latest("seq")
    assert event.action == "client.update" and event.details["fields"] == ["phone"]
    assert "0711" not in str(event.details)


def test_every_read_is_logged_and_listed(im, coordinator, client_a) -> None:  # type: ignore[no-untyped-def]
    selectors.client_get(user=im, pk=client_a.pk)
    selectors.client_get(user=coordinator, pk=client_a.pk)
    log = list(selectors.client_access_log(client=client_a))
    reads = [e for e, label in log if label == "Akte aufgerufen"]
    assert [e.actor for e in reads] == [coordinator, im]


def test_other_kreis_and_other_caseload_get_404(client_a, world) -> None:  # type: ignore[no-untyped-def]
    colleague = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    foreign_coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_b)
    for user in (colleague, foreign_coordinator):
        with pytest.raises(Http404):
            selectors.client_get(user=user, pk=client_a.pk)
    assert not AuditEvent.objects.filter(action="client.read").exists()


def test_health_notes_need_consent_and_only_the_responsible_reads_them(  # type: ignore[no-untyped-def]
    im, coordinator, client_a
) -> None:
    with pytest.raises(ValidationError, match="Gesundheitsdaten"):
        services.client_health_notes_set(
            client=client_a, notes="Diabetes", expected_version=1, actor=im
        )
    give_consent(client_a, Consent.Purpose.HEALTH, im)
    client_a.refresh_from_db()
    services.client_health_notes_set(
        client=client_a, notes="Diabetes", expected_version=client_a.version, actor=im
    )
    client_a.refresh_from_db()
    assert selectors.client_health_notes(user=im, client=client_a) == "Diabetes"
    assert AuditEvent.objects.latest("seq").action == "client.health_read"
    # the Kreis coordinator reads them too (logged), but does not write them
    assert selectors.client_health_notes(user=coordinator, client=client_a) == "Diabetes"
    assert AuditEvent.objects.latest("seq").actor == coordinator
    with pytest.raises(ValidationError, match="nur die zuständige Person"):
        services.client_health_notes_set(
            client=client_a, notes="", expected_version=client_a.version, actor=coordinator
        )
    # a colleague the record is shared with sees the record, not the health notes
    colleague = staff(Role.INTEGRATION_MANAGER, client_a.kreis)
    services.client_share(client=client_a, user=colleague, shared=True, actor=im)
    assert selectors.client_get(user=colleague, pk=client_a.pk) == client_a
    with pytest.raises(Http404):
        selectors.client_health_notes(user=colleague, client=client_a)
    client_a.refresh_from_db()
    assert client_a.health_notes == "Diabetes"


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


def test_withdrawing_health_consent_deletes_the_notes(im, client_a) -> None:  # type: ignore[no-untyped-def]
    consent = give_consent(client_a, Consent.Purpose.HEALTH, im)
    client_a.refresh_from_db()
    services.client_health_notes_set(
        client=client_a, notes="Asthma", expected_version=client_a.version, actor=im
    )
    services.consent_withdraw(consent=consent, withdrawn_on=TODAY(), actor=im)
    client_a.refresh_from_db()
    assert client_a.health_notes == ""


def test_contact_needs_participation_consent(im, client_a) -> None:  # type: ignore[no-untyped-def]
    contact = services.contact_record(
        client=client_a,
        occurred_on=TODAY(),
        kind="phone",
        duration_minutes=20,
        topics=["work", "language"],
        notes="Bewerbung besprochen",
        actor=im,
    )
    assert contact.topic_labels() == ["Arbeit", "Sprache"]
    services.consent_withdraw(consent=client_a.consents.get(), withdrawn_on=TODAY(), actor=im)
    client_a.refresh_from_db()
    assert client_a.status == Client.Status.CLOSED and client_a.counselling_end == TODAY()
    with pytest.raises(ValidationError, match="Einwilligung"):
        services.contact_record(
            client=client_a, occurred_on=TODAY(), kind="phone", duration_minutes=20, actor=im
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
def test_bad_contact_input_changes_nothing(im, client_a, kwargs, field) -> None:  # type: ignore[no-untyped-def]
    values = {"occurred_on": TODAY(), "kind": "phone", "duration_minutes": 30, **kwargs}
    with pytest.raises(ValidationError) as exc:
        services.contact_record(client=client_a, actor=im, **values)
    assert field in exc.value.message_dict
    assert not Contact.objects.exists()


def test_plan_changes_make_versions_and_stale_plan_save_is_refused(im, client_a) -> None:  # type: ignore[no-untyped-def]
    plan = services.plan_save(
        client=client_a, data=services.PlanData(language_skills="A2"), expected_version=0, actor=im
    )
    assert plan.version == 1
    goal = services.goal_add(
        client=client_a, field="language", description="B1 erreichen", actor=im
    )
    step = services.step_add(goal=goal, description="Kurs anmelden", actor=im)
    services.step_set_done(step=step, done=True, actor=im)
    plan.refresh_from_db()
    assert plan.version == 4
    assert list(PlanVersion.objects.filter(plan=plan).values_list("number", flat=True)) == [
        4,
        3,
        2,
        1,
    ]
    latest = PlanVersion.objects.get(plan=plan, number=4).snapshot
    assert latest["ziele"][0]["schritte"][0]["erledigt_am"] == TODAY().isoformat()
    with pytest.raises(StaleVersion, match="Fassung 4"):
        services.plan_save(
            client=client_a,
            data=services.PlanData(language_skills="B1"),
            expected_version=1,
            actor=im,
        )
    plan.refresh_from_db()
    assert plan.language_skills == "A2"


def test_agreed_plan_needs_a_date(im, client_a) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="Datum der Vereinbarung"):
        services.plan_save(
            client=client_a, data=services.PlanData(status="agreed"), expected_version=0, actor=im
        )
    assert not Plan.objects.exists()


def test_handover_to_other_employer_in_kreis_is_accepted(im, client_a, world) -> None:  # type: ignore[no-untyped-def]
    other = staff(Role.INTEGRATION_MANAGER, world.kreis_a, provider=world.provider_a)
    task = services.task_create(
        title="Anruf", due_on=TODAY(), assigned_to=im, client=client_a, actor=im
    )
    handover = services.handover_request(client=client_a, to_user=other, note="Umzug", actor=im)
    # Until accepted, the record stays with the sender; the recipient sees only the handover.
    with pytest.raises(Http404):
        selectors.client_get(user=other, pk=client_a.pk)
    assert list(selectors.handovers_for_me(user=other)) == [handover]
    with pytest.raises(ValidationError, match="Rolle"):
        services.handover_accept(handover=handover, actor=im)
    services.handover_accept(handover=handover, actor=other)
    client_a.refresh_from_db()
    task.refresh_from_db()
    assert client_a.responsible == other and task.assigned_to == other
    assert selectors.client_get(user=other, pk=client_a.pk) == client_a
    with pytest.raises(Http404):
        selectors.client_get(user=im, pk=client_a.pk)


def test_handover_outside_the_kreis_is_refused(im, client_a, world) -> None:  # type: ignore[no-untyped-def]
    outsider = staff(Role.INTEGRATION_MANAGER, world.kreis_b)
    with pytest.raises(ValidationError, match="selben Kreis"):
        services.handover_request(client=client_a, to_user=outsider, actor=im)
    assert not Handover.objects.exists()


def test_declined_handover_leaves_the_record(im, client_a, world) -> None:  # type: ignore[no-untyped-def]
    other = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    handover = services.handover_request(client=client_a, to_user=other, actor=im)
    services.handover_decline(handover=handover, actor=other)
    client_a.refresh_from_db()
    assert client_a.responsible == im
    handover.refresh_from_db()
    assert handover.status == Handover.Status.DECLINED


def test_coordinator_assigns_and_sees_the_whole_kreis(im, coordinator, client_a, world) -> None:  # type: ignore[no-untyped-def]
    other = staff(Role.INTEGRATION_MANAGER, world.kreis_a, gemeinde=world.gemeinde_a)
    services.client_assign(client=client_a, responsible=other, actor=coordinator)
    client_a.refresh_from_db()
    assert client_a.responsible == other
    assert client_a in selectors.client_list(user=coordinator)
    with pytest.raises(ValidationError, match="Koordination"):
        services.client_assign(client=client_a, responsible=im, actor=other)
    outsider = staff(Role.INTEGRATION_MANAGER, world.kreis_b)
    with pytest.raises(ValidationError):
        services.client_assign(client=client_a, responsible=outsider, actor=coordinator)


def test_transfer_needs_consent_and_the_other_kreis_accepts(im, client_a, world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="Einwilligung"):
        services.transfer_request(client=client_a, to_kreis=world.kreis_b, reason="Umzug", actor=im)
    give_consent(client_a, Consent.Purpose.TRANSFER, im)
    transfer = services.transfer_request(
        client=client_a, to_kreis=world.kreis_b, reason="Umzug nach Esslingen", actor=im
    )
    own_coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    with pytest.raises(Http404):
        selectors.transfer_get(user=own_coordinator, pk=transfer.pk)
    target = staff(Role.KREIS_COORDINATOR, world.kreis_b)
    target_im = staff(Role.INTEGRATION_MANAGER, world.kreis_b)
    assert list(selectors.transfers_incoming(user=target)) == [transfer]
    with pytest.raises(ValidationError):
        services.transfer_accept(transfer=transfer, responsible=im, actor=target)
    services.transfer_accept(transfer=transfer, responsible=target_im, actor=target)
    client_a.refresh_from_db()
    assert client_a.kreis == world.kreis_b and client_a.responsible == target_im
    with pytest.raises(Http404):
        selectors.client_get(user=im, pk=client_a.pk)


def test_retention_anonymises_after_the_configured_time(im, client_a) -> None:  # type: ignore[no-untyped-def]
    services.contact_record(
        client=client_a,
        occurred_on=TODAY() - dt.timedelta(days=50),
        kind="in_person",
        duration_minutes=45,
        notes="Sehr persönlich",
        actor=im,
    )
    services.client_close(client=client_a, ended_on=TODAY() - dt.timedelta(days=40), actor=im)
    with override_settings(CASEWORK_RETENTION_DAYS=30):
        done = services.retention_run()
    assert done == [client_a.pk]
    client_a.refresh_from_db()
    assert client_a.status == Client.Status.ANONYMISED
    assert client_a.first_name == "anonymisiert" and client_a.birth_year == 1990
    assert client_a.contacts.get().notes == "" and client_a.contacts.get().duration_minutes == 45
    assert AuditEvent.objects.latest("seq").action == "client.anonymise"
    with override_settings(CASEWORK_RETENTION_DAYS=30):
        assert services.retention_run() == []


def test_retention_keeps_records_inside_the_period(im, client_a) -> None:  # type: ignore[no-untyped-def]
    services.client_close(client=client_a, ended_on=TODAY() - dt.timedelta(days=10), actor=im)
    with override_settings(CASEWORK_RETENTION_DAYS=30):
        assert services.retention_run() == []
    client_a.refresh_from_db()
    assert client_a.status == Client.Status.CLOSED


def test_erasure_deletes_everything_and_leaves_an_audit_trail(im, coordinator, client_a) -> None:  # type: ignore[no-untyped-def]
    services.contact_record(
        client=client_a, occurred_on=TODAY(), kind="phone", duration_minutes=5, actor=im
    )
    with pytest.raises(ValidationError, match="Koordination"):
        services.client_erase(client=client_a, reason="request", confirm_name="Al-Hassan", actor=im)
    with pytest.raises(ValidationError, match="Nachnamen"):
        services.client_erase(
            client=client_a, reason="request", confirm_name="Falsch", actor=coordinator
        )
    pk = client_a.pk
    services.client_erase(
        client=client_a,
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


def test_duplicates_are_found_across_spellings_and_the_kreis(im, client_a, world) -> None:  # type: ignore[no-untyped-def]
    colleague = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    found = selectors.client_duplicates(
        user=colleague,
        kreis_id=world.kreis_a.pk,
        first_name="Muhammad",
        last_name="Alhasan",
        birth_year=1990,
    )
    assert [d.pk for d in found] == [client_a.pk]
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


def test_search_is_transliteration_tolerant(im, client_a) -> None:  # type: ignore[no-untyped-def]
    assert list(selectors.client_list(user=im, query="Muhammad")) == [client_a]
    assert list(selectors.client_list(user=im, query="hass")) == [client_a]
    assert not selectors.client_list(user=im, query="Olena").exists()


def test_task_complete_once(im, client_a) -> None:  # type: ignore[no-untyped-def]
    task = services.task_create(
        title="Termin Jobcenter", due_on=TODAY(), assigned_to=im, client=client_a, actor=im
    )
    services.task_complete(task=task, actor=im)
    with pytest.raises(ValidationError, match="bereits erledigt"):
        services.task_complete(task=task, actor=im)
    assert Task.objects.get().done_at is not None
    with pytest.raises(ValidationError):
        services.task_create(title="  ", due_on=TODAY(), assigned_to=im, actor=im)


def test_retention_command_and_task(im, client_a, settings) -> None:  # type: ignore[no-untyped-def]
    import io

    from django.core.management import call_command

    from pik.casework.tasks import casework_retention_task

    settings.CASEWORK_RETENTION_DAYS = 30
    services.client_close(client=client_a, ended_on=TODAY() - dt.timedelta(days=31), actor=im)
    out = io.StringIO()
    call_command("casework_retention", "--dry-run", stdout=out)
    assert "1 Akten fällig" in out.getvalue() and f"Akte {client_a.pk}" in out.getvalue()
    client_a.refresh_from_db()
    assert client_a.status == Client.Status.CLOSED
    result = casework_retention_task.enqueue()  # immediate backend in tests
    assert result.return_value == {"anonymised": 1}
    client_a.refresh_from_db()
    assert client_a.status == Client.Status.ANONYMISED
    out = io.StringIO()
    call_command("casework_retention", stdout=out)
    assert "0 Akten anonymisiert" in out.getvalue()


def test_new_household_with_first_member_and_a_second_joins(im, world) -> None:  # type: ignore[no-untyped-def]
    first = make_client(im, world.kreis_a, household_name="Familie Haddad")
    assert first.household is not None and first.household.name == "Familie Haddad"
    second = make_client(im, world.kreis_a, first_name="Rania", household=first.household)
    assert selectors.household_members(user=im, client=second) == [first]
    assert list(selectors.households_for(user=im, kreis_id=world.kreis_a.pk)) == [first.household]
    with pytest.raises(ValidationError, match="entweder"):
        make_client(im, world.kreis_a, household=first.household, household_name="Neu")


def test_sharing_within_the_kreis_gives_the_colleague_access(im, client_a, world) -> None:  # type: ignore[no-untyped-def]
    colleague = staff(Role.INTEGRATION_MANAGER, world.kreis_a, gemeinde=world.gemeinde_a)
    with pytest.raises(Http404):
        selectors.client_get(user=colleague, pk=client_a.pk)
    services.client_share(client=client_a, user=colleague, shared=True, actor=im)
    assert selectors.client_get(user=colleague, pk=client_a.pk) == client_a
    with pytest.raises(Http404):  # shared, but health notes stay with the responsible person
        selectors.client_health_notes(user=colleague, client=client_a)
    outsider = staff(Role.INTEGRATION_MANAGER, world.kreis_b)
    with pytest.raises(ValidationError, match="im Kreis"):
        services.client_share(client=client_a, user=outsider, shared=True, actor=im)
    services.client_share(client=client_a, user=colleague, shared=False, actor=im)
    with pytest.raises(Http404):
        selectors.client_get(user=colleague, pk=client_a.pk)
