"""The append-only, hash-chained audit trail.

Every service writes one event per change (and casework per read of a client record). Each
event carries the hash of its predecessor; ``verify()`` recomputes the chain, so a changed,
inserted or deleted row is found and named (``pik audit_verify``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from pik.core.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64


def _normalise(details: dict[str, Any]) -> dict[str, Any]:
    """Details as they will come back from the database (Decimals and dates become strings)."""
    normalised: dict[str, Any] = json.loads(json.dumps(details, cls=DjangoJSONEncoder))
    return normalised


def compute_hash(event: AuditEvent) -> str:
    material = json.dumps(
        [
            event.prev_hash,
            event.seq,
            event.created_at.astimezone(UTC).isoformat(),
            event.actor_id,
            event.action,
            event.target_type,
            event.target_id,
            event.kreis_id,
            event.details,
        ],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(material.encode()).hexdigest()


def target_ref(target: models.Model | None) -> tuple[str, str]:
    if target is None:
        return "", ""
    return target._meta.label_lower, str(target.pk)


def record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    kreis_id: int | None = None,
    **details: Any,
) -> AuditEvent:
    """Append one event. Runs inside the caller's transaction: rolled back with it."""
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        target_type, target_id = target_ref(target)
        actor_id = actor.pk if actor is not None and getattr(actor, "pk", None) else None
        event = AuditEvent(
            seq=head.last_seq + 1,
            created_at=timezone.now(),
            actor_id=actor_id,
            action=action,
            target_type=target_type,
            target_id=target_id,
            kreis_id=kreis_id,
            details=_normalise(details),
            prev_hash=head.last_hash,
        )
        event.hash = compute_hash(event)
        event.save(force_insert=True)
        head.last_seq, head.last_hash = event.seq, event.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return event


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def _events() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)


def verify() -> VerifyResult:
    """Walk the chain from the start; report the first event that does not fit."""
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    for event in _events():
        if event.seq != expected_seq:
            return VerifyResult(
                False, checked, expected_seq, f"Eintrag #{expected_seq} fehlt (gelöscht?)."
            )
        if event.prev_hash != prev_hash:
            return VerifyResult(False, checked, event.seq, "Verweis auf den Vorgänger passt nicht.")
        if compute_hash(event) != event.hash:
            return VerifyResult(False, checked, event.seq, "Inhalt wurde verändert.")
        prev_hash, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_seq != checked or head.last_hash != prev_hash):
        return VerifyResult(
            False,
            checked,
            checked + 1,
            f"Die Kette endet bei #{checked}, erwartet bis #{head.last_seq} (Einträge gelöscht).",
        )
    return VerifyResult(True, checked)


def events_for(target: models.Model) -> models.QuerySet[AuditEvent]:
    target_type, target_id = target_ref(target)
    return AuditEvent.objects.filter(target_type=target_type, target_id=target_id).select_related(
        "actor"
    )
