"""The fields of a client record, declared once.

Each field says what it is (label, kind, length), whether a record without consent to counselling
may hold it (the minimal record), where the subject-access export (GDPR Art. 15) shows it and
what anonymisation does to it. That one list drives ``ClientData`` and its checks
(``services.clients``), the client form, the export and the anonymisation, so a new field is
added in one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pik.casework.models import Client


class CounsellingLimit(NamedTuple):
    """How long one person is counselled at most: years, and years with a stated reason
    (VwV Integrationsmanagement; the same figures as the programme's rule version)."""

    years: int
    justified_years: int

    def end(self, start: dt.date, *, justified: bool) -> dt.date:
        years = self.justified_years if justified else self.years
        try:
            return start.replace(year=start.year + years)
        except ValueError:  # 29 February
            return start.replace(year=start.year + years, day=28)


#: The one place the counselling limit is read from (validation, form help and label).
COUNSELLING_LIMIT = CounsellingLimit(years=3, justified_years=4)


class Kind(StrEnum):
    NAME = "name"  # text with a letter; <name>_key (search) and <name>_match (duplicates) derived
    TEXT = "text"
    LONG_TEXT = "long_text"  # several lines; the length is checked by the service only
    EMAIL = "email"
    DATE = "date"
    YEAR = "year"
    CHOICE = "choice"
    RELATION = "relation"  # a Gemeinde, a household, the Kreis, a person


TEXT_KINDS = frozenset({Kind.NAME, Kind.TEXT, Kind.LONG_TEXT, Kind.EMAIL})


class Anonymise(StrEnum):
    KEEP = "keep"  # statistics need it (Kreis, year of birth, gender, country, dates)
    ERASE = "erase"  # emptied
    MARK = "mark"  # replaced by "anonymisiert" (the names: the record stays listable)


ANONYMISED = "anonymisiert"
_BLANK: Any = object()
PERSON, COUNSELLING = "person", "beratung"


class Export(NamedTuple):
    """Where the subject-access export shows a field: section, place in it, key."""

    section: str
    position: int
    key: str


@dataclass(frozen=True)
class ClientField:
    name: str
    label: Any  # the form label
    kind: Kind
    export: Export
    subject: str = ""  # how messages name it: "Der Vorname …"
    max_length: int = 0
    required: bool = False
    minimal: bool = False  # kept in a record without consent to counselling
    anonymise: Anonymise = Anonymise.ERASE
    typed: bool = True  # typed into the client form (else set by a service)
    not_future: bool = False
    choices: Any = None  # the model's choices (CHOICE)
    invalid: str = ""  # message for a value outside the choices or the record's Kreis
    help_text: Any = ""
    initial: Any = _BLANK  # what ClientData holds when the field is not given

    @property
    def empty(self) -> Any:
        """An empty value of the field's kind (also what anonymisation leaves)."""
        return "" if self.kind in TEXT_KINDS or self.kind == Kind.CHOICE else None

    @property
    def default(self) -> Any:
        return self.empty if self.initial is _BLANK else self.initial

    @property
    def must_be_given(self) -> bool:
        """Required, and nothing to fall back on (the names, the counselling start)."""
        return self.required and self.initial is _BLANK

    def exported(self, client: Client) -> Any:
        value = getattr(client, self.name)
        if self.kind == Kind.DATE:
            return value.isoformat() if value else None
        if self.kind == Kind.CHOICE:
            return getattr(client, f"get_{self.name}_display")()
        if self.kind == Kind.RELATION:
            return str(value) if value else None
        return value


K, E, A = Kind, Export, Anonymise
# fmt: off
FIELDS: tuple[ClientField, ...] = (
    # --- typed into the form, in form order
    ClientField("first_name", _("Vorname"), K.NAME, E(PERSON, 1, "vorname"), "Der Vorname",
                100, required=True, minimal=True, anonymise=A.MARK),
    ClientField("last_name", _("Nachname"), K.NAME, E(PERSON, 2, "nachname"), "Der Nachname",
                100, required=True, minimal=True, anonymise=A.MARK),
    ClientField("birth_date", _("Geburtsdatum"), K.DATE, E(PERSON, 3, "geburtsdatum"),
                "Das Geburtsdatum", minimal=True, not_future=True),
    ClientField("birth_year", _("Geburtsjahr"), K.YEAR, E(PERSON, 4, "geburtsjahr"),
                minimal=True, anonymise=A.KEEP,
                help_text=_("Wenn das genaue Datum nicht bekannt ist.")),
    ClientField("gender", _("Geschlecht"), K.CHOICE, E(PERSON, 5, "geschlecht"), required=True,
                minimal=True, anonymise=A.KEEP, choices=Client.Gender.choices,
                invalid="Bitte wählen Sie eine gültige Angabe zum Geschlecht.",
                initial=Client.Gender.UNKNOWN),
    ClientField("gemeinde", _("Wohngemeinde"), K.RELATION, E(PERSON, 11, "wohngemeinde"),
                minimal=True, anonymise=A.KEEP,
                invalid="Die Gemeinde liegt nicht im Kreis der Akte."),
    ClientField("household", _("Haushalt"), K.RELATION, E(PERSON, 12, "haushalt"), minimal=True,
                invalid="Der Haushalt gehört zu einem anderen Kreis."),
    ClientField("country_of_origin", _("Herkunftsland"), K.TEXT, E(PERSON, 6, "herkunftsland"),
                "Das Herkunftsland", 100, anonymise=A.KEEP),
    ClientField("languages", _("Sprachen"), K.TEXT, E(PERSON, 7, "sprachen"),
                "Die Angabe zu Sprachen", 200),
    ClientField("residence_status", _("Aufenthaltsstatus"), K.TEXT,
                E(PERSON, 8, "aufenthaltsstatus"), "Der Aufenthaltsstatus", 100),
    ClientField("phone", _("Telefon"), K.TEXT, E(PERSON, 9, "telefon"), "Die Telefonnummer", 50),
    ClientField("email", _("E-Mail"), K.EMAIL, E(PERSON, 10, "e_mail"), "Die E-Mail-Adresse",
                254),
    ClientField("name_original", _("Name in Originalschrift (wie geschrieben)"), K.TEXT,
                E(PERSON, 13, "name_in_originalschrift"), "Der Name in Originalschrift", 200,
                minimal=True),
    ClientField("household_relation", _("Stellung im Haushalt"), K.CHOICE,
                E(PERSON, 20, "stellung_im_haushalt"), choices=Client.Relation.choices,
                invalid="Bitte wählen Sie die Stellung im Haushalt."),
    ClientField("nationality", _("Staatsangehörigkeit"), K.TEXT,
                E(PERSON, 14, "staatsangehoerigkeit"), "Die Staatsangehörigkeit", 100),
    ClientField("residence_valid_until", _("Aufenthaltstitel gültig bis"), K.DATE,
                E(PERSON, 15, "aufenthaltstitel_gueltig_bis")),
    ClientField("street", _("Anschrift (Straße, Hausnummer)"), K.TEXT, E(PERSON, 16, "anschrift"),
                "Die Anschrift", 200),
    ClientField("school_qualification", _("Schulabschluss"), K.TEXT,
                E(PERSON, 17, "schulabschluss"), "Der Schulabschluss", 200),
    ClientField("vocational_qualification", _("Berufsabschluss / Studium"), K.TEXT,
                E(PERSON, 18, "berufsabschluss"), "Der Berufsabschluss", 200),
    ClientField("occupation", _("ausgeübte Tätigkeit"), K.TEXT, E(PERSON, 19, "taetigkeit"),
                "Die Tätigkeit", 200),
    ClientField("housing_entry", _("Einzug in die Anschlussunterbringung"), K.DATE,
                E(COUNSELLING, 6, "einzug_anschlussunterbringung"), "Der Einzug",
                anonymise=A.KEEP, not_future=True),
    ClientField("counselling_start", _("Beratung seit"), K.DATE, E(COUNSELLING, 3, "seit"),
                "Der Beratungsbeginn", required=True, minimal=True, anonymise=A.KEEP,
                not_future=True),
    ClientField("planned_end", _("geplantes Ende der Beratung"), K.DATE,
                E(COUNSELLING, 7, "geplantes_ende"), anonymise=A.KEEP,
                help_text=format_lazy(
                    _("Höchstens {years} Jahre nach Beginn, mit Begründung {justified} Jahre."),
                    years=COUNSELLING_LIMIT.years,
                    justified=COUNSELLING_LIMIT.justified_years,
                )),
    ClientField("extension_reason",
                format_lazy(_("Begründung für eine Beratung über {years} Jahre"),
                            years=COUNSELLING_LIMIT.years),
                K.LONG_TEXT, E(COUNSELLING, 8, "begruendung_verlaengerung"), "Die Begründung",
                2000),
    # --- set by the services, shown in the export
    ClientField("health_notes", _("Gesundheitliche Hinweise"), K.LONG_TEXT,
                E(PERSON, 21, "gesundheitliche_hinweise"), typed=False),
    ClientField("kreis", _("Kreis"), K.RELATION, E(COUNSELLING, 1, "kreis"),
                anonymise=A.KEEP, typed=False),
    ClientField("responsible", _("zuständig"), K.RELATION, E(COUNSELLING, 2, "zustaendig"),
                anonymise=A.KEEP, typed=False),
    ClientField("counselling_end", _("Beratung beendet am"), K.DATE,
                E(COUNSELLING, 4, "beendet_am"), anonymise=A.KEEP, typed=False),
    ClientField("status", _("Status"), K.CHOICE, E(COUNSELLING, 5, "status"),
                anonymise=A.KEEP, typed=False, choices=Client.Status.choices),
    ClientField("end_reason", _("Grund für das Ende der Beratung"), K.CHOICE,
                E(COUNSELLING, 9, "beendigungsgrund"), anonymise=A.KEEP, typed=False,
                choices=Client.EndReason.choices),
)
# fmt: on
del K, E, A

BY_NAME = {f.name: f for f in FIELDS}
#: The fields of the client form and of ``ClientData``, in form order.
TYPED = tuple(f for f in FIELDS if f.typed)
TYPED_NAMES = tuple(f.name for f in TYPED)
#: Columns derived from each name field: the search key and the duplicate check's match form.
DERIVED_SUFFIXES = ("_key", "_match")
#: What a record may hold while there is no consent to counselling (a first contact).
MINIMAL = frozenset(
    {f.name for f in FIELDS if f.minimal}
    | {f"{f.name}{suffix}" for f in FIELDS if f.kind == Kind.NAME for suffix in DERIVED_SUFFIXES}
)


class ClientData:
    """The typed-in fields of a client record (``TYPED``), as a form or a caller gives them;
    ``services.clients`` checks and cleans them. Keyword arguments only; the required ones
    (names, counselling start) must be given."""

    __slots__ = ("_values",)

    def __init__(self, **values: Any) -> None:
        unknown = sorted(set(values) - set(TYPED_NAMES))
        if unknown:
            raise TypeError(f"ClientData: unbekannte Felder {unknown}")
        missing = [f.name for f in TYPED if f.must_be_given and f.name not in values]
        if missing:
            raise TypeError(f"ClientData: es fehlen {missing}")
        object.__setattr__(self, "_values", {f.name: values.get(f.name, f.default) for f in TYPED})

    def __getattr__(self, name: str) -> Any:
        values = object.__getattribute__(self, "_values") if name != "_values" else {}
        try:
            return values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("ClientData ist unveränderlich.")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ClientData) and self._values == other._values

    def __hash__(self) -> int:
        return hash(tuple(self._values.items()))

    def __repr__(self) -> str:
        return f"ClientData({self._values!r})"

    @classmethod
    def of(cls, client: Client) -> ClientData:
        """What the record holds now (to change a few fields and save it again)."""
        return cls(**{name: getattr(client, name) for name in TYPED_NAMES})


def export_section(client: Client, section: str) -> dict[str, Any]:
    """One section of the subject-access export, in its order."""
    shown = sorted((f for f in FIELDS if f.export.section == section), key=lambda f: f.export)
    return {f.export.key: f.exported(client) for f in shown}


def anonymised_values() -> dict[str, Any]:
    """What anonymisation writes into the record's own fields (derived name keys included)."""
    values: dict[str, Any] = {}
    for f in FIELDS:
        if f.anonymise == Anonymise.MARK:
            values[f.name] = ANONYMISED
        elif f.anonymise == Anonymise.ERASE:
            values[f.name] = f.empty
        if f.kind == Kind.NAME:
            values.update({f"{f.name}{suffix}": "" for suffix in DERIVED_SUFFIXES})
    return values
