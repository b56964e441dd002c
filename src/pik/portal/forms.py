"""The editors' forms and the contact search; services do the checks and say what is wrong."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pik.funding import selectors as funding
from pik.portal.selectors.content import CATEGORIES, FILE_KINDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def programme_choices() -> list[tuple[str, Any]]:
    return [("", _("alle Programme")), *((p.code, str(p)) for p in funding.programme_list())]


def show_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's German messages next to the fields they concern."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200, required=False)
    # Not required here: the service refuses a document without a category in its own words.
    category = forms.ChoiceField(
        label=_("Kategorie"),
        choices=[("", _("– bitte wählen –")), *CATEGORIES.choices],
        required=False,
    )
    programme_code = forms.ChoiceField(label=_("Förderprogramm"), choices=(), required=False)
    valid_from = forms.DateField(label=_("gültig ab"), widget=DateInput(), required=False)
    file = forms.FileField(
        label=_("Datei (PDF, DOCX oder XLSX)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx"}),
    )
    description = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme_code"].choices = programme_choices()  # type: ignore[attr-defined]


class EventForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Beginn"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ende"), widget=DateTimeInput())
    place = forms.CharField(label=_("Ort"), max_length=300, required=False)
    online_url = forms.CharField(label=_("Online-Teilnahme (Link)"), required=False)
    programme_code = forms.ChoiceField(label=_("Förderprogramm"), choices=(), required=False)
    registration_url = forms.CharField(label=_("Anmeldung (Link)"), required=False)
    description = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme_code"].choices = programme_choices()  # type: ignore[attr-defined]


class EventFileForm(forms.Form):
    kind = forms.ChoiceField(label=_("Art der Unterlage"), choices=FILE_KINDS.choices)
    file = forms.FileField(label=_("Datei (PDF, DOCX oder XLSX)"), required=False)


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}))
    shown_from = forms.DateField(label=_("anzeigen ab"), widget=DateInput())
    shown_until = forms.DateField(
        label=_("anzeigen bis (leer: bis auf Weiteres)"), widget=DateInput(), required=False
    )
    link_url = forms.CharField(label=_("Weiterführender Link"), required=False)
    link_text = forms.CharField(label=_("Linktext"), max_length=200, required=False)
    publish = forms.BooleanField(label=_("gleich veröffentlichen"), required=False)
