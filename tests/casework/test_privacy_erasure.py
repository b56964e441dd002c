"""Personal data that must not outlive an erasure: not in the audit trail (reason codes, a note
checked for names), not in the database file (SQLite secure_delete and WAL checkpoint,
PostgreSQL VACUUM), and not back after a restore (the erasure list is re-applied)."""

from __future__ import annotations

import datetime as dt
import io
import json
import secrets
import sqlite3
import string
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from pik.casework import services
from pik.casework.matching import mentions_names
from pik.casework.models import Client, Consent, Contact, ErasureReason
from pik.core.models import AuditEvent
from pik.core.roles import Role
from pik.orgs.models import Kreis
from tests.casework.factories import give_consent, make_client, staff

TODAY = timezone.localdate
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite file and pragma (PostgreSQL: VACUUM test)"
)


def _erase(record, coordinator, **kwargs):  # type: ignore[no-untyped-def]
    values = {"reason": "request", "note": "", "confirm_name": record.last_name}
    values.update(kwargs)
    services.client_erase(client=record, actor=coordinator, **values)


# --- Nothing personal goes into the audit trail ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "names", "found"),
    [
        ("Antrag von Herrn AL-HASSAN", ["Al-Hassan"], True),
        ("Antrag von Herrn Hasan", ["Al-Hassan"], True),  # other spelling
        ("Anruf von Muhammad", ["Mohammed"], True),
        ("Олена hat angerufen", ["Olena"], True),  # Cyrillic spelling
        ("Schreiben von محمد", ["محمد الحسن"], True),  # original script
        ("Gespräch mit josé", ["José"], True),
        ("Gespräch mit Jose", ["José"], True),  # without the accent
        ("Antrag vom 01.10., alle Unterlagen", ["Al-Hassan", "Mohammed"], False),
        ("alles erledigt", ["Al"], False),  # a short part alone is no name
    ],
)
def test_a_note_is_checked_for_names(text: str, names: list[str], found: bool) -> None:
    assert mentions_names(text, names) is found


def test_erasure_refuses_free_text_reasons_and_notes_that_name_the_person(  # type: ignore[no-untyped-def]
    im, world, coordinator
) -> None:
    record = make_client(
        im,
        world.kreis_a,
        first_name="José",
        name_original="محمد الحسن",
        household_name="Haushalt 1",
    )
    member = make_client(
        im, world.kreis_a, first_name="Lina", last_name="Nadim", household=record.household
    )
    before = AuditEvent.objects.count()
    cases = [
        ({"reason": "Antrag vom 1.10. von José Al-Hassan"}, "reason", "Grund der Löschung"),
        ({"note": "Antrag von Frau al-hassan"}, "note", "ohne Namen"),
        ({"note": "Anruf von Jose"}, "note", "ohne Namen"),
        ({"note": "Schreiben von الحسن"}, "note", "ohne Namen"),
        ({"note": "Die Tochter Lina hat angerufen"}, "note", "Haushaltsmitglieds"),
        ({"reason": "other"}, "note", "Sonstiges"),
    ]
    for kwargs, field, message in cases:
        with pytest.raises(ValidationError) as exc:
            _erase(record, coordinator, **kwargs)
        assert message in " ".join(exc.value.message_dict[field]), kwargs
    assert Client.objects.filter(pk=record.pk).exists()
    assert AuditEvent.objects.count() == before
    _erase(record, coordinator, reason="other", note="Zweckbindung entfallen, Antrag 01.10.")
    event = AuditEvent.objects.latest("seq")
    assert event.action == "client.erase"
    assert event.details == {
        "client_id": record.pk,
        "reason": "other",
        "note": "Zweckbindung entfallen, Antrag 01.10.",
    }
    assert Client.objects.filter(pk=member.pk).exists()


def test_erase_page_offers_reasons_and_shows_the_name_refusal(
    client, im, world, coordinator
) -> None:  # type: ignore[no-untyped-def]
    record = make_client(im, world.kreis_a)
    client.force_login(coordinator)
    url = reverse("casework:client_erase", args=[record.pk])
    page = client.get(url).content.decode()
    for label in ErasureReason.labels:
        assert str(label) in page
    response = client.post(
        url,
        {"reason": "request", "note": "Antrag von Mohammed", "confirm_name": record.last_name},
    )
    assert response.status_code == 200
    assert "enthält den Namen der Person" in response.content.decode()
    assert Client.objects.filter(pk=record.pk).exists()
    response = client.post(
        url, {"reason": "request", "note": "Antrag vom 01.10.", "confirm_name": record.last_name}
    )
    assert response.status_code == 302 and not Client.objects.filter(pk=record.pk).exists()


def test_no_audit_event_of_a_client_lifecycle_holds_names_or_texts(  # type: ignore[no-untyped-def]
    im, world, coordinator, django_capture_on_commit_callbacks
) -> None:
    """Every audit.record call in casework: ids, codes and field names, never the data."""
    record = make_client(
        im, world.kreis_a, first_name="Wjatscheslaw", last_name="Quirinius", phone="0711 999"
    )
    secrets_typed = ["Wjatscheslaw", "Quirinius", "0711 999", "Notizgeheim", "Planinhalt"]
    colleague = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    give_consent(record, Consent.Purpose.STATISTICS, im)
    services.contact_record(
        client=record,
        occurred_on=TODAY(),
        kind="phone",
        duration_minutes=5,
        notes="Notizgeheim",
        actor=im,
    )
    services.plan_save(
        client=record,
        data=services.PlanData(interests="Planinhalt"),
        expected_version=0,
        actor=im,
    )
    goal = services.goal_add(client=record, field="work", description="Planinhalt", actor=im)
    services.step_add(goal=goal, description="Planinhalt", actor=im)
    services.task_create(
        title="Notizgeheim", due_on=TODAY(), assigned_to=im, client=record, actor=im
    )
    services.handover_request(client=record, to_user=colleague, note="Notizgeheim", actor=im)
    services.client_update(
        client=record,
        data=services.ClientData(
            first_name="Wjatscheslaw",
            last_name="Quirinius",
            counselling_start=record.counselling_start,
            street="Notizgeheim 1",
        ),
        expected_version=Client.objects.get(pk=record.pk).version,
        actor=im,
    )
    with django_capture_on_commit_callbacks(execute=True):
        _erase(record, coordinator, note="Antrag vom 01.10.")
    for event in AuditEvent.objects.all():
        text = json.dumps(event.details, ensure_ascii=False)
        assert not any(s in text for s in secrets_typed), (event.action, text)


# --- Nothing left in the database file ------------------------------------------------------


@sqlite_only
def test_sqlite_connections_overwrite_deleted_content(db) -> None:  # type: ignore[no-untyped-def]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1
    # Also where the SQLite library is built with secure_delete off (it is a compile option):
    # the connection's init command turns it on.
    raw = sqlite3.connect(":memory:")
    raw.execute("PRAGMA secure_delete=OFF")
    for statement in connection.settings_dict["OPTIONS"]["init_command"].split(";"):
        if statement.strip():
            raw.execute(statement)
    assert raw.execute("PRAGMA secure_delete").fetchone()[0] == 1
    raw.close()


def _database_bytes() -> bytes:
    path = Path(connection.settings_dict["NAME"])
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


@sqlite_only
def test_erased_name_is_not_left_in_the_sqlite_file(committed, transactional_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    kreis = Kreis.objects.get(ags="08115")
    manager = staff(Role.INTEGRATION_MANAGER, kreis)
    coordinator = staff(Role.KREIS_COORDINATOR, kreis)
    last = "Zq" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(12))
    note = "Vertraulich" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(12))
    record = make_client(manager, kreis, last_name=last)
    services.contact_record(
        client=record,
        occurred_on=TODAY(),
        kind="phone",
        duration_minutes=5,
        notes=note,
        actor=manager,
    )
    data = _database_bytes()
    assert last.encode() in data and note.encode() in data  # the check can see them
    with override_settings(ERASURE_LIST=tmp_path / "erasures.jsonl"):
        _erase(record, coordinator, note="Antrag vom 01.10.")
    assert not Contact.objects.exists()
    data = _database_bytes()
    assert last.encode() not in data
    assert note.encode() not in data


# --- PostgreSQL: VACUUM after commit --------------------------------------------------------


def _vacuum_count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = %s", [table])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


@pytest.mark.slow
@pytest.mark.skipif(connection.vendor != "postgresql", reason="VACUUM is PostgreSQL's")
def test_postgresql_vacuums_the_casework_tables_after_an_erasure(
    committed, transactional_db, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    kreis = Kreis.objects.get(ags="08115")
    manager = staff(Role.INTEGRATION_MANAGER, kreis)
    record = make_client(manager, kreis)
    before = {t: _vacuum_count(t) for t in ("casework_client", "casework_contact")}
    with override_settings(ERASURE_LIST=tmp_path / "erasures.jsonl"):
        _erase(record, staff(Role.KREIS_COORDINATOR, kreis))
    after = {t: _vacuum_count(t) for t in before}
    assert all(after[t] > before[t] for t in before), (before, after)


@pytest.mark.slow
@pytest.mark.skipif(connection.vendor != "postgresql", reason="VACUUM is PostgreSQL's")
def test_postgresql_vacuums_after_the_retention_run_overwrote_records(
    committed, transactional_db
) -> None:  # type: ignore[no-untyped-def]
    kreis = Kreis.objects.get(ags="08115")
    manager = staff(Role.INTEGRATION_MANAGER, kreis)
    record = make_client(manager, kreis)
    services.client_close(
        client=record,
        ended_on=TODAY() - dt.timedelta(days=40),
        reason="goals_reached",
        actor=manager,
    )
    before = _vacuum_count("casework_client")
    with override_settings(CASEWORK_RETENTION_DAYS=30):
        assert services.retention_run() == [record.pk]
    assert _vacuum_count("casework_client") > before


# --- Backups: the erasure list and its re-application ---------------------------------------


def test_erasure_list_holds_ids_not_names_and_a_restore_erases_again(  # type: ignore[no-untyped-def]
    im, world, coordinator, tmp_path, django_capture_on_commit_callbacks
) -> None:
    erased = make_client(im, world.kreis_a, last_name="Wiederkehr")
    kept = make_client(im, world.kreis_a, last_name="Bleibt")
    row = {
        f.attname: getattr(erased, f.attname)
        for f in Client._meta.concrete_fields
        if f.attname != "household_id"
    }
    listing = tmp_path / "erasures.jsonl"
    with (
        override_settings(ERASURE_LIST=listing),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _erase(erased, coordinator)
    (line,) = listing.read_text().splitlines()
    entry = json.loads(line)
    assert entry["kind"] == "casework.client" and entry["id"] == row["id"]
    assert "Wiederkehr" not in line and "Mohammed" not in line
    # A backup from before the erasure is restored: the record is back, with its creation time.
    Client.objects.bulk_create([Client(**row)])
    Client.objects.filter(pk=row["id"]).update(created_at=row["created_at"])
    out = io.StringIO()
    call_command("casework_erasures_reapply", "--file", str(listing), stdout=out)
    assert "1 Akte erneut gelöscht" in out.getvalue()
    assert not Client.objects.filter(pk=row["id"]).exists()
    assert Client.objects.filter(pk=kept.pk).exists()
    assert AuditEvent.objects.latest("seq").action == "client.erase_reapplied"


def test_restore_does_not_erase_a_new_record_that_got_an_erased_id(  # type: ignore[no-untyped-def]
    im, world, coordinator, tmp_path, django_capture_on_commit_callbacks
) -> None:
    erased = make_client(im, world.kreis_a)
    row = {f.attname: getattr(erased, f.attname) for f in Client._meta.concrete_fields}
    listing = tmp_path / "erasures.jsonl"
    with (
        override_settings(ERASURE_LIST=listing),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _erase(erased, coordinator)
    # After a restore the id sequence runs again: another person's record gets the same id.
    Client.objects.bulk_create([Client(**{**row, "household_id": None, "last_name": "Neu"})])
    Client.objects.filter(pk=row["id"]).update(created_at=timezone.now() + dt.timedelta(days=1))
    with override_settings(ERASURE_LIST=listing):
        call_command("casework_erasures_reapply", stdout=io.StringIO())
    assert Client.objects.filter(pk=row["id"], last_name="Neu").exists()
