"""The editors' forms. Texts are checked by the services (German messages, all at once)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pik.portal.models import FaqCategory, FaqProgramme

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
