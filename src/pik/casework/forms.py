"""Forms of the casework pages: parse and show errors; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pik.casework.client_fields import TYPED, TYPED_NAMES, ClientData, ClientField, Kind
from pik.casework.languages import CHOICES as LANGUAGE_CHOICES
from pik.casework.languages import LanguageSelect
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
from pik.casework.services.plans import PlanData
from pik.core.forms import DateInput, Fieldsets
from pik.core.validation import errors_into_form

# The kernel's, under the name casework's views know it by.
show_errors = errors_into_form


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


def _client_field(spec: ClientField) -> forms.Field:
    """The form field of one declared client field (the service checks the values)."""
    common: dict[str, Any] = {"label": spec.label, "required": spec.required}
    if spec.help_text:
        common["help_text"] = spec.help_text
    if spec.kind == Kind.DATE:
        return forms.DateField(widget=DateInput(), **common)
    if spec.kind == Kind.YEAR:
        return forms.IntegerField(**common)
    if spec.kind == Kind.CHOICE:
        choices = spec.choices if spec.required else [("", "–"), *spec.choices]
        return forms.ChoiceField(choices=choices, **common)
    if spec.kind == Kind.RELATION:
        return forms.ModelChoiceField(queryset=None, empty_label="–", **common)
    if spec.kind == Kind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), **common)
    return forms.CharField(max_length=spec.max_length, **common)


class ClientForm(Fieldsets, CleanTextMixin, forms.Form):
    """The personal fields as ``client_fields`` declares them, in groups (person, residence,
    contact, counselling); a field no group names follows at the end."""

    fieldsets = (
        (_("Mögliche Doppelerfassung"), ["confirm_duplicate"]),
        (
            _("Person"),
            [
                "first_name",
                "last_name",
                "name_original",
                "birth_date",
                "birth_year",
                "gender",
                "country_of_origin",
                "nationality",
                "languages",
                "school_qualification",
                "vocational_qualification",
                "occupation",
            ],
        ),
        (
            _("Wohnen und Aufenthalt"),
            [
                "gemeinde",
                "street",
                "household",
                "household_name",
                "household_relation",
                "housing_entry",
                "residence_status",
                "residence_valid_until",
            ],
        ),
        (_("Kontakt"), ["phone", "email"]),
        (
            _("Beratung"),
            [
                "counselling_start",
                "planned_end",
                "extension_reason",
                "responsible",
                "consent_given_on",
                "consent_language",
                "health_notes",
            ],
        ),
    )

    def __init__(self, *args: Any, gemeinden: Any, households: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        declared = {spec.name: _client_field(spec) for spec in TYPED}
        self.fields = {**declared, **self.fields}
        self.fields["gemeinde"].queryset = gemeinden  # type: ignore[attr-defined]
        self.fields["household"].queryset = households  # type: ignore[attr-defined]

    def client_data(self) -> ClientData:
        d = self.cleaned_data
        return ClientData(**{spec.name: d.get(spec.name, spec.default) for spec in TYPED})

    @staticmethod
    def initial_for(client: Client) -> dict[str, Any]:
        return {name: getattr(client, name) for name in TYPED_NAMES} | {"version": client.version}


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
        label=_("Sprache des Einwilligungsformulars"),
        choices=LANGUAGE_CHOICES,
        widget=LanguageSelect,
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
    form_language = forms.ChoiceField(
        label=_("Sprache des Formulars"), choices=LANGUAGE_CHOICES, widget=LanguageSelect
    )
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
    def initial_for(plan: Plan | None) -> dict[str, Any]:
        """What the form shows of a plan (version 0: there is none yet)."""
        if plan is None:
            return {"version": 0}
        return {
            "version": plan.version,
            "status": plan.status,
            "agreed_on": plan.agreed_on,
            "review_due": plan.review_due,
            **{name: getattr(plan, name) for name in Plan.TEXT_FIELDS},
            **{f"situation_{k}": v for k, v in plan.situations.items()},
        }

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
    reason = forms.ChoiceField(
        label=_("Grund für das Ende der Beratung"),
        choices=Client.EndReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie aus, warum die Beratung endet.")},
        help_text=_("Zählt anonym in den Kennzahlen (beendete Beratungen nach Grund)."),
    )


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
