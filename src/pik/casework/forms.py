"""Forms of the casework pages: parse and show errors; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pik.casework.models import (
    Client,
    Consent,
    Contact,
    ErasureReason,
    Goal,
    Plan,
    PlanField,
    Step,
)
from pik.casework.services import CLIENT_FIELDS, LANGUAGES, ClientData, PlanData

LANGUAGE_NAMES = {
    "de": "Deutsch",
    "en": "English (Englisch)",
    "ar": "العربية (Arabisch)",
    "uk": "Українська (Ukrainisch)",
    "fa": "فارسی (Farsi)",
    "tr": "Türkçe (Türkisch)",
}
LANGUAGE_CHOICES = [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def show_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's German messages next to the fields they concern."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _no_nul(value: Any) -> Any:
    if isinstance(value, str) and "\x00" in value:
        raise ValidationError(_("Die Eingabe enthält unzulässige Zeichen."))
    return value


class CleanTextMixin:
    """Refuse NUL bytes everywhere before they reach a service or the database."""

    cleaned_data: dict[str, Any]

    def clean(self) -> dict[str, Any]:
        data = super().clean()  # type: ignore[misc]
        for key, value in list(data.items()):
            try:
                _no_nul(value)
            except ValidationError as exc:
                self.add_error(key, exc)  # type: ignore[attr-defined]
        return data


class ClientForm(CleanTextMixin, forms.Form):
    first_name = forms.CharField(label=_("Vorname"), max_length=100)
    last_name = forms.CharField(label=_("Nachname"), max_length=100)
    birth_date = forms.DateField(label=_("Geburtsdatum"), required=False, widget=DateInput())
    birth_year = forms.IntegerField(
        label=_("Geburtsjahr"),
        required=False,
        help_text=_("Wenn das genaue Datum nicht bekannt ist."),
    )
    gender = forms.ChoiceField(label=_("Geschlecht"), choices=Client.Gender.choices)
    gemeinde: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Wohngemeinde"), queryset=None, required=False, empty_label="–"
    )
    household: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Haushalt"), queryset=None, required=False, empty_label="–"
    )
    country_of_origin = forms.CharField(label=_("Herkunftsland"), max_length=100, required=False)
    languages = forms.CharField(label=_("Sprachen"), max_length=200, required=False)
    residence_status = forms.CharField(label=_("Aufenthaltsstatus"), max_length=100, required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=50, required=False)
    email = forms.CharField(label=_("E-Mail"), max_length=254, required=False)
    name_original = forms.CharField(
        label=_("Name in Originalschrift (wie geschrieben)"), max_length=200, required=False
    )
    household_relation = forms.ChoiceField(
        label=_("Stellung im Haushalt"),
        choices=[("", "–"), *Client.Relation.choices],
        required=False,
    )
    nationality = forms.CharField(label=_("Staatsangehörigkeit"), max_length=100, required=False)
    residence_valid_until = forms.DateField(
        label=_("Aufenthaltstitel gültig bis"), required=False, widget=DateInput()
    )
    street = forms.CharField(
        label=_("Anschrift (Straße, Hausnummer)"), max_length=200, required=False
    )
    school_qualification = forms.CharField(
        label=_("Schulabschluss"), max_length=200, required=False
    )
    vocational_qualification = forms.CharField(
        label=_("Berufsabschluss / Studium"), max_length=200, required=False
    )
    occupation = forms.CharField(label=_("ausgeübte Tätigkeit"), max_length=200, required=False)
    housing_entry = forms.DateField(
        label=_("Einzug in die Anschlussunterbringung"), required=False, widget=DateInput()
    )
    counselling_start = forms.DateField(label=_("Beratung seit"), widget=DateInput())
    planned_end = forms.DateField(
        label=_("geplantes Ende der Beratung"),
        required=False,
        widget=DateInput(),
        help_text=_("Höchstens 3 Jahre nach Beginn, mit Begründung 4 Jahre."),
    )
    extension_reason = forms.CharField(
        label=_("Begründung für eine Beratung über 3 Jahre"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, gemeinden: Any, households: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gemeinde"].queryset = gemeinden  # type: ignore[attr-defined]
        self.fields["household"].queryset = households  # type: ignore[attr-defined]

    def client_data(self) -> ClientData:
        d = self.cleaned_data
        return ClientData(
            first_name=d["first_name"],
            last_name=d["last_name"],
            birth_date=d.get("birth_date"),
            birth_year=d.get("birth_year"),
            gender=d["gender"],
            gemeinde=d.get("gemeinde"),
            household=d.get("household"),
            country_of_origin=d.get("country_of_origin", ""),
            languages=d.get("languages", ""),
            residence_status=d.get("residence_status", ""),
            phone=d.get("phone", ""),
            email=d.get("email", ""),
            counselling_start=d["counselling_start"],
            name_original=d.get("name_original", ""),
            household_relation=d.get("household_relation", ""),
            nationality=d.get("nationality", ""),
            residence_valid_until=d.get("residence_valid_until"),
            street=d.get("street", ""),
            school_qualification=d.get("school_qualification", ""),
            vocational_qualification=d.get("vocational_qualification", ""),
            occupation=d.get("occupation", ""),
            housing_entry=d.get("housing_entry"),
            planned_end=d.get("planned_end"),
            extension_reason=d.get("extension_reason", ""),
        )

    @staticmethod
    def initial_for(client: Client) -> dict[str, Any]:
        return {name: getattr(client, name) for name in CLIENT_FIELDS} | {"version": client.version}


class ClientCreateForm(ClientForm):
    household_name = forms.CharField(
        label=_("oder neuer Haushalt"),
        max_length=150,
        required=False,
        help_text=_("z. B. „Familie Haddad, Gartenstraße“ – weitere Personen wählen ihn dann aus."),
    )
    consent_given_on = forms.DateField(
        label=_("Einwilligung zur Teilnahme unterschrieben am"),
        widget=DateInput(),
        required=False,
        help_text=_(
            "Ohne Einwilligung wird nur eine Minimalakte (Name, Geburt, Gemeinde) angelegt; "
            "Kontakte und Plan gibt es erst mit Einwilligung. Das Formular können Sie nach dem "
            "Anlegen zweisprachig drucken."
        ),
    )
    consent_language = forms.ChoiceField(
        label=_("Sprache des Einwilligungsformulars"), choices=LANGUAGE_CHOICES
    )
    responsible: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("zuständig"),
        queryset=None,
        required=False,
        empty_label=_("noch niemand (offen in der Koordination)"),
    )
    confirm_duplicate = forms.BooleanField(
        label=_("Ich habe die ähnlichen Einträge geprüft: Es ist eine andere Person."),
        required=False,
    )

    def __init__(self, *args: Any, managers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if managers is None:
            del self.fields["responsible"]
        else:
            self.fields["responsible"].queryset = managers  # type: ignore[attr-defined]


class ClientEditForm(ClientForm):
    version = forms.IntegerField(widget=forms.HiddenInput())


class HealthNotesForm(CleanTextMixin, forms.Form):
    notes = forms.CharField(
        label=_("Gesundheitliche Hinweise"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput())


class ContactForm(CleanTextMixin, forms.Form):
    occurred_on = forms.DateField(label=_("Datum"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Art"), choices=Contact.Kind.choices)
    duration_minutes = forms.IntegerField(label=_("Dauer (Minuten)"), min_value=1, max_value=600)
    topics = forms.MultipleChoiceField(
        label=_("Themen"),
        choices=PlanField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interpreter = forms.BooleanField(label=_("mit Dolmetschung"), required=False)
    notes = forms.CharField(
        label=_("Notiz"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"occurred_on": timezone.localdate(), "kind": "in_person", "duration_minutes": 30},
        )
        super().__init__(*args, **kwargs)


class ConsentForm(CleanTextMixin, forms.Form):
    purpose = forms.ChoiceField(label=_("Zweck"), choices=Consent.Purpose.choices)
    given_on = forms.DateField(label=_("erteilt am"), widget=DateInput())
    scope_text = forms.CharField(
        label=_("Umfang"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    form_language = forms.ChoiceField(label=_("Sprache des Formulars"), choices=LANGUAGE_CHOICES)
    form = forms.ChoiceField(label=_("Form"), choices=Consent.Form.choices)
    scan = forms.FileField(
        label=_("Scan des unterschriebenen Formulars (PDF oder Bild)"), required=False
    )
    witness = forms.CharField(
        label=_("Zeugin / Zeuge (bei mündlicher Einwilligung)"), max_length=200, required=False
    )
    network_actor = forms.CharField(
        label=_("Netzwerkpartner (bei Weitergabe)"), max_length=200, required=False
    )


class ReferralForm(CleanTextMixin, forms.Form):
    network_actor = forms.CharField(label=_("Netzwerkpartner"), max_length=200)
    purpose = forms.CharField(label=_("Anlass / was wird weitergegeben"), max_length=300)
    shared_on = forms.DateField(label=_("weitergegeben am"), widget=DateInput())


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("widerrufen am"), widget=DateInput())


class PlanForm(CleanTextMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Plan.Status.choices)
    agreed_on = forms.DateField(label=_("vereinbart am"), required=False, widget=DateInput())
    review_due = forms.DateField(label=_("nächste Überprüfung"), required=False, widget=DateInput())
    language_skills = forms.CharField(
        label=_("Sprachkenntnisse"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    school_education = forms.CharField(
        label=_("Schulbildung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    vocational_qualifications = forms.CharField(
        label=_("Berufliche Qualifikation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    occupation = forms.CharField(
        label=_("Tätigkeit / Beruf"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    interests = forms.CharField(
        label=_("Interessen"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    agreements = forms.CharField(
        label=_("Vereinbarungen"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in PlanField.choices:
            self.fields[f"situation_{value}"] = forms.CharField(
                label=_("Ausgangslage: %(field)s") % {"field": label},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def situation_initial(plan: Plan | None) -> dict[str, str]:
        situations = plan.situations if plan is not None else {}
        return {f"situation_{k}": v for k, v in situations.items()}

    def plan_data(self) -> PlanData:
        d = self.cleaned_data
        return PlanData(
            status=d["status"],
            agreed_on=d.get("agreed_on"),
            review_due=d.get("review_due"),
            situations={
                value: d[f"situation_{value}"]
                for value in PlanField.values
                if d.get(f"situation_{value}")
            },
            **{name: d.get(name, "") for name in Plan.TEXT_FIELDS},
        )


class GoalForm(CleanTextMixin, forms.Form):
    field = forms.ChoiceField(label=_("Handlungsfeld"), choices=PlanField.choices)
    description = forms.CharField(
        label=_("Ziel"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    target_date = forms.DateField(label=_("Zieldatum"), required=False, widget=DateInput())


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Goal.Status.choices)


class StepForm(CleanTextMixin, forms.Form):
    description = forms.CharField(label=_("Schritt"), max_length=300)
    who = forms.ChoiceField(label=_("wer"), choices=Step.Who.choices)
    due_on = forms.DateField(label=_("bis"), required=False, widget=DateInput())


class TaskForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Aufgabe"), max_length=200)
    due_on = forms.DateField(label=_("fällig am"), widget=DateInput())


class CloseForm(forms.Form):
    ended_on = forms.DateField(label=_("Beratung beendet am"), widget=DateInput())


class PersonChoiceForm(CleanTextMixin, forms.Form):
    """Choose a manager of the Kreis (handover, assignment, transfer)."""

    person: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("an"), queryset=None)
    note = forms.CharField(
        label=_("Hinweis"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        people: Any,
        label: str,
        required: bool = True,
        note: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        field.queryset = people  # type: ignore[attr-defined]
        field.label, field.required = label, required
        if not required:
            field.empty_label = _("noch niemand")  # type: ignore[attr-defined]
        if not note:
            del self.fields["note"]


class TransferForm(CleanTextMixin, forms.Form):
    to_kreis: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("neuer Kreis"), queryset=None
    )
    reason = forms.CharField(
        label=_("Anlass"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, kreise: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_kreis"].queryset = kreise  # type: ignore[attr-defined]


class EraseForm(CleanTextMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Grund der Löschung"), choices=ErasureReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Anmerkung (ohne Namen; wird dauerhaft protokolliert)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("z. B. „Antrag vom 01.10.“; bei „Sonstiges“ erforderlich."),
    )
    confirm_name = forms.CharField(label=_("Zur Bestätigung: Nachname der Person"), max_length=100)
