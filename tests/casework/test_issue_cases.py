"""Cases of the issue that the first build missed: consent form and scan, sharing with a network
partner only with consent, plan fields, reminders 8 weeks ahead, and the query budget of the
daily pages. Every refusal is German and leaves nothing behind."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pik.casework import documents, selectors, services
from pik.casework.models import Consent, Contact, Goal, Plan, PlanVersion, Referral, Task
from pik.core.models import AuditEvent
from pik.core.roles import Role
from tests.casework.factories import make_client, pdf_upload, staff

TODAY = timezone.localdate


@pytest.fixture
def record(im, world):  # type: ignore[no-untyped-def]
    return make_client(im, world.kreis_a)


def _state() -> tuple[int, int, int]:
    return Consent.objects.count(), Referral.objects.count(), AuditEvent.objects.count()


# --- Consent: form, witness, partner, scan checked by content ------------------------------


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


# --- Sharing with a network partner honours consent ----------------------------------------


def test_sharing_without_consent_is_refused_and_a_withdrawal_takes_effect_at_once(  # type: ignore[no-untyped-def]
    im, record
) -> None:
    def share(partner: str) -> Referral:
        return services.referral_record(
            client=record,
            network_actor=partner,
            purpose="Vermittlung in Sprachkurs",
            shared_on=TODAY(),
            actor=im,
        )

    before = _state()
    with pytest.raises(ValidationError) as exc:
        share("Jobcenter Ludwigsburg")
    assert "keine gültige Einwilligung" in " ".join(exc.value.message_dict["network_actor"])
    assert _state() == before
    consent = services.consent_record(
        client=record,
        purpose=Consent.Purpose.NETWORK,
        network_actor="Jobcenter Ludwigsburg",
        given_on=TODAY(),
        actor=im,
    )
    with pytest.raises(ValidationError, match="keine gültige Einwilligung"):
        share("Volkshochschule")  # consent names another partner
    referral = share("jobcenter ludwigsburg")
    assert referral.consent == consent and referral.network_actor == "Jobcenter Ludwigsburg"
    services.consent_withdraw(consent=consent, withdrawn_on=TODAY(), actor=im)
    count = Referral.objects.count()
    with pytest.raises(ValidationError, match="keine gültige Einwilligung"):
        share("Jobcenter Ludwigsburg")
    assert Referral.objects.count() == count


def test_sharing_page_shows_the_refusal(client, im, record) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    response = client.post(
        reverse("casework:referral_add", args=[record.pk]),
        {"network_actor": "Tafel", "purpose": "Berechtigung", "shared_on": TODAY().isoformat()},
    )
    assert response.status_code == 200
    assert "Ohne Einwilligung wird nichts weitergegeben" in response.content.decode()
    assert not Referral.objects.exists()


# --- Contacts ------------------------------------------------------------------------------


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


# --- Integration plan ----------------------------------------------------------------------


def test_plan_goal_without_field_is_refused_and_makes_no_version(im, record) -> None:  # type: ignore[no-untyped-def]
    plan = services.plan_save(client=record, data=services.PlanData(), expected_version=0, actor=im)
    versions = PlanVersion.objects.count()
    for field in ("", "astrology"):
        with pytest.raises(ValidationError) as exc:
            services.goal_add(client=record, field=field, description="Kurs", actor=im)
        assert "Bitte wählen Sie ein Handlungsfeld." in exc.value.message_dict["field"]
    assert not Goal.objects.exists()
    assert PlanVersion.objects.count() == versions
    assert Plan.objects.get(pk=plan.pk).version == plan.version


def test_plan_keeps_the_situation_per_field_in_versions_and_the_bilingual_print(im, record) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="Handlungsfeld"):
        services.plan_save(
            client=record,
            data=services.PlanData(situations={"astrology": "x"}),
            expected_version=0,
            actor=im,
        )
    assert not Plan.objects.exists()
    plan = services.plan_save(
        client=record,
        data=services.PlanData(situations={"language": "A2 erreicht", "work": "sucht Arbeit"}),
        expected_version=0,
        actor=im,
    )
    assert plan.situations == {"language": "A2 erreicht", "work": "sucht Arbeit"}
    snapshot = plan.versions.get(number=plan.version).snapshot
    assert snapshot["ausgangslage"] == {"Sprache": "A2 erreicht", "Arbeit": "sucht Arbeit"}
    context = documents.plan_context(client=record, plan=plan, language="ar")
    assert [s["value"] for s in context["situations"]] == ["A2 erreicht", "sucht Arbeit"]
    assert context["situations"][0]["field"]["de"] == "Sprache"
    assert context["situations"][0]["field"]["other"]  # the Arabic label next to it


# --- Reminders 8 weeks ahead ---------------------------------------------------------------


def test_my_day_reminds_of_permit_expiry_and_counselling_end_8_weeks_ahead(  # type: ignore[no-untyped-def]
    client, im, world
) -> None:
    soon = make_client(
        im, world.kreis_a, last_name="Bald", residence_valid_until=TODAY() + dt.timedelta(days=55)
    )
    later = make_client(
        im,
        world.kreis_a,
        last_name="Spaeter",
        residence_valid_until=TODAY() + dt.timedelta(days=60),
    )
    ending = make_client(
        im,
        world.kreis_a,
        last_name="Ende",
        counselling_start=TODAY() - dt.timedelta(days=3 * 365 - 20),
        planned_end=TODAY() + dt.timedelta(days=20),
    )
    day = selectors.my_day(user=im)
    assert day.permits_expiring == [soon]
    assert later not in day.permits_expiring
    assert day.ends_due == [ending]
    client.force_login(im)
    page = client.get(reverse("casework:my_day")).content.decode()
    assert "Aufenthaltstitel läuft ab" in page and "Ende der Beratung" in page
    colleague = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    assert selectors.my_day(user=colleague).permits_expiring == []  # only the own caseload


# --- Query budget of the daily pages -------------------------------------------------------


def _fill(im, kreis, n: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        record = make_client(
            im,
            kreis,
            last_name=f"Fuell{i}",
            residence_valid_until=TODAY() + dt.timedelta(days=10 + i),
        )
        services.contact_record(
            client=record, occurred_on=TODAY(), kind="phone", duration_minutes=10, actor=im
        )
        services.task_create(title=f"Anruf {i}", due_on=TODAY(), assigned_to=im, actor=im)


#: What every signed-in request costs before and after the page itself: the session read, the
#: user, the grants, and the session save (idle timeout: saved on every request).
FRAME = (
    'SELECT "django_session"',
    'UPDATE "django_session"',
    'SELECT "orgs_user"."id"',
    'SELECT "orgs_membership"',
)
#: The page's one read event (which records it showed): a fixed cost, asserted on its own.
AUDIT = ('SELECT "core_auditchainhead"', 'INSERT INTO "core_audit', 'UPDATE "core_auditchainhead"')


def _page_queries(captured: list[dict[str, str]]) -> tuple[list[str], list[str]]:
    """The page's own queries, and those of its one audit event (with their savepoint)."""
    sql = [q["sql"] for q in captured]
    page, audit = [], []
    for i, q in enumerate(sql):
        neighbours = sql[max(i - 1, 0) : i + 2]
        savepoint = q.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
        if q.startswith(AUDIT) or (savepoint and any(n.startswith(AUDIT) for n in neighbours)):
            audit.append(q)
            continue
        session_save = savepoint and any(
            n.startswith('UPDATE "django_session"') for n in neighbours
        )
        if not session_save and not q.startswith(FRAME):
            page.append(q)
    return page, audit


@pytest.mark.parametrize("role", [Role.INTEGRATION_MANAGER, Role.KREIS_COORDINATOR])
@pytest.mark.parametrize("page", ["casework:my_day", "casework:client_list"])
def test_daily_pages_use_a_fixed_small_number_of_queries(client, im, world, page, role) -> None:  # type: ignore[no-untyped-def]
    user = im if role == Role.INTEGRATION_MANAGER else staff(role, world.kreis_a)
    client.force_login(user)
    client.get(reverse(page))  # session and caches warm
    counts, own = [], []
    for n in (2, 25):
        _fill(im, world.kreis_a, n)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(page)).status_code == 200
        counts.append(len(ctx.captured_queries))
        own.append(_page_queries(ctx.captured_queries))
    assert counts[0] == counts[1], counts  # independent of the data size
    page_sql, audit_sql = own[1]
    assert len(page_sql) <= 8, "\n".join(q[:150] for q in page_sql)
    # one read event naming the records shown (the coordinator's own day shows none of them)
    shows = role == Role.INTEGRATION_MANAGER or page == "casework:client_list"
    events = sum(q.startswith('INSERT INTO "core_auditevent"') for q in audit_sql)
    assert events == (1 if shows else 0), audit_sql
    sql = [c["sql"] for c in ctx.captured_queries]
    frame = [q[:120] for q in sql if q not in page_sql and q not in audit_sql]
    # the frame: session, user, roles (the session is written at most once a minute)
    assert len(frame) == 3, "\n".join(frame)  # nothing else hides in the frame


# --- Retention and erasure reach the new data ----------------------------------------------


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
    services.referral_record(
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
    services.client_close(client=record, ended_on=TODAY() - dt.timedelta(days=40), actor=im)
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


def test_manager_plan_steps_become_tasks_on_my_day_and_close_with_the_step(im, record) -> None:  # type: ignore[no-untyped-def]
    goal = services.goal_add(client=record, field="work", description="Arbeit", actor=im)
    mine = services.step_add(
        goal=goal,
        description="Termin bei der Arbeitsagentur vereinbaren",
        who="manager",
        due_on=TODAY(),
        actor=im,
    )
    services.step_add(
        goal=goal, description="Lebenslauf mitbringen", who="client", due_on=TODAY(), actor=im
    )
    task = Task.objects.get()
    assert task.step == mine and task.assigned_to == im and task.client == record
    assert task.title == "Planschritt: Termin bei der Arbeitsagentur vereinbaren"
    assert selectors.my_day(user=im).tasks_due == [task]
    services.step_set_done(step=mine, done=True, actor=im)
    task.refresh_from_db()
    assert task.done_at is not None
    assert selectors.my_day(user=im).tasks_due == []


def test_statistics_count_only_people_with_consent_and_drop_a_withdrawal_at_once(  # type: ignore[no-untyped-def]
    client, im, world
) -> None:
    syrian = make_client(im, world.kreis_a, country_of_origin="Syrien")
    make_client(im, world.kreis_a, last_name="Ohne", country_of_origin="Nigeria")
    services.contact_record(
        client=syrian, occurred_on=TODAY(), kind="messenger", duration_minutes=10, actor=im
    )
    consent = services.consent_record(
        client=syrian, purpose=Consent.Purpose.STATISTICS, given_on=TODAY(), actor=im
    )
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    stats = selectors.statistics(user=coordinator)
    assert stats.total == 2 and stats.counted is not None and stats.counted.value == 1
    assert [(country, n.value) for country, n in stats.by_country] == [("Syrien", 1)]
    assert [(label, n.value) for label, n in stats.by_channel] == [("Messenger", 1)]
    client.force_login(coordinator)
    page = client.get(reverse("casework:statistics")).content.decode()
    assert "&lt; 5 von 2 Akten" in page and "Nigeria" not in page  # small counts suppressed
    services.consent_withdraw(consent=consent, withdrawn_on=TODAY(), actor=im)
    stats = selectors.statistics(user=coordinator)
    assert stats.counted is not None and stats.counted.value == 0 and stats.by_channel == []
