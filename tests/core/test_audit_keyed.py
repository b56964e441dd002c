"""Whoever can write the database cannot rewrite the audit chain unnoticed (ADR 0014).

The attacker here owns the table: they switch the append-only trigger off, change rows,
recompute hashes with the published algorithm and move the chain head. They do not hold the
key from the environment, nor the anchor file kept outside the database.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import override_settings

from pik.core import audit
from pik.core.models import AuditChainHead, AuditEvent
from tests.core.tamper import as_table_owner
from tests.production import pik, production_env


@pytest.fixture
def anchors(settings: Any, tmp_path: Path) -> Path:
    path = tmp_path / "audit-anchors.log"
    settings.AUDIT_ANCHOR_FILE = path
    return path


@pytest.fixture
def chain(db: None, anchors: Path) -> list[AuditEvent]:
    with as_table_owner():  # test setup only: a chain of five from #1
        AuditEvent.objects.all().delete()
    AuditChainHead.objects.all().delete()
    return [audit.record(actor=None, action="test.event", n=i, amount="12.50") for i in range(5)]


def sha256_of(row: dict[str, Any]) -> str:
    """The chain hash as an attacker recomputes it: plain SHA-256 over the event's fields."""
    material = json.dumps(
        [
            row["prev_hash"],
            row["seq"],
            row["created_at"].astimezone(UTC).isoformat(),
            row["actor_id"],
            row["action"],
            row["target_type"],
            row["target_id"],
            row["kreis_id"],
            row["details"],
        ],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(material.encode()).hexdigest()


def rewrite_from(seq: int, *, legacy: bool = False, **changes: Any) -> None:
    """Change event ``seq``, recompute it and every later hash with SHA-256, move the head."""
    fields = [
        "seq",
        "prev_hash",
        "created_at",
        "actor_id",
        "action",
        "target_type",
        "target_id",
        "kreis_id",
        "details",
    ]
    rows = list(AuditEvent.objects.order_by("seq").values(*fields))
    prev_hash = audit.GENESIS
    with as_table_owner():
        for row in rows:
            if row["seq"] >= seq:
                if row["seq"] == seq:
                    row.update(changes)
                row["prev_hash"] = prev_hash
                new = {k: row[k] for k in ("prev_hash", "action", "details")}
                if legacy:
                    new["key_id"] = ""
                new["hash"] = sha256_of(row)
                AuditEvent.objects.filter(seq=row["seq"]).update(**new)
                prev_hash = new["hash"]
            else:
                prev_hash = AuditEvent.objects.get(seq=row["seq"]).hash
    AuditChainHead.objects.filter(pk=1).update(last_seq=rows[-1]["seq"], last_hash=prev_hash)


def test_rewritten_event_with_recomputed_sha256_chain_is_found(chain: list[AuditEvent]) -> None:
    rewrite_from(3, details={"n": 99, "amount": "99999.00"})
    result = audit.verify()
    assert not result.ok and result.broken_seq == 3
    with pytest.raises(CommandError, match="#3"):
        call_command("audit_verify")


def test_rewrite_posing_as_legacy_unkeyed_events_is_found(chain: list[AuditEvent]) -> None:
    rewrite_from(3, legacy=True, details={"n": 99, "amount": "99999.00"})
    result = audit.verify()
    assert not result.ok and result.broken_seq == 3
    assert "Ungeschützter Eintrag" in result.reason


def test_whole_chain_rewritten_as_legacy_is_found_without_an_anchor(
    chain: list[AuditEvent],
) -> None:
    """No anchor file yet: unkeyed events past the configured legacy part are still refused."""
    rewrite_from(1, legacy=True, action="forged")
    result = audit.verify()
    assert not result.ok and result.broken_seq == 1
    assert "PIK_AUDIT_LEGACY_MAX_SEQ" in result.reason


@override_settings(AUDIT_LEGACY_MAX_SEQ=5)  # even where all five may be legacy, the anchor holds
def test_whole_chain_rewritten_as_legacy_is_found_by_the_anchor(chain: list[AuditEvent]) -> None:
    call_command("audit_anchor")
    rewrite_from(1, legacy=True, action="forged")
    result = audit.verify()
    assert not result.ok and result.broken_seq == 5
    assert "Anker" in result.reason


def test_deleted_tail_with_moved_head_is_found_by_the_anchor(
    chain: list[AuditEvent], anchors: Path
) -> None:
    call_command("audit_anchor")
    with as_table_owner(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE seq > 3")
    AuditChainHead.objects.filter(pk=1).update(last_seq=3, last_hash=chain[2].hash)
    result = audit.verify()
    assert not result.ok and result.broken_seq == 4
    assert "Anker" in result.reason
    with pytest.raises(CommandError, match="#4"):
        call_command("audit_verify")


def test_anchor_line_is_signed_and_checked(chain: list[AuditEvent], anchors: Path) -> None:
    call_command("audit_anchor")
    line = json.loads(anchors.read_text().splitlines()[-1])
    assert (line["seq"], line["hash"]) == (5, chain[-1].hash)
    assert audit.verify().anchors == 1
    audit.record(actor=None, action="test.later")  # the chain may grow past an anchor
    assert audit.verify().ok
    forged = {**line, "seq": 6, "hash": "f" * 64}  # a forged anchor cannot carry a valid MAC
    with anchors.open("a") as out:
        out.write(json.dumps(forged) + "\n")
    result = audit.verify()
    assert not result.ok and "Zeile 2" in result.reason and "Signatur" in result.reason


def test_missing_anchor_file_is_reported(chain: list[AuditEvent], capsys: Any) -> None:
    call_command("audit_verify")
    assert "Keine Anker-Datei" in capsys.readouterr().err


def test_events_verify_after_a_key_rotation(chain: list[AuditEvent], settings: Any) -> None:
    call_command("audit_anchor")
    old_id, old_key = settings.AUDIT_KEY_ID, settings.AUDIT_KEYS[settings.AUDIT_KEY_ID]
    settings.AUDIT_KEY_ID = "2"
    settings.AUDIT_KEYS = {"2": "a-new-key-of-at-least-32-characters!", old_id: old_key}
    event = audit.record(actor=None, action="test.rotated")
    assert event.key_id == "2"
    result = audit.verify()
    assert result.ok and result.checked == 6 and result.anchors == 1
    settings.AUDIT_KEYS = {"2": "a-new-key-of-at-least-32-characters!"}  # old key lost
    result = audit.verify()
    assert not result.ok and "Schlüssel" in result.reason


@override_settings(AUDIT_LEGACY_MAX_SEQ=2)
def test_legacy_unkeyed_events_open_the_chain_and_still_verify(db: None, anchors: Path) -> None:
    """Events from before keyed hashing (key_id "") keep their SHA-256 and verify (migration)."""
    with as_table_owner():
        AuditEvent.objects.all().delete()
    AuditChainHead.objects.all().delete()
    for _ in range(2):
        audit.record(actor=None, action="test.legacy")
    rewrite_from(1, legacy=True)  # as the events stood before the key_id column existed
    keyed = audit.record(actor=None, action="test.keyed")
    assert keyed.key_id == "dev" and keyed.prev_hash == AuditEvent.objects.get(seq=2).hash
    assert audit.verify().ok
    # Rewriting the legacy part with SHA-256 cannot reach past the first keyed event, whose
    # prev_hash is sealed by its HMAC.
    with as_table_owner():
        first = AuditEvent.objects.get(seq=1)
        first.action = "forged"
        row = {f.attname: getattr(first, f.attname) for f in AuditEvent._meta.concrete_fields}
        forged_1 = sha256_of(row)
        second = AuditEvent.objects.get(seq=2)
        second.prev_hash = forged_1
        row = {f.attname: getattr(second, f.attname) for f in AuditEvent._meta.concrete_fields}
        AuditEvent.objects.filter(seq=1).update(action="forged", hash=forged_1)
        AuditEvent.objects.filter(seq=2).update(prev_hash=forged_1, hash=sha256_of(row))
    assert audit.verify().broken_seq == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_update_and_delete_of_audit_events(chain: list[AuditEvent]) -> None:
    for statement in (
        "UPDATE core_auditevent SET action = 'forged' WHERE seq = 2",
        "DELETE FROM core_auditevent WHERE seq = 5",
    ):
        with (
            pytest.raises(DatabaseError, match="unveränderlich"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    with pytest.raises(DatabaseError, match="unveränderlich"), transaction.atomic():
        AuditEvent.objects.filter(seq=1).update(action="forged")
    assert audit.verify().ok


def test_production_refuses_a_missing_or_short_audit_key(tmp_path: Path) -> None:
    for key in (None, "too-short"):
        run = pik("check", env=production_env(tmp_path, PIK_AUDIT_KEY=key))
        assert run.returncode != 0
        assert "PIK_AUDIT_KEY" in run.stderr
