"""Forms of the proof of use: thin parsers; the services check the content (German errors)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pik.core.fields import AmountField
from pik.funding.models import Position, ProofOfUse
from pik.funding.proofs import KEY_FIGURE_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProofNewForm(forms.Form):
    kind = forms.ChoiceField(label=_("Art des Nachweises"), choices=ProofOfUse.Kind.choices)
    year = forms.IntegerField(
        label=_("Jahr (Zwischennachweis)"), required=False, min_value=2017, max_value=2100
    )


class ProofLineForm(forms.Form):
    filled_from = forms.DateField(label=_("besetzt ab"), required=False, widget=DATE)
    filled_to = forms.DateField(label=_("besetzt bis"), required=False, widget=DATE)
    # Not AmountField's own minimum: the service says in one sentence that it may not be negative.
    salary_paid = AmountField(
        label=_("gezahltes Entgelt im Zeitraum (EUR)"),
        required=False,
        min_value=None,
        allow_negative=True,
    )
    interrupted_from = forms.DateField(
        label=_("Gehaltszahlung unterbrochen ab"), required=False, widget=DATE
    )
    interrupted_to = forms.DateField(label=_("unterbrochen bis"), required=False, widget=DATE)
    changed_on = forms.DateField(
        label=_("Wechsel der Person oder Qualifikation am"), required=False, widget=DATE
    )
    new_person_name = forms.CharField(label=_("neue Person"), required=False, max_length=200)
    new_qualification = forms.ChoiceField(
        label=_("neue Qualifikation"),
        required=False,
        choices=[("", _("unverändert")), *Position.Qualification.choices],
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, prefix_id: int | None = None, **kwargs: Any):
        kwargs.setdefault("auto_id", f"line{prefix_id}-%s" if prefix_id else "id_%s")
        super().__init__(*args, **kwargs)


class ReportForm(forms.Form):
    file = forms.FileField(label=_("Sachbericht (PDF oder Word/DOCX, höchstens 10 MB)"))


class KeyFiguresForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name, label in KEY_FIGURE_FIELDS:
            self.fields[name] = forms.IntegerField(label=label, min_value=0)


class InvoiceForm(forms.Form):
    invoice_date = forms.DateField(label=_("Rechnungsdatum"), widget=DATE)
    number = forms.CharField(label=_("Rechnungsnummer"), max_length=100)
    supplier = forms.CharField(label=_("Rechnungssteller"), max_length=200)
    amount = AmountField(label=_("Betrag (EUR)"), min_value=None, allow_negative=True)
    file = forms.FileField(label=_("Rechnung (PDF, PNG oder JPEG, höchstens 10 MB)"))


class FindingForm(forms.Form):
    text = forms.CharField(
        label=_("Feststellung"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ProofStepForm(forms.Form):
    action = forms.CharField(max_length=40)
    version = forms.IntegerField()


class KeyFiguresConfirmForm(forms.Form):
    """The confirmation of key figures taken from case work: the proof's version the page had
    (a change by someone else in between is refused, not confirmed unseen)."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
