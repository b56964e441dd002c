"""Every write to client records. Atomic, keyword-only, one audit event per change.

Bad input raises ``ValidationError`` with German messages and changes nothing. Audit events
carry ids and field names, never the personal data themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from pik.casework import rules
from pik.casework.matching import mentions_names, name_key
from pik.casework.models import (
    Client,
    Consent,
    Contact,
    ErasureReason,
    Goal,
    Handover,
    Household,
    Plan,
    PlanField,
    PlanVersion,
    Referral,
    Step,
    Task,
    TransferRequest,
)
from pik.casework.selectors import plan_as_dict, retention_due_all
from pik.casework.workflow import HANDOVER, TRANSFER
from pik.core import audit, purge
from pik.core.locking import check_version
from pik.core.scoping import visible
from pik.core.tasks import vacuum_task
from pik.core.uploads import PDF, PNG, UploadError, check_attachment
from pik.core.validation import clean_text, not_future, raise_if
from pik.core.workflow import TransitionNotAllowed
from pik.orgs.models import Gemeinde, Kreis, User
from pik.orgs.selectors import is_manager_in_kreis

LANGUAGES = ("de", "en", "ar", "uk", "fa", "tr")
ANONYMISED = "anonymisiert"
#: The kind of the casework entries on the erasure list (``pik.core.purge``).
ERASURE_KIND = "casework.client"


def _ensure_access(client: Client, actor: User | None) -> None:
    """The actor must be allowed to see the record (system jobs act with ``actor=None``)."""
    if actor is None:
        return
    if not visible(Client.objects.filter(pk=client.pk), actor).exists():
        raise ValidationError("Sie haben keinen Zugriff auf diese Akte.")


def _ensure_workable(client: Client) -> None:
    if client.status == Client.Status.ANONYMISED:
        raise ValidationError("Die Akte ist anonymisiert und kann nicht mehr bearbeitet werden.")


def _ensure_consent(client: Client, purpose: str, message: str) -> Consent:
    consent = (
        client.consents.filter(purpose=purpose, withdrawn_on__isnull=True)
        .order_by("-given_on")
        .first()
    )
    if consent is None:
        raise ValidationError(message)
    return consent


def _lock(client: Client) -> Client:
    return Client.objects.select_for_update().get(pk=client.pk)


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


# --- Clients --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClientData:
    first_name: str
    last_name: str
    counselling_start: dt.date
    birth_date: dt.date | None = None
    birth_year: int | None = None
    gender: str = Client.Gender.UNKNOWN
    gemeinde: Gemeinde | None = None
    household: Household | None = None
    country_of_origin: str = ""
    languages: str = ""
    residence_status: str = ""
    phone: str = ""
    email: str = ""
    name_original: str = ""
    household_relation: str = ""
    nationality: str = ""
    residence_valid_until: dt.date | None = None
    street: str = ""
    school_qualification: str = ""
    vocational_qualification: str = ""
    occupation: str = ""
    housing_entry: dt.date | None = None
    planned_end: dt.date | None = None
    extension_reason: str = ""


#: What a record may hold while there is no consent to counselling (a first contact).
MINIMAL_FIELDS = frozenset(
    {"first_name", "last_name", "name_original", "birth_date", "birth_year", "gender"}
    | {"gemeinde"}
    | {"counselling_start", "household", "first_name_key", "last_name_key"}
)
MAX_YEARS, MAX_YEARS_WITH_REASON = 3, 4


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _ensure_minimal(values: dict[str, Any], *, has_consent: bool) -> None:
    """Without consent to counselling only a minimal record (name, birth, Gemeinde) is kept."""
    if has_consent:
        return
    extra = sorted(k for k, v in values.items() if k not in MINIMAL_FIELDS and v not in ("", None))
    if extra:
        raise ValidationError(
            {
                key: "Ohne Einwilligung zur Beratung darf nur eine Minimalakte (Name, Geburt, "
                "Gemeinde, Beratungsbeginn) gespeichert werden. Bitte erst die Einwilligung "
                "erfassen."
                for key in extra
            }
        )


#: The personal-data fields of a client record, in form order (forms and demo reuse them).
CLIENT_FIELDS = [f.name for f in fields(ClientData)]


def _clean_client(data: ClientData, kreis: Kreis) -> dict[str, Any]:  # noqa: PLR0912
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for key, label, length, required in (
        ("first_name", "Der Vorname", 100, True),
        ("last_name", "Der Nachname", 100, True),
        ("country_of_origin", "Das Herkunftsland", 100, False),
        ("languages", "Die Angabe zu Sprachen", 200, False),
        ("residence_status", "Der Aufenthaltsstatus", 100, False),
        ("phone", "Die Telefonnummer", 50, False),
        ("email", "Die E-Mail-Adresse", 254, False),
        ("name_original", "Der Name in Originalschrift", 200, False),
        ("nationality", "Die Staatsangehörigkeit", 100, False),
        ("street", "Die Anschrift", 200, False),
        ("school_qualification", "Der Schulabschluss", 200, False),
        ("vocational_qualification", "Der Berufsabschluss", 200, False),
        ("occupation", "Die Tätigkeit", 200, False),
        ("extension_reason", "Die Begründung", 2000, False),
    ):
        values[key], problem = clean_text(
            getattr(data, key), label=label, max_length=length, required=required
        )
        if problem:
            errors[key] = problem
    for key in ("first_name", "last_name"):
        if key not in errors and values[key] and not name_key(values[key]):
            errors[key] = "Der Name muss mindestens einen Buchstaben enthalten."
    if values["email"] and "email" not in errors:
        try:
            validate_email(values["email"])
        except ValidationError:
            errors["email"] = "Bitte geben Sie eine gültige E-Mail-Adresse an."
    this_year = timezone.localdate().year
    birth_year = data.birth_year
    if data.birth_date is not None:
        not_future(data.birth_date, "Das Geburtsdatum", errors, "birth_date")
        if data.birth_date.year < 1900:
            errors["birth_date"] = "Das Geburtsdatum ist nicht plausibel."
        if birth_year is not None and birth_year != data.birth_date.year:
            errors["birth_year"] = "Geburtsjahr und Geburtsdatum passen nicht zusammen."
        birth_year = data.birth_date.year
    if birth_year is not None and not 1900 <= birth_year <= this_year:
        errors["birth_year"] = f"Das Geburtsjahr muss zwischen 1900 und {this_year} liegen."
    if data.gender not in Client.Gender.values:
        errors["gender"] = "Bitte wählen Sie eine gültige Angabe zum Geschlecht."
    if data.gemeinde is not None and data.gemeinde.kreis_id != kreis.pk:
        errors["gemeinde"] = "Die Gemeinde liegt nicht im Kreis der Akte."
    if data.household is not None and data.household.kreis_id != kreis.pk:
        errors["household"] = "Der Haushalt gehört zu einem anderen Kreis."
    if data.household_relation and data.household_relation not in Client.Relation.values:
        errors["household_relation"] = "Bitte wählen Sie die Stellung im Haushalt."
    not_future(data.counselling_start, "Der Beratungsbeginn", errors, "counselling_start")
    not_future(data.housing_entry, "Der Einzug", errors, "housing_entry")
    if data.birth_date is not None and data.counselling_start < data.birth_date:
        errors["counselling_start"] = "Der Beratungsbeginn liegt vor dem Geburtsdatum."
    if data.planned_end is not None:
        if data.planned_end < data.counselling_start:
            errors["planned_end"] = "Das geplante Ende liegt vor dem Beginn der Beratung."
        elif data.planned_end > _add_years(data.counselling_start, MAX_YEARS_WITH_REASON):
            errors["planned_end"] = (
                "Die Beratung dauert höchstens 4 Jahre (mit Begründung); bitte ein früheres "
                "Ende eintragen."
            )
        elif data.planned_end > _add_years(data.counselling_start, MAX_YEARS) and not values.get(
            "extension_reason"
        ):
            errors["extension_reason"] = (
                "Eine Beratung über 3 Jahre hinaus braucht eine Begründung."
            )
    raise_if(errors)
    values.update(
        birth_date=data.birth_date,
        birth_year=birth_year,
        gender=data.gender,
        gemeinde=data.gemeinde,
        household=data.household,
        counselling_start=data.counselling_start,
        household_relation=data.household_relation,
        residence_valid_until=data.residence_valid_until,
        housing_entry=data.housing_entry,
        planned_end=data.planned_end,
        first_name_key=name_key(values["first_name"]),
        last_name_key=name_key(values["last_name"]),
    )
    return values


@transaction.atomic
def client_create(
    *,
    kreis: Kreis,
    data: ClientData,
    consent_given_on: dt.date | None,
    consent_language: str = "de",
    responsible: User | None = None,
    household_name: str = "",
    actor: User,
) -> Client:
    """A new client record with the participation consent it rests on; ``household_name``
    starts a new household with the client as its first member."""
    manager, coordinator = (
        rules.is_manager_in(actor, kreis.pk),
        rules.is_coordinator_of(actor, kreis.pk),
    )
    if not (manager or coordinator):
        raise ValidationError("Sie können in diesem Kreis keine Akten anlegen.")
    errors: dict[str, str] = {}
    if responsible is None and not coordinator:
        responsible = actor
    if responsible is not None:
        if responsible != actor and not coordinator:
            errors["responsible"] = "Nur die Koordination kann Akten anderen zuweisen."
        elif not is_manager_in_kreis(user_id=responsible.pk, kreis_id=kreis.pk):
            errors["responsible"] = "Zuständig kann nur das Integrationsmanagement im Kreis sein."
    if consent_given_on is not None:
        not_future(consent_given_on, "Das Datum der Einwilligung", errors, "consent_given_on")
    if consent_language not in LANGUAGES:
        errors["consent_language"] = "Bitte wählen Sie die Sprache des Einwilligungsformulars."
    try:
        values = _clean_client(data, kreis)
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
    _ensure_access(client, actor)
    client = _lock(client)
    _ensure_workable(client)
    _check_version(client, expected_version)
    values = _clean_client(data, client.kreis)
    _ensure_minimal(
        values,
        has_consent=client.consents.filter(
            purpose=Consent.Purpose.PARTICIPATION, withdrawn_on__isnull=True
        ).exists(),
    )
    changed = [k for k, v in values.items() if getattr(client, k) != v and not k.endswith("_key")]
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
    if not rules.may_edit_health_notes(actor, client):
        raise ValidationError("Gesundheitliche Hinweise bearbeitet nur die zuständige Person.")
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
def client_close(*, client: Client, ended_on: dt.date, actor: User | None) -> Client:
    """End the counselling: from then the retention period runs."""
    _ensure_access(client, actor)
    client = _lock(client)
    if client.status != Client.Status.ACTIVE:
        raise ValidationError("Die Beratung ist bereits beendet.")
    errors: dict[str, str] = {}
    not_future(ended_on, "Das Ende der Beratung", errors, "ended_on")
    if ended_on < client.counselling_start:
        errors["ended_on"] = "Das Ende der Beratung liegt vor ihrem Beginn."
    raise_if(errors)
    client.status, client.counselling_end = Client.Status.CLOSED, ended_on
    client.version = F("version") + 1
    client.save(update_fields=["status", "counselling_end", "version", "updated_at"])
    client.refresh_from_db()
    Handover.objects.filter(client=client, status=Handover.Status.PENDING).update(
        status=Handover.Status.CANCELLED, decided_at=timezone.now()
    )
    audit.record(
        actor=actor,
        action="client.close",
        target=client,
        ended_on=ended_on,
    )
    return client


@transaction.atomic
def client_assign(*, client: Client, responsible: User | None, actor: User) -> Client:
    """The coordinator (re)assigns a record to a manager of the Kreis, or leaves it open."""
    client = _lock(client)
    _ensure_workable(client)
    if not rules.is_coordinator_of(actor, client.kreis_id):
        raise ValidationError("Zuweisen kann nur die Koordination des Kreises.")
    if responsible is not None and not is_manager_in_kreis(
        user_id=responsible.pk, kreis_id=client.kreis_id
    ):
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
    Handover.objects.filter(client=client, status=Handover.Status.PENDING).update(
        status=Handover.Status.CANCELLED, decided_at=timezone.now()
    )
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
    if not (client.responsible_id == actor.pk or rules.is_coordinator_of(actor, client.kreis_id)):
        raise ValidationError("Teilen kann nur die zuständige Person oder die Koordination.")
    if shared:
        if user.pk == client.responsible_id:
            raise ValidationError({"person": "Die Akte liegt bereits bei dieser Person."})
        if not is_manager_in_kreis(user_id=user.pk, kreis_id=client.kreis_id):
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


# --- Consent --------------------------------------------------------------------------------


@transaction.atomic
def consent_record(  # noqa: PLR0912
    *,
    client: Client,
    purpose: str,
    given_on: dt.date,
    scope_text: str = "",
    form_language: str = "de",
    form: str = Consent.Form.SIGNED_PAPER,
    witness: str = "",
    network_actor: str = "",
    scan: UploadedFile | None = None,
    actor: User,
) -> Consent:
    """A consent record. Sharing with a network partner names the partner; a verbal consent
    names its witness; a scan of the signed paper must really be a PDF or an image."""
    _ensure_access(client, actor)
    client = _lock(client)
    _ensure_workable(client)
    errors: dict[str, str] = {}
    if purpose not in Consent.Purpose.values:
        errors["purpose"] = "Bitte wählen Sie einen Zweck der Einwilligung."
    not_future(given_on, "Das Datum der Einwilligung", errors, "given_on")
    text, problem = clean_text(scope_text, label="Der Umfang", max_length=2000)
    if problem:
        errors["scope_text"] = problem
    if form_language not in LANGUAGES:
        errors["form_language"] = "Bitte wählen Sie die Sprache des Formulars."
    if form not in Consent.Form.values:
        errors["form"] = "Bitte wählen Sie die Form der Einwilligung."
    witness, problem = clean_text(witness, label="Die Angabe zum Zeugen", max_length=200)
    if problem:
        errors["witness"] = problem
    elif form == Consent.Form.VERBAL_WITNESS and not witness:
        errors["witness"] = "Eine mündliche Einwilligung braucht den Namen der Zeugin / des Zeugen."
    partner, problem = clean_text(network_actor, label="Der Netzwerkpartner", max_length=200)
    if problem:
        errors["network_actor"] = problem
    elif purpose == Consent.Purpose.NETWORK and not partner:
        errors["network_actor"] = (
            "Eine Einwilligung zur Weitergabe nennt den Netzwerkpartner, an den weitergegeben "
            "werden darf."
        )
    elif purpose != Consent.Purpose.NETWORK:
        partner = ""
    scan_data, scan_type = b"", ""
    if scan is not None:
        try:
            scan_data, scan_type = check_attachment(scan)
        except UploadError as exc:
            errors["scan"] = str(exc)
    same = client.consents.filter(purpose=purpose, withdrawn_on__isnull=True)
    if not errors and same.filter(network_actor__iexact=partner).exists():
        errors["purpose"] = "Für diesen Zweck liegt bereits eine gültige Einwilligung vor."
    raise_if(errors)
    consent = Consent(
        client=client,
        purpose=purpose,
        given_on=given_on,
        scope_text=text,
        form_language=form_language,
        form=form,
        witness=witness,
        network_actor=partner,
        scan_type=scan_type,
        recorded_by=actor,
    )
    if scan is not None:
        suffix = ".pdf" if scan_type == PDF else ".png" if scan_type == PNG else ".jpg"
        consent.scan.save(f"einwilligung-{client.pk}{suffix}", ContentFile(scan_data), save=False)
    consent.save()
    audit.record(
        actor=actor,
        action="consent.record",
        target=client,
        consent_id=consent.pk,
        purpose=purpose,
        form=form,
        scan=bool(scan_type),
    )
    return consent


@transaction.atomic
def referral_record(
    *, client: Client, network_actor: str, purpose: str, shared_on: dt.date, actor: User
) -> Referral:
    """Record that data went to a named network partner: only with a valid consent naming it."""
    _ensure_access(client, actor)
    client = _lock(client)
    _ensure_workable(client)
    errors: dict[str, str] = {}
    partner, problem = clean_text(
        network_actor, label="Der Netzwerkpartner", max_length=200, required=True
    )
    if problem:
        errors["network_actor"] = problem
    reason, problem = clean_text(purpose, label="Der Anlass", max_length=300, required=True)
    if problem:
        errors["purpose"] = problem
    not_future(shared_on, "Das Datum der Weitergabe", errors, "shared_on")
    raise_if(errors)
    consent = (
        client.consents.filter(
            purpose=Consent.Purpose.NETWORK,
            withdrawn_on__isnull=True,
            network_actor__iexact=partner,
            given_on__lte=shared_on,
        )
        .order_by("-given_on")
        .first()
    )
    if consent is None:
        raise ValidationError(
            {
                "network_actor": f"Für die Weitergabe an „{partner}“ liegt keine gültige "
                "Einwilligung vor. Ohne Einwilligung wird nichts weitergegeben."
            }
        )
    referral = Referral.objects.create(
        client=client,
        consent=consent,
        network_actor=consent.network_actor,
        purpose=reason,
        shared_on=shared_on,
        shared_by=actor,
    )
    audit.record(
        actor=actor,
        action="referral.record",
        target=client,
        referral_id=referral.pk,
        consent_id=consent.pk,
    )
    return referral


@transaction.atomic
def consent_withdraw(*, consent: Consent, withdrawn_on: dt.date, actor: User) -> Consent:
    """Withdrawal stops the processing it covered: participation ends the counselling, health
    consent deletes the health notes, transfer consent blocks open transfer requests."""
    client = consent.client
    _ensure_access(client, actor)
    client = _lock(client)
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    errors: dict[str, str] = {}
    if consent.withdrawn_on is not None:
        errors["withdrawn_on"] = "Diese Einwilligung ist bereits widerrufen."
    not_future(withdrawn_on, "Das Datum des Widerrufs", errors, "withdrawn_on")
    if withdrawn_on < consent.given_on:
        errors["withdrawn_on"] = "Der Widerruf liegt vor der Erteilung."
    raise_if(errors)
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on", "updated_at"])
    effects = []
    if consent.purpose == Consent.Purpose.PARTICIPATION and client.status == Client.Status.ACTIVE:
        client.status = Client.Status.CLOSED
        client.counselling_end = max(withdrawn_on, client.counselling_start)
        client.save(update_fields=["status", "counselling_end", "updated_at"])
        Handover.objects.filter(client=client, status=Handover.Status.PENDING).update(
            status=Handover.Status.CANCELLED, decided_at=timezone.now()
        )
        effects.append("counselling_closed")
    if consent.purpose == Consent.Purpose.HEALTH and client.health_notes:
        client.health_notes = ""
        client.save(update_fields=["health_notes", "updated_at"])
        effects.append("health_notes_deleted")
    if consent.purpose == Consent.Purpose.TRANSFER:
        n = TransferRequest.objects.filter(
            client=client, status=TransferRequest.Status.REQUESTED
        ).update(status=TransferRequest.Status.DECLINED, decided_at=timezone.now())
        if n:
            effects.append("transfer_stopped")
    Client.objects.filter(pk=client.pk).update(version=F("version") + 1)
    audit.record(
        actor=actor,
        action="consent.withdraw",
        target=client,
        consent_id=consent.pk,
        purpose=consent.purpose,
        effects=effects,
    )
    return consent


# --- Contacts -------------------------------------------------------------------------------


@transaction.atomic
def contact_record(
    *,
    client: Client,
    occurred_on: dt.date,
    kind: str,
    duration_minutes: int,
    topics: Iterable[str] = (),
    notes: str = "",
    interpreter: bool = False,
    actor: User,
) -> Contact:
    """A counselling contact, in a few keystrokes. Needs the participation consent."""
    _ensure_access(client, actor)
    client = _lock(client)
    _ensure_workable(client)
    _ensure_consent(
        client,
        Consent.Purpose.PARTICIPATION,
        "Ohne gültige Einwilligung zur Teilnahme können keine Kontakte erfasst werden.",
    )
    errors: dict[str, str] = {}
    topics = list(dict.fromkeys(topics))
    if kind not in Contact.Kind.values:
        errors["kind"] = "Bitte wählen Sie die Art des Kontakts."
    if not isinstance(duration_minutes, int) or not 1 <= duration_minutes <= 600:
        errors["duration_minutes"] = "Die Dauer muss zwischen 1 und 600 Minuten liegen."
    if any(t not in PlanField.values for t in topics):
        errors["topics"] = "Unbekanntes Thema."
    not_future(occurred_on, "Das Datum des Kontakts", errors, "occurred_on")
    if occurred_on < client.counselling_start:
        errors["occurred_on"] = "Der Kontakt liegt vor dem Beginn der Beratung."
    if client.counselling_end and occurred_on > client.counselling_end:
        errors["occurred_on"] = "Der Kontakt liegt nach dem Ende der Beratung."
    text, problem = clean_text(notes, label="Die Notiz", max_length=5000)
    if problem:
        errors["notes"] = problem
    raise_if(errors)
    contact = Contact.objects.create(
        client=client,
        staff=actor,
        occurred_on=occurred_on,
        kind=kind,
        duration_minutes=duration_minutes,
        topics=topics,
        notes=text,
        interpreter=bool(interpreter),
    )
    audit.record(
        actor=actor,
        action="contact.record",
        target=client,
        contact_id=contact.pk,
        kind=kind,
    )
    return contact


# --- Integration plan -----------------------------------------------------------------------


@dataclass(frozen=True)
class PlanData:
    status: str = Plan.Status.DRAFT
    agreed_on: dt.date | None = None
    review_due: dt.date | None = None
    language_skills: str = ""
    school_education: str = ""
    vocational_qualifications: str = ""
    occupation: str = ""
    interests: str = ""
    agreements: str = ""
    situations: dict[str, str] | None = None


def _plan_for_change(client: Client, actor: User) -> Plan:
    _ensure_access(client, actor)
    client = _lock(client)
    _ensure_workable(client)
    _ensure_consent(
        client,
        Consent.Purpose.PARTICIPATION,
        "Ohne gültige Einwilligung zur Teilnahme kann der Integrationsplan nicht bearbeitet "
        "werden.",
    )
    plan, _ = Plan.objects.select_for_update().get_or_create(client=client, defaults={"version": 0})
    return plan


def _new_plan_version(plan: Plan, actor: User, change: str) -> None:
    """Bump the version and freeze a copy of the whole plan."""
    Plan.objects.filter(pk=plan.pk).update(version=F("version") + 1, updated_at=timezone.now())
    plan.refresh_from_db()
    fresh = Plan.objects.prefetch_related("goals__steps").get(pk=plan.pk)
    PlanVersion.objects.create(
        plan=plan,
        number=plan.version,
        snapshot=plan_as_dict(fresh),
        created_by=actor,
        change=change,
    )


def _plan_changed(plan: Plan, actor: User, change: str, *, action: str, **details: Any) -> None:
    """A new plan version and its audit event: the two halves of every plan change."""
    _new_plan_version(plan, actor, change)
    audit.record(
        actor=actor,
        action=action,
        target=plan.client,
        plan_version=plan.version,
        **details,
    )


@transaction.atomic
def plan_save(*, client: Client, data: PlanData, expected_version: int, actor: User) -> Plan:
    """Save the plan's fields. ``expected_version`` 0 for a plan that does not exist yet."""
    plan = _plan_for_change(client, actor)
    check_version(
        plan,
        expected_version,
        message=(
            f"Der Integrationsplan wurde inzwischen geändert (jetzt Fassung {plan.version}, Sie "
            f"hatten Fassung {expected_version} geladen). Ihre Änderungen wurden nicht "
            "gespeichert. Bitte laden Sie den Plan neu."
        ),
    )
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for f in fields(PlanData):
        if f.name in Plan.TEXT_FIELDS:
            values[f.name], problem = clean_text(
                getattr(data, f.name), label="Der Text", max_length=5000
            )
            if problem:
                errors[f.name] = problem
    situations: dict[str, str] = {}
    for key, value in (data.situations or {}).items():
        if key not in PlanField.values:
            errors["situations"] = "Unbekanntes Handlungsfeld in der Ausgangslage."
            continue
        text, problem = clean_text(value, label="Die Ausgangslage", max_length=5000)
        if problem:
            errors[f"situation_{key}"] = problem
        elif text:
            situations[key] = text
    if data.status not in Plan.Status.values:
        errors["status"] = "Bitte wählen Sie einen Status."
    if data.status == Plan.Status.AGREED and data.agreed_on is None:
        errors["agreed_on"] = "Ein vereinbarter Plan braucht das Datum der Vereinbarung."
    not_future(data.agreed_on, "Das Datum der Vereinbarung", errors, "agreed_on")
    if data.review_due and data.agreed_on and data.review_due < data.agreed_on:
        errors["review_due"] = "Die Überprüfung kann nicht vor der Vereinbarung liegen."
    raise_if(errors)
    values.update(
        status=data.status,
        agreed_on=data.agreed_on,
        review_due=data.review_due,
        situations=situations,
    )
    for key, value in values.items():
        setattr(plan, key, value)
    plan.save()
    _plan_changed(plan, actor, "Planfelder gespeichert", action="plan.save")
    return plan


@transaction.atomic
def goal_add(
    *,
    client: Client,
    field: str,
    description: str,
    target_date: dt.date | None = None,
    actor: User,
) -> Goal:
    plan = _plan_for_change(client, actor)
    errors: dict[str, str] = {}
    if field not in PlanField.values:
        errors["field"] = "Bitte wählen Sie ein Handlungsfeld."
    text, problem = clean_text(description, label="Das Ziel", max_length=2000, required=True)
    if problem:
        errors["description"] = problem
    raise_if(errors)
    goal = Goal.objects.create(plan=plan, field=field, description=text, target_date=target_date)
    _plan_changed(
        plan,
        actor,
        f"Ziel hinzugefügt ({goal.get_field_display()})",
        action="plan.goal_add",
        goal_id=goal.pk,
    )
    return goal


@transaction.atomic
def goal_set_status(*, goal: Goal, status: str, actor: User) -> Goal:
    plan = _plan_for_change(goal.plan.client, actor)
    if status not in Goal.Status.values:
        raise ValidationError({"status": "Bitte wählen Sie einen Status."})
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    goal.status = status
    goal.save(update_fields=["status", "updated_at"])
    _plan_changed(
        plan,
        actor,
        f"Ziel {goal.get_status_display()}",
        action="plan.goal_status",
        goal_id=goal.pk,
        status=status,
    )
    return goal


@transaction.atomic
def step_add(
    *,
    goal: Goal,
    description: str,
    who: str = Step.Who.CLIENT,
    due_on: dt.date | None = None,
    actor: User,
) -> Step:
    plan = _plan_for_change(goal.plan.client, actor)
    errors: dict[str, str] = {}
    text, problem = clean_text(description, label="Der Schritt", max_length=300, required=True)
    if problem:
        errors["description"] = problem
    if who not in Step.Who.values:
        errors["who"] = "Bitte wählen Sie, wer den Schritt übernimmt."
    raise_if(errors)
    step = Step.objects.create(goal=goal, description=text, who=who, due_on=due_on)
    client = plan.client
    if who == Step.Who.MANAGER and due_on is not None:
        # The manager's own steps become tasks on "Mein Tag" (done with the step).
        Task.objects.create(
            kreis_id=client.kreis_id,
            client=client,
            step=step,
            assigned_to=client.responsible or actor,
            created_by=actor,
            title=f"Planschritt: {text}"[:200],
            due_on=due_on,
        )
    _plan_changed(plan, actor, "Schritt hinzugefügt", action="plan.step_add", step_id=step.pk)
    return step


@transaction.atomic
def step_set_done(*, step: Step, done: bool, actor: User) -> Step:
    plan = _plan_for_change(step.goal.plan.client, actor)
    step = Step.objects.select_for_update().get(pk=step.pk)
    step.done_on = timezone.localdate() if done else None
    step.save(update_fields=["done_on", "updated_at"])
    Task.objects.filter(step=step).update(done_at=timezone.now() if done else None)
    _plan_changed(
        plan,
        actor,
        "Schritt erledigt" if done else "Schritt wieder offen",
        action="plan.step_done" if done else "plan.step_reopen",
        step_id=step.pk,
    )
    return step


# --- Tasks ----------------------------------------------------------------------------------


@transaction.atomic
def task_create(
    *,
    title: str,
    due_on: dt.date,
    assigned_to: User,
    client: Client | None = None,
    actor: User,
) -> Task:
    kreis_id = client.kreis_id if client is not None else rules.casework_kreis_id(actor)
    if client is not None:
        _ensure_access(client, actor)
        _ensure_workable(client)
    if kreis_id is None or not (
        rules.is_manager_in(actor, kreis_id) or rules.is_coordinator_of(actor, kreis_id)
    ):
        raise ValidationError("Sie können in diesem Kreis keine Aufgaben anlegen.")
    errors: dict[str, str] = {}
    text, problem = clean_text(title, label="Die Aufgabe", max_length=200, required=True)
    if problem:
        errors["title"] = problem
    if assigned_to != actor and not (
        rules.is_coordinator_of(actor, kreis_id)
        or is_manager_in_kreis(user_id=assigned_to.pk, kreis_id=kreis_id)
    ):
        errors["assigned_to"] = "Aufgaben gehen nur an das Integrationsmanagement im Kreis."
    if due_on < timezone.localdate() - dt.timedelta(days=365):
        errors["due_on"] = "Das Fälligkeitsdatum liegt mehr als ein Jahr zurück."
    raise_if(errors)
    task = Task.objects.create(
        kreis_id=kreis_id,
        client=client,
        assigned_to=assigned_to,
        created_by=actor,
        title=text,
        due_on=due_on,
    )
    audit.record(
        actor=actor,
        action="task.create",
        target=client if client is not None else task,
        task_id=task.pk,
    )
    return task


@transaction.atomic
def task_complete(*, task: Task, actor: User) -> Task:
    task = Task.objects.select_for_update().get(pk=task.pk)
    if not visible(Task.objects.filter(pk=task.pk), actor).exists():
        raise ValidationError("Sie haben keinen Zugriff auf diese Aufgabe.")
    if task.done_at is not None:
        raise ValidationError("Die Aufgabe ist bereits erledigt.")
    task.done_at = timezone.now()
    task.save(update_fields=["done_at", "updated_at"])
    audit.record(actor=actor, action="task.complete", target=task)
    return task


# --- Handover within the Kreis --------------------------------------------------------------


@transaction.atomic
def handover_request(*, client: Client, to_user: User, note: str = "", actor: User) -> Handover:
    """Offer the record to another manager of the same Kreis (any employer there)."""
    client = _lock(client)
    _ensure_workable(client)
    if client.status != Client.Status.ACTIVE:
        raise ValidationError("Nur laufende Beratungen können übergeben werden.")
    if not (client.responsible_id == actor.pk or rules.is_coordinator_of(actor, client.kreis_id)):
        raise ValidationError("Übergeben kann nur die zuständige Person oder die Koordination.")
    errors: dict[str, str] = {}
    if to_user.pk in (client.responsible_id, actor.pk):
        errors["to_user"] = "Die Akte ist bereits bei dieser Person."
    elif not is_manager_in_kreis(user_id=to_user.pk, kreis_id=client.kreis_id):
        errors["to_user"] = (
            "Übergeben werden kann nur an das Integrationsmanagement im selben Kreis."
        )
    text, problem = clean_text(note, label="Der Hinweis", max_length=2000)
    if problem:
        errors["note"] = problem
    if Handover.objects.filter(client=client, status=Handover.Status.PENDING).exists():
        errors["to_user"] = "Für diese Akte wartet bereits eine Übergabe auf Annahme."
    raise_if(errors)
    handover = Handover.objects.create(client=client, from_user=actor, to_user=to_user, note=text)
    audit.record(
        actor=actor,
        action="handover.request",
        target=client,
        handover_id=handover.pk,
        to_user_id=to_user.pk,
    )
    return handover


def _handover_move(handover: Handover, action: str, actor: User) -> Handover:
    handover = Handover.objects.select_for_update().select_related("client").get(pk=handover.pk)
    try:
        HANDOVER.apply(handover, action=action, user=actor)
    except TransitionNotAllowed as exc:
        raise ValidationError(str(exc)) from exc
    handover.decided_at = timezone.now()
    handover.save(update_fields=["status", "decided_at", "updated_at"])
    return handover


@transaction.atomic
def handover_accept(*, handover: Handover, actor: User) -> Handover:
    """The recipient takes over: the record moves to them (still within the Kreis)."""
    client = _lock(handover.client)
    if not rules.is_manager_in(actor, client.kreis_id):
        raise ValidationError("Annehmen kann nur das Integrationsmanagement im Kreis der Akte.")
    handover = _handover_move(handover, "accept", actor)
    previous = client.responsible_id
    client.responsible = actor
    client.version = F("version") + 1
    client.save(update_fields=["responsible", "version", "updated_at"])
    client.shared_with.remove(actor)
    Task.objects.filter(client=client, done_at__isnull=True, assigned_to_id=previous).update(
        assigned_to=actor
    )
    audit.record(
        actor=actor,
        action="handover.accept",
        target=client,
        handover_id=handover.pk,
        previous_id=previous,
    )
    return handover


def _handover_close(handover: Handover, action: str, actor: User) -> Handover:
    """Decline (recipient) or cancel (sender, coordinator): the record stays where it is."""
    handover = _handover_move(handover, action, actor)
    audit.record(
        actor=actor,
        action=f"handover.{action}",
        target=handover.client,
        handover_id=handover.pk,
    )
    return handover


@transaction.atomic
def handover_decline(*, handover: Handover, actor: User) -> Handover:
    return _handover_close(handover, "decline", actor)


@transaction.atomic
def handover_cancel(*, handover: Handover, actor: User) -> Handover:
    return _handover_close(handover, "cancel", actor)


# --- Transfer to another Kreis --------------------------------------------------------------


@transaction.atomic
def transfer_request(
    *, client: Client, to_kreis: Kreis, reason: str, actor: User
) -> TransferRequest:
    """Ask another Kreis to take the record over. Needs the client's consent to the transfer."""
    client = _lock(client)
    _ensure_workable(client)
    if not (client.responsible_id == actor.pk or rules.is_coordinator_of(actor, client.kreis_id)):
        raise ValidationError(
            "Einen Kreiswechsel beantragt die zuständige Person oder die Koordination."
        )
    errors: dict[str, str] = {}
    if to_kreis.pk == client.kreis_id:
        errors["to_kreis"] = "Die Akte ist bereits in diesem Kreis."
    text, problem = clean_text(reason, label="Der Anlass", max_length=2000, required=True)
    if problem:
        errors["reason"] = problem
    if TransferRequest.objects.filter(
        client=client, status=TransferRequest.Status.REQUESTED
    ).exists():
        errors["to_kreis"] = "Für diese Akte ist bereits ein Kreiswechsel beantragt."
    raise_if(errors)
    _ensure_consent(
        client,
        Consent.Purpose.TRANSFER,
        "Für die Übermittlung an einen anderen Kreis fehlt die Einwilligung der Person.",
    )
    transfer = TransferRequest.objects.create(
        client=client,
        from_kreis_id=client.kreis_id,
        to_kreis=to_kreis,
        requested_by=actor,
        reason=text,
    )
    audit.record(
        actor=actor,
        action="transfer.request",
        target=client,
        transfer_id=transfer.pk,
        to_kreis=to_kreis.ags,
    )
    return transfer


@transaction.atomic
def transfer_accept(
    *, transfer: TransferRequest, responsible: User | None, actor: User
) -> TransferRequest:
    """The receiving Kreis's coordinator takes the record over and assigns it (or not yet)."""
    transfer = TransferRequest.objects.select_for_update().get(pk=transfer.pk)
    client = _lock(transfer.client)
    try:
        TRANSFER.apply(transfer, action="accept", user=actor)
    except TransitionNotAllowed as exc:
        raise ValidationError(str(exc)) from exc
    if responsible is not None and not is_manager_in_kreis(
        user_id=responsible.pk, kreis_id=transfer.to_kreis_id
    ):
        raise ValidationError(
            {"responsible": "Zuständig kann nur das Integrationsmanagement im neuen Kreis sein."}
        )
    _ensure_consent(
        client,
        Consent.Purpose.TRANSFER,
        "Die Einwilligung zur Übermittlung wurde widerrufen; der Kreiswechsel ist nicht möglich.",
    )
    transfer.decided_by, transfer.decided_at = actor, timezone.now()
    transfer.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    old_kreis = client.kreis_id
    client.kreis_id = transfer.to_kreis_id
    client.responsible = responsible
    client.gemeinde = None
    client.household = None
    client.version = F("version") + 1
    client.save(
        update_fields=["kreis", "responsible", "gemeinde", "household", "version", "updated_at"]
    )
    client.shared_with.clear()
    Handover.objects.filter(client=client, status=Handover.Status.PENDING).update(
        status=Handover.Status.CANCELLED, decided_at=timezone.now()
    )
    Task.objects.filter(client=client, done_at__isnull=True).delete()
    audit.record(
        actor=actor,
        action="transfer.accept",
        target=client,
        transfer_id=transfer.pk,
        from_kreis_id=old_kreis,
        responsible_id=responsible.pk if responsible else None,
    )
    return transfer


@transaction.atomic
def transfer_decline(*, transfer: TransferRequest, actor: User) -> TransferRequest:
    transfer = TransferRequest.objects.select_for_update().get(pk=transfer.pk)
    try:
        TRANSFER.apply(transfer, action="decline", user=actor)
    except TransitionNotAllowed as exc:
        raise ValidationError(str(exc)) from exc
    transfer.decided_by, transfer.decided_at = actor, timezone.now()
    transfer.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    audit.record(
        actor=actor,
        action="transfer.decline",
        target=transfer.client,
        transfer_id=transfer.pk,
    )
    return transfer


# --- Data protection duties -----------------------------------------------------------------


def _delete_scans_on_commit(client: Client) -> None:
    """The scanned consent papers leave the storage once the change is committed."""
    scans = [c.scan for c in client.consents.exclude(scan="")]

    def delete() -> None:
        for scan in scans:
            scan.storage.delete(scan.name)

    if scans:
        transaction.on_commit(delete)


def _strip_personal_data(client: Client) -> None:
    """Keep what statistics need (Kreis, year of birth, gender, dates, counts, plan fields and
    goal statuses); drop everything that identifies the person or tells their story."""
    client.first_name = client.last_name = ANONYMISED
    client.first_name_key = client.last_name_key = ""
    client.birth_date = None
    client.phone = client.email = client.health_notes = ""
    client.residence_status = client.languages = ""
    client.name_original = client.nationality = client.street = ""
    client.school_qualification = client.vocational_qualification = client.occupation = ""
    client.extension_reason = client.household_relation = ""
    client.residence_valid_until = None
    client.household = None
    client.status = Client.Status.ANONYMISED
    client.anonymised_at = timezone.now()
    client.save()
    client.shared_with.clear()
    client.contacts.update(notes="")
    _delete_scans_on_commit(client)
    client.consents.update(scope_text="", witness="", scan="", scan_type="")
    client.referrals.update(purpose=ANONYMISED)
    client.tasks.all().delete()
    client.handovers.update(note="")
    client.transfers.update(reason="")
    Plan.objects.filter(client=client).update(**dict.fromkeys(Plan.TEXT_FIELDS, ""), situations={})
    Goal.objects.filter(plan__client=client).update(description=ANONYMISED)
    Step.objects.filter(goal__plan__client=client).update(description=ANONYMISED)
    PlanVersion.objects.filter(plan__client=client).delete()


@transaction.atomic
def client_anonymise(*, client: Client, reason: str, actor: User | None) -> Client:
    """Anonymise a closed record (retention period over, or on request)."""
    client = _lock(client)
    if client.status == Client.Status.ANONYMISED:
        raise ValidationError("Die Akte ist bereits anonymisiert.")
    if client.status != Client.Status.CLOSED:
        raise ValidationError("Anonymisiert werden nur Akten mit beendeter Beratung.")
    _strip_personal_data(client)
    audit.record(
        actor=actor,
        action="client.anonymise",
        target=client,
        reason=reason,
    )
    return client


def retention_run(*, on: dt.date | None = None) -> list[int]:
    """Anonymise every record whose retention period has run out; each in its own transaction,
    so one failure does not undo the others. Returns the ids anonymised; the overwritten row
    versions are reclaimed on disk afterwards."""
    on = on or timezone.localdate()
    done = []
    for pk in list(retention_due_all(on=on).values_list("pk", flat=True)):
        client = Client.objects.get(pk=pk)
        client_anonymise(client=client, reason="Aufbewahrungsfrist abgelaufen", actor=None)
        done.append(pk)
    if done:
        _purge_on_commit()
    return done


def _casework_tables() -> list[str]:
    """Every table that can hold a part of a client record (with the many-to-many ones)."""
    config = apps.get_app_config("casework")
    return sorted({m._meta.db_table for m in config.get_models(include_auto_created=True)})


def _purge_on_commit(erased: Iterable[tuple[int, dt.datetime]] = ()) -> None:
    """Once committed: the erased ids go on the erasure list (for a restore of a backup), and
    the deleted rows are reclaimed on disk (VACUUM / WAL checkpoint, as a task)."""
    erased = list(erased)

    def after() -> None:
        for client_id, created_at in erased:
            purge.erasure_list_append(kind=ERASURE_KIND, object_id=client_id, created_at=created_at)
        vacuum_task.enqueue(tables=_casework_tables())

    transaction.on_commit(after)


def _erasure_names(client: Client) -> list[str]:
    """The names a note about the erasure must not contain: the person's (Latin and original
    script) and those of the household members recorded with them."""
    people = [client]
    if client.household_id is not None:
        people += list(
            Client.objects.filter(household_id=client.household_id).exclude(pk=client.pk)
        )
    return [n for p in people for n in (p.first_name, p.last_name, p.name_original) if n]


@transaction.atomic
def client_erase(
    *, client: Client, reason: str, note: str = "", confirm_name: str, actor: User
) -> None:
    """Erasure on request (GDPR Art. 17): the record and everything hanging off it is deleted.

    The audit trail keeps the erasure for good, so it gets only the fact, the id, a reason
    code and a note checked to name nobody; the erased id also goes on the erasure list, and
    the deleted rows are reclaimed on disk after commit."""
    client = _lock(client)
    if not rules.is_coordinator_of(actor, client.kreis_id):
        raise ValidationError("Löschen auf Antrag kann nur die Koordination des Kreises.")
    errors: dict[str, str] = {}
    if reason not in ErasureReason.values:
        errors["reason"] = "Bitte wählen Sie den Grund der Löschung."
    text, problem = clean_text(note, label="Die Anmerkung", max_length=500)
    if problem:
        errors["note"] = problem
    elif reason == ErasureReason.OTHER and not text:
        errors["note"] = "Bei „Sonstiges“ beschreiben Sie den Grund bitte kurz (ohne Namen)."
    elif text and mentions_names(text, _erasure_names(client)):
        errors["note"] = (
            "Die Anmerkung enthält den Namen der Person oder eines Haushaltsmitglieds. Sie wird "
            "dauerhaft protokolliert: Bitte beschreiben Sie den Grund ohne Namen."
        )
    if (confirm_name or "").strip().casefold() != client.last_name.casefold():
        errors["confirm_name"] = (
            "Zur Bestätigung bitte den Nachnamen genau wie in der Akte eingeben."
        )
    raise_if(errors)
    pk, kreis_id, created_at = client.pk, client.kreis_id, client.created_at
    _delete_scans_on_commit(client)
    client.delete()
    Household.objects.filter(kreis_id=kreis_id, members__isnull=True).delete()
    details: dict[str, Any] = {"client_id": pk, "reason": reason}
    if text:
        details["note"] = text
    audit.record(actor=actor, action="client.erase", kreis_id=kreis_id, **details)
    _purge_on_commit([(pk, created_at)])


def erasures_reapply(*, entries: Iterable[purge.Erasure]) -> list[int]:
    """After restoring a backup: erase again every listed record the backup brought back.

    A record counts only if its id and creation time both match (ids may be re-used after a
    restore). Each in its own transaction; returns the ids erased."""
    done = []
    for entry in entries:
        if entry.kind != ERASURE_KIND or entry.created_at is None:
            continue
        with transaction.atomic():
            client = (
                Client.objects.select_for_update()
                .filter(pk=entry.object_id, created_at=entry.created_at)
                .first()
            )
            if client is None:
                continue
            kreis_id = client.kreis_id
            _delete_scans_on_commit(client)
            client.delete()
            Household.objects.filter(kreis_id=kreis_id, members__isnull=True).delete()
            audit.record(
                actor=None,
                action="client.erase_reapplied",
                kreis_id=kreis_id,
                client_id=entry.object_id,
            )
        done.append(entry.object_id)
    if done:
        _purge_on_commit()
    return done
