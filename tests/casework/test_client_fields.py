"""The client's fields are declared once (pik.casework.client_fields), and that declaration drives
the checks, the form, the subject-access export and the anonymisation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from pik.casework import client_fields, forms, services
from pik.casework.client_fields import (
    ANONYMISED,
    COUNSELLING_LIMIT,
    FIELDS,
    TYPED_NAMES,
    Anonymise,
    ClientData,
    CounsellingLimit,
)
from pik.casework.models import Client
from pik.casework.selectors import client_export
from tests.casework.factories import data, make_client

TODAY = timezone.localdate

#: Fields of the table that are not the person's data: keys, bookkeeping, the sharing.
RECORD_INTERNAL = {
    "id",
    "created_at",
    "updated_at",
    "first_name_key",
    "last_name_key",
    "first_name_match",
    "last_name_match",
    "anonymised_at",
    "version",
    "shared_with",
    "counts_in_statistics",
}


def test_every_field_of_the_table_is_declared_or_internal() -> None:
    """A new column must be declared: the export shows it and anonymisation knows what to do."""
    # forward fields and the many-to-many one; not the reverse relations of other tables
    columns = {f.name for f in Client._meta.get_fields() if not (f.is_relation and f.auto_created)}
    assert columns - RECORD_INTERNAL == {f.name for f in FIELDS}


def test_the_form_has_the_declared_fields_in_their_order_and_labels() -> None:
    form = forms.ClientCreateForm(gemeinden=None, households=None, managers=None)
    names = list(form.fields)
    assert names[: len(TYPED_NAMES)] == list(TYPED_NAMES)
    assert names[len(TYPED_NAMES) :] == [
        "household_name",
        "consent_given_on",
        "consent_language",
        "confirm_duplicate",
    ]
    for spec in client_fields.TYPED:
        assert str(form.fields[spec.name].label) == str(spec.label)
    assert list(forms.ClientEditForm(gemeinden=None, households=None).fields)[-1] == "version"


def test_client_data_takes_only_declared_fields_and_needs_the_required_ones() -> None:
    with pytest.raises(TypeError, match="unbekannte"):
        ClientData(first_name="A", last_name="B", counselling_start=TODAY(), shoe_size=42)
    with pytest.raises(TypeError, match="fehlen"):
        ClientData(first_name="A", last_name="B")
    given = ClientData(first_name="A", last_name="B", counselling_start=TODAY())
    assert given.gender == Client.Gender.UNKNOWN and given.birth_date is None and given.phone == ""


def test_the_export_shows_every_declared_field_in_the_former_order(im, world) -> None:  # type: ignore[no-untyped-def]
    record = make_client(im, world.kreis_a, phone="0711 1", nationality="syrisch")
    exported = client_export(user=im, client=record)
    assert list(exported["person"]) == [
        "vorname",
        "nachname",
        "geburtsdatum",
        "geburtsjahr",
        "geschlecht",
        "herkunftsland",
        "sprachen",
        "aufenthaltsstatus",
        "telefon",
        "e_mail",
        "wohngemeinde",
        "haushalt",
        "name_in_originalschrift",
        "staatsangehoerigkeit",
        "aufenthaltstitel_gueltig_bis",
        "anschrift",
        "schulabschluss",
        "berufsabschluss",
        "taetigkeit",
        "stellung_im_haushalt",
        "gesundheitliche_hinweise",
    ]
    assert list(exported["beratung"]) == [
        "kreis",
        "zustaendig",
        "seit",
        "beendet_am",
        "status",
        "einzug_anschlussunterbringung",
        "geplantes_ende",
        "begruendung_verlaengerung",
        "beendigungsgrund",
    ]
    assert exported["person"]["telefon"] == "0711 1"
    assert exported["person"]["geschlecht"] == "keine Angabe"
    assert exported["beratung"]["seit"] == record.counselling_start.isoformat()
    assert exported["beratung"]["kreis"] == str(world.kreis_a)


def test_anonymisation_does_to_each_field_what_the_declaration_says(im, world) -> None:  # type: ignore[no-untyped-def]
    full = {
        "languages": "Arabisch C2",
        "residence_status": "§ 25",
        "phone": "0711 1",
        "email": "a@example.org",
        "name_original": "محمد",
        "household_relation": "head",
        "nationality": "syrisch",
        "residence_valid_until": TODAY() + dt.timedelta(days=100),
        "street": "Gartenstraße 1",
        "school_qualification": "Abitur",
        "vocational_qualification": "Schneider",
        "occupation": "Lager",
        "country_of_origin": "Syrien",
        "birth_date": dt.date(1990, 5, 1),
        "birth_year": 1990,
        "housing_entry": TODAY() - dt.timedelta(days=120),
        "gemeinde": world.gemeinde_a,
    }
    record = make_client(im, world.kreis_a, household_name="Familie A", **full)
    services.client_close(
        client=record, ended_on=TODAY() - dt.timedelta(days=40), reason="goals_reached", actor=im
    )
    record.refresh_from_db()
    before = {spec.name: getattr(record, spec.name) for spec in FIELDS}
    with override_settings(CASEWORK_RETENTION_DAYS=30):
        assert services.retention_run() == [record.pk]
    record.refresh_from_db()
    for spec in FIELDS:
        value = getattr(record, spec.name)
        if spec.name == "status":
            assert value == Client.Status.ANONYMISED
        elif spec.anonymise == Anonymise.KEEP:
            assert value == before[spec.name], spec.name
        elif spec.anonymise == Anonymise.MARK:
            assert value == ANONYMISED, spec.name
        else:
            assert value in ("", None), spec.name
    assert record.first_name_key == record.last_name_key == ""
    assert record.first_name_match == record.last_name_match == ""


def test_a_record_without_consent_keeps_only_the_declared_minimal_fields(im, world) -> None:  # type: ignore[no-untyped-def]
    minimal = {f.name for f in FIELDS if f.minimal}
    assert minimal == {
        "first_name",
        "last_name",
        "name_original",
        "birth_date",
        "birth_year",
        "gender",
        "gemeinde",
        "household",
        "counselling_start",
    }
    kept = services.client_create(
        kreis=world.kreis_a,
        data=data(name_original="محمد", gemeinde=world.gemeinde_a),
        consent_given_on=None,
        actor=im,
    )
    assert kept.name_original == "محمد"
    with pytest.raises(ValidationError) as exc:
        services.client_create(
            kreis=world.kreis_a, data=data(street="Gartenstraße 1"), consent_given_on=None, actor=im
        )
    assert set(exc.value.message_dict) == {"street"}


def test_the_counselling_limit_is_read_from_one_place(im, world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert (COUNSELLING_LIMIT.years, COUNSELLING_LIMIT.justified_years) == (3, 4)
    form = forms.ClientCreateForm(gemeinden=None, households=None, managers=None)
    assert str(form.fields["planned_end"].help_text) == (
        "Höchstens 3 Jahre nach Beginn, mit Begründung 4 Jahre."
    )
    assert str(form.fields["extension_reason"].label) == "Begründung für eine Beratung über 3 Jahre"
    monkeypatch.setattr("pik.casework.services.clients.COUNSELLING_LIMIT", CounsellingLimit(2, 3))
    start = TODAY() - dt.timedelta(days=10)
    with pytest.raises(ValidationError) as exc:
        make_client(
            im,
            world.kreis_a,
            counselling_start=start,
            planned_end=start.replace(year=start.year + 2) + dt.timedelta(days=30),
        )
    assert "über 2 Jahre hinaus" in " ".join(exc.value.message_dict["extension_reason"])
    with pytest.raises(ValidationError) as exc:
        make_client(
            im,
            world.kreis_a,
            counselling_start=start,
            planned_end=start.replace(year=start.year + 3) + dt.timedelta(days=30),
            extension_reason="Ausbildung",
        )
    assert "höchstens 3 Jahre" in " ".join(exc.value.message_dict["planned_end"])
