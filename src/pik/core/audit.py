"""The append-only, keyed hash-chained audit trail.

Every service writes one event per change (and casework per read of a client record). Each
event carries the hash of its predecessor and an HMAC-SHA256 over its content under a key held
outside the database (settings.AUDIT_KEYS, from the environment), so whoever can write the
database cannot recompute a changed chain. ``anchor()`` (``pik audit_anchor``) appends the
signed chain head to a file outside the database; ``verify()`` (``pik audit_verify``)
recomputes the chain and checks it against every anchor, so a changed, inserted or deleted
row is found and named, also at the end of the chain (ADR 0005, 0014).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from pik.core.models import AuditChainHead, AuditEvent
from pik.core.scoping import kreis_of

GENESIS = "0" * 64
# Events written before keyed hashing: plain SHA-256, accepted only at the start of the chain.
LEGACY_KEY_ID = ""


class UnknownAuditKey(Exception):
    """An event or anchor names a key id that settings.AUDIT_KEYS does not hold."""


def _normalise(details: dict[str, Any]) -> dict[str, Any]:
    """Details as they will come back from the database (Decimals and dates become strings)."""
    normalised: dict[str, Any] = json.loads(json.dumps(details, cls=DjangoJSONEncoder))
    return normalised


def _canonical(values: list[Any]) -> bytes:
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _key(key_id: str) -> bytes:
    try:
        return str(settings.AUDIT_KEYS[key_id]).encode()
    except KeyError:
        raise UnknownAuditKey(key_id) from None


def compute_hash(event: AuditEvent) -> str:
    """The event's hash: HMAC-SHA256 under its key id, or SHA-256 for a legacy event."""
    fields = [
        event.prev_hash,
        event.seq,
        event.created_at.astimezone(UTC).isoformat(),
        event.actor_id,
        event.action,
        event.target_type,
        event.target_id,
        event.kreis_id,
        event.details,
    ]
    if event.key_id == LEGACY_KEY_ID:
        return hashlib.sha256(_canonical(fields)).hexdigest()
    material = _canonical([*fields, event.key_id])
    return hmac.new(_key(event.key_id), material, hashlib.sha256).hexdigest()


def target_ref(target: models.Model | None) -> tuple[str, str]:
    if target is None:
        return "", ""
    return target._meta.label_lower, str(target.pk)


# --- The registry of actions: each app lists its own, with a German label ---------------------

_ACTIONS: dict[str, Any] = {}


def register_actions(actions: Mapping[str, Any]) -> None:
    """Add an app's actions (``<app>/actions.py``, registered in its AppConfig.ready)."""
    for action, label in actions.items():
        if action in _ACTIONS and str(_ACTIONS[action]) != str(label):
            raise ValueError(f"Protokollaktion {action!r} ist doppelt registriert.")
        _ACTIONS[action] = label


def action_label(action: str) -> str:
    """The label every access log and history shows for an action (the code if unknown)."""
    label = _ACTIONS.get(action)
    return str(label) if label is not None else action


def registered_actions() -> dict[str, str]:
    return {action: str(label) for action, label in _ACTIONS.items()}


def record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    kreis_id: int | None = None,
    **details: Any,
) -> AuditEvent:
    """Append one event. Runs inside the caller's transaction: rolled back with it.

    The Kreis is taken from the target's scope unless given (a move to another Kreis names it);
    the action must be registered, so every access log can label it.
    """
    if action not in _ACTIONS:
        raise ValueError(f"Unbekannte Protokollaktion {action!r}: in <app>/actions.py eintragen.")
    if kreis_id is None and target is not None:
        kreis_id = kreis_of(target)
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
            key_id=settings.AUDIT_KEY_ID,
        )
        event.hash = compute_hash(event)
        event.save(force_insert=True)
        head.last_seq, head.last_hash = event.seq, event.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return event


# --- Anchors: the signed chain head, kept outside the database --------------------------------


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str
    at: str
    key_id: str
    mac: str

    def line(self) -> str:
        fields = ("seq", "hash", "at", "key_id", "mac")
        return json.dumps({name: getattr(self, name) for name in fields})


class InvalidAnchor(Exception):
    """A line of the anchor file that is not a well-formed anchor signed with a known key."""


def _anchor_mac(*, seq: int, hash: str, at: str, key_id: str) -> str:
    return hmac.new(_key(key_id), _canonical([seq, hash, at, key_id]), hashlib.sha256).hexdigest()


def anchor_file() -> Path:
    return Path(settings.AUDIT_ANCHOR_FILE)


def anchor(*, path: Path | None = None) -> Anchor:
    """Append the signed head of the chain (its last event) as one line to the anchor file.

    Refuses a last event whose hash does not recompute: a forged head is not worth signing.
    The line is written and synced before returning, so a shipped copy is complete.
    """
    path = path or anchor_file()
    last = AuditEvent.objects.order_by("-seq").first()
    if last is not None and compute_hash(last) != last.hash:
        raise ValueError(f"Eintrag #{last.seq} passt nicht zu seinem Hash: kein Anker gesetzt.")
    seq, head_hash = (last.seq, last.hash) if last is not None else (0, GENESIS)
    at, key_id = timezone.now().astimezone(UTC).isoformat(), settings.AUDIT_KEY_ID
    signed = Anchor(
        seq=seq,
        hash=head_hash,
        at=at,
        key_id=key_id,
        mac=_anchor_mac(seq=seq, hash=head_hash, at=at, key_id=key_id),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(signed.line() + "\n")
        out.flush()
        os.fsync(out.fileno())
    return signed


def _parse_anchor(line: str) -> Anchor:
    try:
        data = json.loads(line)
        parsed = Anchor(
            seq=int(data["seq"]),
            hash=str(data["hash"]),
            at=str(data["at"]),
            key_id=str(data["key_id"]),
            mac=str(data["mac"]),
        )
        expected = _anchor_mac(seq=parsed.seq, hash=parsed.hash, at=parsed.at, key_id=parsed.key_id)
    except UnknownAuditKey as exc:
        raise InvalidAnchor(f"unbekannter Schlüssel „{exc.args[0]}“") from None
    except (ValueError, KeyError, TypeError):
        raise InvalidAnchor("kein gültiger Anker") from None
    if not hmac.compare_digest(expected, parsed.mac):
        raise InvalidAnchor("Signatur passt nicht (verändert?)")
    return parsed


def read_anchors(path: Path) -> dict[int, Anchor]:
    """The anchors of ``path`` by seq; raises InvalidAnchor naming the first bad line."""
    anchors: dict[int, Anchor] = {}
    if not path.exists():
        return anchors
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                parsed = _parse_anchor(line)
            except InvalidAnchor as exc:
                raise InvalidAnchor(f"Anker in Zeile {number} von {path}: {exc}") from None
            earlier = anchors.get(parsed.seq)
            if earlier is not None and earlier.hash != parsed.hash:
                raise InvalidAnchor(
                    f"Anker in Zeile {number} von {path} widerspricht einem früheren Anker "
                    f"für #{parsed.seq}."
                )
            anchors.setdefault(parsed.seq, parsed)
    return anchors


# --- Verification ------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""
    anchors: int = 0  # anchors checked against the chain
    anchor_file_found: bool = False


def _events() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)


def _misfit(
    event: AuditEvent,
    *,
    expected_seq: int,
    prev_hash: str,
    keyed_seen: bool,
    anchored: Anchor | None,
) -> tuple[int, str] | None:
    """Why ``event`` does not fit the chain at this point (seq and reason), or None."""
    if event.seq != expected_seq:
        return expected_seq, f"Eintrag #{expected_seq} fehlt (gelöscht?)."
    reason = ""
    if event.prev_hash != prev_hash:
        reason = "Verweis auf den Vorgänger passt nicht."
    elif event.key_id == LEGACY_KEY_ID and keyed_seen:
        reason = "Ungeschützter Eintrag nach geschützten (umgeschrieben?)."
    elif event.key_id == LEGACY_KEY_ID and event.seq > settings.AUDIT_LEGACY_MAX_SEQ:
        # Without this bound, whoever can write the table could rewrite the whole chain as
        # "legacy" SHA-256 events, which need no key.
        reason = (
            "Ungeschützter Eintrag nach #"
            f"{settings.AUDIT_LEGACY_MAX_SEQ}: nur die Einträge von vor der Umstellung dürfen "
            "ohne Schlüssel sein (PIK_AUDIT_LEGACY_MAX_SEQ)."
        )
    elif content := _content_misfit(event):
        reason = content
    elif anchored is not None and anchored.hash != event.hash:
        reason = f"Passt nicht zum Anker vom {anchored.at} (Kette umgeschrieben)."
    return (event.seq, reason) if reason else None


def _content_misfit(event: AuditEvent) -> str:
    try:
        if not hmac.compare_digest(compute_hash(event), event.hash):
            return "Inhalt wurde verändert."
    except UnknownAuditKey:
        return f"Schlüssel „{event.key_id}“ ist nicht konfiguriert."
    return ""


def verify(*, anchor_path: Path | None = None) -> VerifyResult:
    """Walk the chain from the start; report the first event that does not fit.

    Checks each event's link and keyed hash, that unkeyed (legacy) events only open the chain,
    that the chain head row agrees, and that every anchor in the anchor file still matches: an
    anchored event that changed, or a chain that now ends before the last anchor, is broken.
    """
    path = anchor_path or anchor_file()
    try:
        anchors = read_anchors(path)
    except InvalidAnchor as exc:
        return VerifyResult(False, 0, None, str(exc), anchor_file_found=True)
    found = path.exists()
    prev_hash, expected_seq, checked, keyed_seen = GENESIS, 1, 0, False
    misfit: tuple[int, str] | None = None
    for event in _events():
        misfit = _misfit(
            event,
            expected_seq=expected_seq,
            prev_hash=prev_hash,
            keyed_seen=keyed_seen,
            anchored=anchors.get(event.seq),
        )
        if misfit is not None:
            break
        keyed_seen = keyed_seen or event.key_id != LEGACY_KEY_ID
        prev_hash, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    last_anchor = max(anchors.values(), key=lambda a: a.seq, default=None)
    head = AuditChainHead.objects.filter(pk=1).first()
    if misfit is None and last_anchor is not None and last_anchor.seq > checked:
        misfit = (
            checked + 1,
            f"Die Kette endet bei #{checked}, der Anker vom {last_anchor.at} bestätigt "
            f"#{last_anchor.seq} (Einträge gelöscht).",
        )
    if (
        misfit is None
        and head is not None
        and (head.last_seq, head.last_hash) != (checked, prev_hash)
    ):
        misfit = (
            checked + 1,
            f"Die Kette endet bei #{checked}, erwartet bis #{head.last_seq} (Einträge gelöscht).",
        )
    if misfit is not None:
        return VerifyResult(False, checked, misfit[0], misfit[1], anchor_file_found=found)
    return VerifyResult(True, checked, anchors=len(anchors), anchor_file_found=found)


def events_for(target: models.Model) -> models.QuerySet[AuditEvent]:
    target_type, target_id = target_ref(target)
    return AuditEvent.objects.filter(target_type=target_type, target_id=target_id).select_related(
        "actor"
    )
