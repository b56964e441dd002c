"""The Kreis's directory of network partners: every write (save, take in a suggestion, import).

Kept apart from the referral services so each stays short; the same rules as every service:
keyword-only, the rule checked first, atomic, one audit event, German messages that name the
field, nothing half-saved. An import checks every row first and saves nothing while one is bad.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction

from pik.casework.models import PlanField
from pik.casework.rules import require
from pik.core import audit
from pik.core.locking import check_version
from pik.core.tables import Source, read_rows
from pik.core.uploads import UploadError
from pik.core.validation import clean_text
from pik.network import rules
from pik.network.models import Actor
from pik.orgs.selectors import kreis_gemeinden

if TYPE_CHECKING:
    from pik.orgs.models import Kreis, User

TEXTS = {  # field: (label, max length, required)
    "name": ("Der Name", 200, True),
    "address": ("Die Anschrift", 200, False),
    "contact_persons": ("Die Ansprechpersonen", 2000, False),
    "phone": ("Die Telefonnummer", 50, False),
    "languages": ("Die Sprachen", 200, False),
    "opening_hours": ("Die Öffnungszeiten", 1000, False),
}
#: Columns of the import and export file, in this order.
COLUMNS = (
    "name",
    "kind",
    "gemeinde",
    "address",
    "contact_persons",
    "phone",
    "email",
    "website",
    "languages",
    "opening_hours",
    "topics",
)


def _gemeinden(kreis: Kreis) -> dict[str, Any]:
    """The Kreis's Gemeinden by AGS and by name (lower case), for forms and imports alike."""
    found: dict[str, Any] = {}
    for gemeinde in kreis_gemeinden(kreis=kreis):
        found[gemeinde.ags] = gemeinde
        found[gemeinde.name.casefold()] = gemeinde
    return found


def _topics(value: Any) -> tuple[list[str], str | None]:
    labels = {str(label).casefold(): key for key, label in PlanField.choices}
    items = value if isinstance(value, list | tuple) else str(value or "").split(",")
    topics = []
    for item in (str(i).strip() for i in items):
        if not item:
            continue
        key = item if item in PlanField.values else labels.get(item.casefold())
        if key is None:
            return [], f"Das Handlungsfeld „{item}“ gibt es nicht."
        topics.append(key)
    return sorted(set(topics)), None


def _clean(kreis: Kreis, data: Mapping[str, Any], gemeinden: dict[str, Any]) -> dict[str, Any]:
    """Every field checked; all problems at once as a ``ValidationError`` keyed by field."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, (label, length, required) in TEXTS.items():
        values[name], problem = clean_text(
            data.get(name), label=label, max_length=length, required=required
        )
        if problem:
            errors[name] = problem
    kind = str(data.get("kind") or "").strip()
    by_label = {str(label).casefold(): key for key, label in Actor.Kind.choices}
    values["kind"] = kind if kind in Actor.Kind.values else by_label.get(kind.casefold(), "")
    if not values["kind"]:
        errors["kind"] = "Bitte wählen Sie die Art des Netzwerkpartners."
    place = data.get("gemeinde")
    key = getattr(place, "ags", None) or str(place or "").strip()
    values["gemeinde"] = gemeinden.get(key) or gemeinden.get(key.casefold())
    if not key:
        errors["gemeinde"] = "Bitte geben Sie die Gemeinde des Netzwerkpartners an."
    elif values["gemeinde"] is None:
        errors["gemeinde"] = f"Die Gemeinde „{key}“ liegt nicht im {kreis}."
    for name, validator, message in (
        ("email", EmailValidator(), "Bitte geben Sie eine gültige E-Mail-Adresse an."),
        (
            "website",
            URLValidator(schemes=["http", "https"]),
            "Bitte geben Sie eine Webadresse mit https:// an.",
        ),
    ):
        values[name] = str(data.get(name) or "").strip()
        if values[name]:
            try:
                validator(values[name])
            except ValidationError:
                errors[name] = message
    values["topics"], problem = _topics(data.get("topics"))
    if problem:
        errors["topics"] = problem
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def actor_save(
    *,
    kreis: Kreis,
    data: Mapping[str, Any],
    actor: User,
    partner: Actor | None = None,
    expected_version: int | None = None,
) -> Actor:
    """A new partner (the coordinator's goes into the directory, anyone else's is a suggestion)
    or a change to one (the coordinator's)."""
    if partner is None:
        require(
            rules.may_suggest_actor(actor, kreis.pk),
            "Netzwerkpartner schlagen nur die Fallarbeit und die Koordination des Kreises vor.",
        )
    else:
        require(
            partner.kreis_id == kreis.pk and rules.may_maintain_directory(actor, kreis.pk),
            "Nur die Koordination des Kreises pflegt das Verzeichnis der Netzwerkpartner.",
        )
    values = _clean(kreis, data, _gemeinden(kreis))
    duplicate = Actor.objects.filter(
        kreis=kreis, gemeinde=values["gemeinde"], name__iexact=values["name"]
    )
    if partner is not None:
        duplicate = duplicate.exclude(pk=partner.pk)
    if duplicate.exists():
        raise ValidationError(
            {"name": f"„{values['name']}“ in {values['gemeinde']} steht schon im Verzeichnis."}
        )
    if partner is None:
        coordinator = rules.may_maintain_directory(actor, kreis.pk)
        partner = Actor(
            kreis=kreis,
            status=Actor.Status.ACTIVE if coordinator else Actor.Status.SUGGESTED,
            suggested_by=None if coordinator else actor,
        )
        action = "actor.create"
    else:
        partner = Actor.objects.select_for_update().get(pk=partner.pk)
        check_version(
            partner,
            expected_version,
            message="Jemand anderes hat diesen Netzwerkpartner inzwischen geändert. Ihre Eingaben "
            "stehen noch im Formular; bitte prüfen Sie den neuen Stand und speichern Sie erneut.",
        )
        partner.version += 1
        action = "actor.update"
    for name, value in values.items():
        setattr(partner, name, value)
    partner.save()
    audit.record(actor=actor, action=action, target=partner, status=partner.status)
    return partner


@transaction.atomic
def actor_accept(*, partner: Actor, actor: User) -> Actor:
    """The coordinator takes a suggested partner into the directory."""
    require(
        rules.may_maintain_directory(actor, partner.kreis_id),
        "Nur die Koordination des Kreises nimmt Vorschläge ins Verzeichnis auf.",
    )
    partner = Actor.objects.select_for_update().get(pk=partner.pk)
    if partner.status != Actor.Status.SUGGESTED:
        raise ValidationError("Dieser Netzwerkpartner steht schon im Verzeichnis.")
    partner.status, partner.version = Actor.Status.ACTIVE, partner.version + 1
    partner.save(update_fields=["status", "version", "updated_at"])
    audit.record(actor=actor, action="actor.accept", target=partner)
    return partner


@transaction.atomic
def actors_import(*, kreis: Kreis, source: Source, name: str, actor: User) -> int:
    """Partners from a CSV or XLSX file (columns as ``COLUMNS``, the first row names them): new
    names are added, known ones (same Gemeinde and name) updated. Every row is checked first;
    one bad row and nothing is saved, with a report naming each bad row and field."""
    require(
        rules.may_maintain_directory(actor, kreis.pk),
        "Nur die Koordination des Kreises pflegt das Verzeichnis der Netzwerkpartner.",
    )
    gemeinden = _gemeinden(kreis)
    try:
        rows = list(read_rows(source, name=name))
    except UploadError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    if not rows:
        raise ValidationError({"file": "Die Datei ist leer."})
    _line, header = rows[0]
    missing = [c for c in ("name", "kind", "gemeinde") if c not in header]
    if missing:
        raise ValidationError(
            {"file": "Es fehlen die Spalten: " + ", ".join(missing) + " (erste Zeile)."}
        )
    report, cleaned = [], []
    for line, cells in rows[1:]:
        if not any(c.strip() for c in cells):
            continue
        try:
            cleaned.append(_clean(kreis, dict(zip(header, cells, strict=False)), gemeinden))
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                report.append(f"Zeile {line}, {field}: {' '.join(messages)}")
    if report:
        raise ValidationError({"file": ["Nichts übernommen. Bitte korrigieren Sie:", *report]})
    for values in cleaned:
        partner, created = Actor.objects.get_or_create(
            kreis=kreis,
            gemeinde=values["gemeinde"],
            name=values["name"],
            defaults={**values, "status": Actor.Status.ACTIVE},
        )
        if not created:
            for field, value in values.items():
                setattr(partner, field, value)
            partner.version += 1
            partner.save()
    audit.record(actor=actor, action="actor.import", target=kreis, rows=len(cleaned))
    return len(cleaned)
