"""Forms of the network pages: parse and show errors; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pik.casework.forms import CleanTextMixin
from pik.casework.models import PlanField
from pik.core.forms import DatalistInput, DateInput
from pik.network.models import Actor


class ReferralForm(CleanTextMixin, forms.Form):
    partner = forms.ChoiceField(label=_("Netzwerkpartner aus dem Verzeichnis"), required=False)
    network_actor = forms.CharField(
        label=_("oder Name eines Partners, der nicht im Verzeichnis steht"),
        max_length=200,
        required=False,
    )
    step = forms.ChoiceField(label=_("zum Schritt im Integrationsplan"), required=False)
    purpose = forms.CharField(label=_("Anlass / was wird weitergegeben"), max_length=300)
    shared_on = forms.DateField(label=_("weitergegeben am"), widget=DateInput())

    def __init__(
        self,
        *args: Any,
        partners: list[tuple[int, str]] = (),  # type: ignore[assignment]
        steps: list[tuple[int, str]] = (),  # type: ignore[assignment]
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [("", _("bitte wählen")), *partners]  # type: ignore[attr-defined]
        self.fields["step"].choices = [("", _("ohne Bezug zu einem Schritt")), *steps]  # type: ignore[attr-defined]


class ReferralProgressForm(CleanTextMixin, forms.Form):
    action = forms.ChoiceField(
        label=_("Neuer Stand"),
        choices=[
            ("accept", _("vom Partner angenommen")),
            ("appointment", _("Termin vereinbart")),
            ("done", _("erledigt")),
            ("not_taken_up", _("nicht wahrgenommen")),
        ],
    )
    appointment_on = forms.DateField(label=_("Termin am"), widget=DateInput(), required=False)
    feedback = forms.CharField(
        label=_("Rückmeldung des Partners"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ActorForm(CleanTextMixin, forms.Form):
    """A network partner; the service checks every field again and answers in German."""

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Art"))
    gemeinde = forms.ChoiceField(label=_("Gemeinde"))
    address = forms.CharField(label=_("Anschrift"), max_length=200, required=False)
    contact_persons = forms.CharField(
        label=_("Ansprechpersonen"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    phone = forms.CharField(label=_("Telefon"), max_length=50, required=False)
    email = forms.CharField(label=_("E-Mail"), max_length=254, required=False)
    website = forms.CharField(label=_("Website"), max_length=200, required=False)
    languages = forms.CharField(
        label=_("Sprachen"),
        max_length=200,
        required=False,
        help_text=_("z. B. Deutsch, Arabisch, Ukrainisch"),
    )
    opening_hours = forms.CharField(
        label=_("Öffnungszeiten"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    topics = forms.MultipleChoiceField(
        label=_("Handlungsfelder"), widget=forms.CheckboxSelectMultiple, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, gemeinden: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("bitte wählen")), *Actor.Kind.choices]  # type: ignore[attr-defined]
        self.fields["gemeinde"].choices = [("", _("bitte wählen")), *gemeinden]  # type: ignore[attr-defined]
        self.fields["topics"].choices = PlanField.choices  # type: ignore[attr-defined]


class ActorFilterForm(forms.Form):
    text = forms.CharField(label=_("Name enthält"), required=False)
    topic = forms.ChoiceField(label=_("Handlungsfeld"), required=False)
    language = forms.CharField(label=_("Sprache"), required=False)
    gemeinde = forms.CharField(label=_("Gemeinde"), required=False, max_length=150)

    def __init__(self, *args: Any, gemeinden: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("alle")), *PlanField.choices]  # type: ignore[attr-defined]
        self.fields["gemeinde"].widget = DatalistInput([name for _ags, name in gemeinden])


class ActorImportForm(forms.Form):
    file = forms.FileField(
        label=_("Datei (CSV oder XLSX)"),
        help_text=_(
            "Erste Zeile: name, kind, gemeinde, address, contact_persons, phone, email, website, "
            "languages, opening_hours, topics – wie in der Exportdatei."
        ),
    )
