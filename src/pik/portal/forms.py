"""The editors' forms and the contact search; services do the checks and say what is wrong."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pik.core.forms import DateInput
from pik.funding import selectors as funding
from pik.portal.models import FaqCategory, FaqProgramme
from pik.portal.selectors.content import CATEGORIES, FILE_KINDS

DATETIME_FORMATS = ["%d.%m.%Y %H:%M", "%d.%m.%Y", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class PageForm(forms.Form):
    title_de = forms.CharField(label=_("Titel (deutsch)"), max_length=200)
    title_en = forms.CharField(label=_("Titel (englisch)"), max_length=200, required=False)
    parent: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Übergeordnete Seite"),
        queryset=None,
        required=False,
        empty_label=_("– keine (oberste Ebene) –"),
    )
    slug = forms.CharField(
        label=_("Adresse"),
        max_length=80,
        help_text=_("Kleinbuchstaben, Ziffern und Bindestriche, z. B. ueber-den-pakt"),
    )
    body_de = forms.CharField(
        label=_("Text (deutsch, Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("## Überschrift, **fett**, *kursiv*, - Aufzählung, [Linktext](https://…)"),
    )
    body_en = forms.CharField(
        label=_("Text (englisch, Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
    )
    is_published = forms.BooleanField(label=_("Veröffentlicht"), required=False)
    publish_at = forms.DateTimeField(
        label=_("Veröffentlichen ab"),
        required=False,
        input_formats=DATETIME_FORMATS,
        help_text=_("TT.MM.JJJJ SS:MM; leer: sofort"),
        widget=forms.DateTimeInput(format="%d.%m.%Y %H:%M"),
        error_messages={"invalid": _("Geben Sie Datum und Uhrzeit als TT.MM.JJJJ SS:MM ein.")},
    )
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, parents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]


class FaqForm(forms.Form):
    question_de = forms.CharField(label=_("Frage (deutsch)"), max_length=300)
    question_en = forms.CharField(label=_("Frage (englisch)"), max_length=300, required=False)
    answer_de = forms.CharField(
        label=_("Antwort (deutsch, Markdown)"), widget=forms.Textarea(attrs={"rows": 8})
    )
    answer_en = forms.CharField(
        label=_("Antwort (englisch, Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    category = forms.ChoiceField(label=_("Thema"), choices=FaqCategory.choices)
    programme = forms.ChoiceField(label=_("Programm"), choices=FaqProgramme.choices, required=False)
    slug = forms.CharField(
        label=_("Kurzadresse (Link auf die Antwort)"),
        max_length=80,
        help_text=_("Kleinbuchstaben, Ziffern und Bindestriche, z. B. wer-wird-gefoerdert"),
    )
    position = forms.IntegerField(label=_("Reihenfolge"), min_value=0, max_value=999, initial=0)
    is_published = forms.BooleanField(label=_("Veröffentlicht"), required=False, initial=True)
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def programme_choices() -> list[tuple[str, Any]]:
    return [("", _("alle Programme")), *((p.code, str(p)) for p in funding.programme_list())]


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
