"""Writes to the client record itself: create, personal data, health notes, close, assign, share.

Bad input raises ``ValidationError`` with German messages and changes nothing. Audit events
carry ids and field names, never the personal data themselves.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from pik.casework import languages, rules
from pik.casework.client_fields import (
    COUNSELLING_LIMIT,
    MINIMAL,
    TEXT_KINDS,
    TYPED,
    ClientData,
    Kind,
)
from pik.casework.matching import match_form, name_key
from pik.casework.models import Client, Consent, Household
from pik.casework.selectors.consent import active_consent
from pik.casework.services._common import (
    _cancel_pending_handovers,
    _ensure_consent,
    _ensure_workable,
    _lock,
)
from pik.casework.workflow import CLIENT
from pik.core import audit
from pik.core.locking import check_version
from pik.core.validation import clean_text, not_future, raise_if

if TYPE_CHECKING:
    from pik.orgs.models import Kreis, User

NO_ACCESS = "Sie haben keinen Zugriff auf diese Akte."


def _check_version(client: Client, expected_version: int) -> None:
    """The kernel's optimistic lock; the message names who saved in between (looked up only
    when the versions differ)."""
    if client.version == expected_version:
        return
    last = (
        audit.events_for(client)
        .filter(action__in=["client.update", "client.health_update"])
        .order_by("-seq")
        .first()
    )
    who = f" von {last.actor}" if last is not None and last.actor else ""
    check_version(
        client,
        expected_version,
        message=(
            f"Die Akte wurde inzwischen{who} geändert (jetzt Bearbeitungsstand "
            f"{client.version}, Sie hatten Stand {expected_version} geladen). Ihre Änderungen "
            "wurden nicht gespeichert. Bitte laden Sie die Akte neu und tragen Sie sie erneut ein."
        ),
    )


# --- The personal fields (declared once in client_fields) -------------------------------------


def _ensure_minimal(values: dict[str, Any], *, has_consent: bool) -> None:
    """Without consent to counselling only a minimal record (name, birth, Gemeinde) is kept."""
    if has_consent:
        return
    extra = sorted(k for k, v in values.items() if k not in MINIMAL and v not in ("", None))
    if extra:
        raise ValidationError(
            {
                key: "Ohne Einwilligung zur Beratung darf nur eine Minimalakte (Name, Geburt, "
                "Gemeinde, Beratungsbeginn) gespeichert werden. Bitte erst die Einwilligung "
                "erfassen."
                for key in extra
            }
        )


def _check_fields(data: ClientData, kreis_id: int, errors: dict[str, str]) -> dict[str, Any]:
    """Each field by its declaration: text (length, characters, a letter in a name, an e-mail
    address), choices, a Gemeinde or household of the record's Kreis, no date in the future."""
    values: dict[str, Any] = {}
    for spec in TYPED:
        value = getattr(data, spec.name)
        if spec.kind in TEXT_KINDS:
            values[spec.name], problem = clean_text(
                value, label=spec.subject, max_length=spec.max_length, required=spec.required
            )
            if problem:
                errors[spec.name] = problem
        else:
            values[spec.name] = value
    for spec in TYPED:
        value, ok = values[spec.name], spec.name not in errors
        if spec.kind == Kind.NAME and ok and value and not name_key(value):
            errors[spec.name] = "Der Name muss mindestens einen Buchstaben enthalten."
        elif spec.kind == Kind.EMAIL and ok and value:
            try:
                validate_email(value)
            except ValidationError:
                errors[spec.name] = "Bitte geben Sie eine gültige E-Mail-Adresse an."
    for spec in TYPED:
        value = values[spec.name]
        if spec.kind == Kind.CHOICE and (value or spec.required):
            if value not in {code for code, _label in spec.choices}:
                errors[spec.name] = spec.invalid
        elif spec.kind == Kind.RELATION and value is not None and value.kreis_id != kreis_id:
            errors[spec.name] = spec.invalid
    return values


def _check_birth(data: ClientData, errors: dict[str, str]) -> int | None:
    """Date and year of birth fit each other and are plausible; returns the year of birth."""
    birth_date, birth_year = data.birth_date, data.birth_year
    this_year = timezone.localdate().year
    if birth_date is not None:
        if birth_date.year < 1900:
            errors["birth_date"] = "Das Geburtsdatum ist nicht plausibel."
        if birth_year is not None and birth_year != birth_date.year:
            errors["birth_year"] = "Geburtsjahr und Geburtsdatum passen nicht zusammen."
        birth_year = birth_date.year
    if birth_year is not None and not 1900 <= birth_year <= this_year:
        errors["birth_year"] = f"Das Geburtsjahr muss zwischen 1900 und {this_year} liegen."
    if birth_date is not None and data.counselling_start < birth_date:
        errors["counselling_start"] = "Der Beratungsbeginn liegt vor dem Geburtsdatum."
    return birth_year


def _check_counselling_limit(data: ClientData, reason: str, errors: dict[str, str]) -> None:
    """The planned end lies within the counselling limit; past the plain limit with a reason."""
    start, planned_end, limit = data.counselling_start, data.planned_end, COUNSELLING_LIMIT
    if planned_end is None:
        return
    if planned_end < start:
        errors["planned_end"] = "Das geplante Ende liegt vor dem Beginn der Beratung."
    elif planned_end > limit.end(start, justified=True):
        errors["planned_end"] = (
            f"Die Beratung dauert höchstens {limit.justified_years} Jahre (mit Begründung); "
            "bitte ein früheres Ende eintragen."
        )
    elif planned_end > limit.end(start, justified=False) and not reason:
        errors["extension_reason"] = (
            f"Eine Beratung über {limit.years} Jahre hinaus braucht eine Begründung."
        )


def _clean_client(data: ClientData, kreis_id: int) -> dict[str, Any]:
    """The checked values of the record's own fields (with the derived name keys), or every
    problem at once."""
    errors: dict[str, str] = {}
    values = _check_fields(data, kreis_id, errors)
    for spec in TYPED:
        if spec.not_future:
            not_future(values[spec.name], spec.subject, errors, spec.name)
    birth_year = _check_birth(data, errors)
    _check_counselling_limit(data, values["extension_reason"], errors)
    raise_if(errors)
    values["birth_year"] = birth_year
    for spec in TYPED:
        if spec.kind == Kind.NAME:
            values[f"{spec.name}_key"] = name_key(values[spec.name])
            values[f"{spec.name}_match"] = match_form(values[spec.name])
    return values


def _has_participation_consent(client: Client) -> bool:
    return active_consent(client=client, purpose=Consent.Purpose.PARTICIPATION) is not None


# --- Services -----------------------------------------------------------------------------------


@transaction.atomic
def client_create(
    *,
    kreis: Kreis,
    data: ClientData,
    consent_given_on: dt.date | None,
    consent_language: str = languages.GERMAN,
    responsible: User | None = None,
    household_name: str = "",
    actor: User,
) -> Client:
    """A new client record with the participation consent it rests on; ``household_name``
    starts a new household with the client as its first member."""
    rules.require(
        rules.may_open_records_in(actor, kreis.pk),
        "Sie können in diesem Kreis keine Akten anlegen.",
    )
    assigns = rules.may_assign_in(actor, kreis.pk)
    errors: dict[str, str] = {}
    if responsible is None and not assigns:
        responsible = actor
    if responsible is not None:
        if responsible != actor and not assigns:
            errors["responsible"] = "Nur die Koordination kann Akten anderen zuweisen."
        elif not rules.can_hold_records(responsible, kreis.pk):
            errors["responsible"] = "Zuständig kann nur das Integrationsmanagement im Kreis sein."
    if consent_given_on is not None:
        not_future(consent_given_on, "Das Datum der Einwilligung", errors, "consent_given_on")
    if not languages.is_offered(consent_language):
        errors["consent_language"] = "Bitte wählen Sie die Sprache des Einwilligungsformulars."
    try:
        values = _clean_client(data, kreis.pk)
        _ensure_minimal(values, has_consent=consent_given_on is not None)
    except ValidationError as exc:
        errors = {**{k: " ".join(v) for k, v in exc.message_dict.items()}, **errors}
        raise ValidationError(errors) from exc
    household_label, problem = clean_text(household_name, label="Der Haushalt", max_length=150)
    if problem:
        errors["household_name"] = problem
    elif household_label and data.household is not None:
        errors["household_name"] = "Bitte entweder einen Haushalt wählen oder einen neuen anlegen."
    raise_if(errors)
    if household_label:
        values["household"] = Household.objects.create(
            kreis=kreis, name=household_label, gemeinde=values["gemeinde"]
        )
    client = Client.objects.create(kreis=kreis, responsible=responsible, **values)
    if consent_given_on is not None:
        Consent.objects.create(
            client=client,
            purpose=Consent.Purpose.PARTICIPATION,
            given_on=consent_given_on,
            form_language=consent_language,
            scope_text="Teilnahme am Integrationsmanagement; Verarbeitung der Beratungsdaten.",
            recorded_by=actor,
        )
    audit.record(
        actor=actor,
        action="client.create",
        target=client,
        responsible_id=responsible.pk if responsible else None,
        consent_given_on=consent_given_on,
        household_id=client.household_id,
    )
    return client


@transaction.atomic
def client_update(
    *, client: Client, data: ClientData, expected_version: int, actor: User
) -> Client:
    """Save changed personal data. Refused if someone else saved in between (``StaleVersion``)."""
    rules.require(rules.may_work_on(actor, client), NO_ACCESS)
    client = _lock(client)
    _ensure_workable(client)
    _check_version(client, expected_version)
    values = _clean_client(data, client.kreis_id)
    _ensure_minimal(values, has_consent=_has_participation_consent(client))
    changed = [
        k
        for k, v in values.items()
        if getattr(client, k) != v and not k.endswith(("_key", "_match"))
    ]
    for key, value in values.items():
        setattr(client, key, value)
    client.version = F("version") + 1
    client.save()
    client.refresh_from_db()
    audit.record(actor=actor, action="client.update", target=client, fields=changed)
    return client


@transaction.atomic
def client_health_notes_set(
    *, client: Client, notes: str, expected_version: int, actor: User
) -> Client:
    """Health notes: only the responsible manager, only with consent to health data."""
    client = _lock(client)
    _ensure_workable(client)
    rules.require(
        rules.may_edit_health_notes(actor, client),
        "Gesundheitliche Hinweise bearbeitet nur die zuständige Person.",
    )
    _check_version(client, expected_version)
    text, problem = clean_text(notes, label="Der Hinweis", max_length=5000)
    if problem:
        raise ValidationError({"notes": problem})
    if text:
        _ensure_consent(
            client,
            Consent.Purpose.HEALTH,
            "Für gesundheitliche Hinweise fehlt die Einwilligung zur Verarbeitung von "
            "Gesundheitsdaten.",
        )
    client.health_notes = text
    client.version = F("version") + 1
    client.save(update_fields=["health_notes", "version", "updated_at"])
    client.refresh_from_db()
    audit.record(actor=actor, action="client.health_update", target=client)
    return client


@transaction.atomic
def client_close(*, client: Client, ended_on: dt.date, reason: str, actor: User) -> Client:
    """End the counselling (active → closed) for a reason from ``Client.EndReason`` (the key
    figures count people ended by reason): from then the retention period runs."""
    rules.require(rules.may_work_on(actor, client), NO_ACCESS)
    client = _lock(client)
    if client.status != Client.Status.ACTIVE:
        raise ValidationError("Die Beratung ist bereits beendet.")
    errors: dict[str, str] = {}
    not_future(ended_on, "Das Ende der Beratung", errors, "ended_on")
    if ended_on < client.counselling_start:
        errors["ended_on"] = "Das Ende der Beratung liegt vor ihrem Beginn."
    if reason not in Client.EndReason.values:
        errors["reason"] = "Bitte wählen Sie aus, warum die Beratung endet."
    raise_if(errors)
    CLIENT.apply(client, action="close", user=actor)
    client.counselling_end = ended_on
    client.end_reason = reason
    client.version = F("version") + 1
    client.save(update_fields=["status", "counselling_end", "end_reason", "version", "updated_at"])
    client.refresh_from_db()
    _cancel_pending_handovers(client)
    audit.record(
        actor=actor, action="client.close", target=client, ended_on=ended_on, reason=reason
    )
    return client


@transaction.atomic
def client_assign(*, client: Client, responsible: User | None, actor: User) -> Client:
    """The coordinator (re)assigns a record to a manager of the Kreis, or leaves it open."""
    client = _lock(client)
    _ensure_workable(client)
    rules.require(
        rules.may_assign(actor, client), "Zuweisen kann nur die Koordination des Kreises."
    )
    if responsible is not None and not rules.can_hold_records(responsible, client.kreis_id):
        raise ValidationError(
            {"responsible": "Zuständig kann nur das Integrationsmanagement im Kreis sein."}
        )
    previous = client.responsible_id
    client.responsible = responsible
    client.version = F("version") + 1
    client.save(update_fields=["responsible", "version", "updated_at"])
    client.refresh_from_db()
    if responsible is not None:
        client.shared_with.remove(responsible)
    _cancel_pending_handovers(client)
    audit.record(
        actor=actor,
        action="client.assign",
        target=client,
        previous_id=previous,
        responsible_id=responsible.pk if responsible else None,
    )
    return client


@transaction.atomic
def client_share(*, client: Client, user: User, shared: bool, actor: User) -> Client:
    """Share the record with a colleague in the Kreis (e.g. a substitute), or stop sharing."""
    client = _lock(client)
    _ensure_workable(client)
    rules.require(
        rules.may_share(actor, client),
        "Teilen kann nur die zuständige Person oder die Koordination.",
    )
    if shared:
        if user.pk == client.responsible_id:
            raise ValidationError({"person": "Die Akte liegt bereits bei dieser Person."})
        if not rules.can_hold_records(user, client.kreis_id):
            raise ValidationError(
                {"person": "Geteilt werden kann nur mit dem Integrationsmanagement im Kreis."}
            )
        client.shared_with.add(user)
    else:
        client.shared_with.remove(user)
    audit.record(
        actor=actor,
        action="client.share" if shared else "client.unshare",
        target=client,
        user_id=user.pk,
    )
    return client
