from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from pik.core.fields import AmountField, DecimalInputField
from pik.core.forms import DatalistInput
from pik.funding.models import Application, PaymentRequest, Position, RepaymentClaim


class ApplicationFilterForm(forms.Form):
    search = forms.CharField(
        label=_("Suche: Aktenzeichen oder Antragsteller"), required=False, max_length=100
    )
    programme = forms.ChoiceField(label=_("Programm"), required=False)
    year = forms.IntegerField(label=_("Förderjahr"), required=False, min_value=2017, max_value=2100)
    kreis = forms.CharField(label=_("Kreis"), required=False, max_length=100)
    gemeinde = forms.CharField(
        label=_("Gemeinde"),
        required=False,
        max_length=150,
        help_text=_("Name, z. B. „Böblingen“; auch Gemeinden eines Zusammenschlusses"),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "alle"), *Application.Status.choices]
    )
    case_worker = forms.TypedChoiceField(
        label=_("Zuständige Sachbearbeitung"), required=False, coerce=int, empty_value=None
    )
    waiting_for_me = forms.BooleanField(label=_("nur was auf mich wartet"), required=False)

    def __init__(
        self,
        *args: Any,
        programmes: Any = (),
        case_workers: Any = (),
        kreise: Any = (),
        gemeinde_source: str = "",
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.fields["kreis"].widget = DatalistInput([k.name for k in kreise])
        self.fields["gemeinde"].widget = DatalistInput(source=gemeinde_source)
        programme_field = cast(forms.ChoiceField, self.fields["programme"])
        programme_field.choices = [("", "alle"), *[(p.code, p.name) for p in programmes]]
        worker_field = cast(forms.ChoiceField, self.fields["case_worker"])
        worker_field.choices = [("", "alle"), *case_workers]


class ApplicationNewForm(forms.Form):
    applicant = forms.ChoiceField(label=_("Antragsteller"))
    year = forms.IntegerField(label=_("Förderjahr"), min_value=2017, max_value=2100)

    def __init__(self, *args: Any, applicants: Any = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["applicant"]).choices = [
            (a.pk, str(a)) for a in applicants
        ]


class PositionForm(forms.Form):
    person_name = forms.CharField(label=_("Name der Person"), max_length=200)
    qualification = forms.ChoiceField(
        label=_("Qualifikation"), choices=Position.Qualification.choices
    )
    share = DecimalInputField(
        label=_("Stellenanteil (VZÄ)"),
        places=2,
        help_text=_("mindestens 0,25; eine volle Stelle = 1,00"),
    )
    start_date = forms.DateField(
        label=_("Beginn (erster Arbeitstag)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    months = forms.IntegerField(label=_("Monate"), min_value=1, max_value=120, initial=24)
    provider = forms.TypedChoiceField(
        label=_("Beschäftigt bei (Weiterleitung an Träger)"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, providers: Any = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["provider"]).choices = [
            ("", "eigenes Personal"),
            *[(p.pk, p.name) for p in providers],
        ]


class DigitalForm(forms.Form):
    tool_name = forms.CharField(label=_("Digitales Werkzeug"), max_length=200)
    tool_description = forms.CharField(
        label=_("Beschreibung und Zweck"), widget=forms.Textarea(attrs={"rows": 3})
    )
    tool_costs = AmountField(label=_("Kosten (EUR)"))
    access_granted = forms.TypedMultipleChoiceField(
        label=_("Integrationsmanagerinnen und -manager mit Zugang"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    access_confirmed = forms.BooleanField(
        label=_(
            "Wir bestätigen: Alle im Kreis tätigen Integrationsmanagerinnen und -manager "
            "erhalten Zugang."
        ),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, managers: Any = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["access_granted"]).choices = [
            (u.pk, str(u)) for u in managers
        ]


#: The text field each step asks for, and its label (steps not named here take no text).
STEP_MESSAGES = {
    "request_info": _("Nachricht an den Antragsteller (was fehlt, bis wann)"),
    "resubmit": _("Ihre Antwort auf die Nachforderung"),
    "propose_approval": _("Begründung / Vermerk"),
    "propose_rejection": _("Begründung / Vermerk"),
    "approve": _("Vermerk"),
    "reject": _("Begründung / Vermerk"),
    "send_back": _("Begründung / Vermerk"),
}
#: Steps the applicant confirms with the declaration (the review before submitting).
STEP_DECLARATIONS = ("submit", "resubmit")
#: How a step's button looks: the way forward primary, a detour secondary, an end a warning.
STEP_SECONDARY = ("request_info", "send_back", "start_review")
STEP_WARNING = ("reject", "propose_rejection", "withdraw")


def step_button(action: str) -> str:
    """The KERN button classes of a step (primary, secondary or warning)."""
    if action in STEP_WARNING:
        return "kern-btn kern-btn--primary pik-btn--danger"
    if action in STEP_SECONDARY:
        return "kern-btn kern-btn--secondary"
    return "kern-btn kern-btn--primary"


class StepForm(forms.Form):
    """The form of one chosen step: only the fields that step needs, nothing typed is lost."""

    action = forms.CharField(max_length=40, widget=forms.HiddenInput)
    message = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    amount = AmountField(label=_("Zu bewilligender Betrag (EUR)"), required=False)
    declaration = forms.BooleanField(
        label=_(
            "Ich habe alle Angaben geprüft. Sie sind vollständig und richtig; Änderungen teile "
            "ich dem Regierungspräsidium unverzüglich mit."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, action: str = "", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.step = str(self.data.get("action", "")) if self.is_bound else action
        if self.step in STEP_MESSAGES:
            self.fields["message"].label = STEP_MESSAGES[self.step]
            # as the service demands it (a request, a proposed rejection, a return need a reason)
            self.fields["message"].required = self.step in (
                "request_info",
                "propose_rejection",
                "send_back",
            )
        else:
            del self.fields["message"]
        if self.step != "propose_approval":
            del self.fields["amount"]
        if self.step not in STEP_DECLARATIONS:
            del self.fields["declaration"]

    @property
    def button(self) -> str:
        return step_button(self.step)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Anlage (PDF, PNG oder JPEG, höchstens 10 MB)"))


class ContingentImportForm(forms.Form):
    year = forms.IntegerField(label=_("Förderjahr"), min_value=2017, max_value=2100)
    file = forms.FileField(
        label=_("Personenzahlen je Gemeinde (CSV oder XLSX: Spalten „ags“, „personen“)")
    )


class BudgetForm(forms.Form):
    total = AmountField(label=_("Haushaltsansatz (EUR)"))


class ApplicantForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Art"),
        choices=[
            ("gemeinde", "Gemeinde allein"),
            ("pooling", "Interkommunaler Zusammenschluss"),
            ("kreis", "Übertragung an den Kreis (Landratsamt)"),
        ],
    )
    members = forms.CharField(
        label=_("Gemeinden, durch Semikolon getrennt"),
        max_length=2000,
        help_text=_(
            "Name oder Gemeindeschlüssel, z. B. „Stadt Böblingen; Aidlingen“. Beim "
            "Zusammenschluss zuerst die federführende Gemeinde nennen."
        ),
    )
    name = forms.CharField(label=_("Bezeichnung (optional)"), max_length=250, required=False)


class PoolingAgreementForm(forms.Form):
    gemeinde = forms.CharField(
        label=_("Gemeindeschlüssel (AGS) der zustimmenden Gemeinde"), max_length=8
    )
    file = forms.FileField(label=_("Schriftliche Vereinbarung (PDF, PNG oder JPEG)"))


class BaseRateForm(forms.Form):
    valid_from = forms.DateField(
        label=_("gültig ab"),
        help_text=_("der 1. Januar oder 1. Juli, an dem der neue Basiszinssatz gilt"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    rate = DecimalInputField(
        label=_("Basiszinssatz (%)"), places=2, allow_negative=True, help_text=_("z. B. −0,88")
    )


class RepaymentForm(forms.Form):
    reason = forms.ChoiceField(label=_("Grund"), choices=RepaymentClaim.Reason.choices)
    explanation = forms.CharField(
        label=_("Begründung"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Erscheint im Rückforderungsbescheid."),
    )
    amount = AmountField(label=_("Rückforderungsbetrag (EUR)"))
    due_date = forms.DateField(
        label=_("fällig ab (Beginn der Verzinsung)"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    proof = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RepaymentStepForm(forms.Form):
    action = forms.CharField(max_length=40)
    version = forms.IntegerField()


class RepaymentPaymentForm(forms.Form):
    received_on = forms.DateField(
        label=_("eingegangen am"), widget=forms.DateInput(attrs={"type": "date"})
    )
    amount = AmountField(label=_("Betrag (EUR)"))


class PaymentRequestForm(forms.Form):
    amount = AmountField(label=_("Betrag (EUR)"))
    period_start = forms.DateField(
        label=_("Zeitraum von"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Zeitraum bis"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Beginn und Ende im selben Haushaltsjahr"),
    )
    basis = forms.ChoiceField(
        label=_("Grundlage"), choices=PaymentRequest.Basis.choices, widget=forms.RadioSelect
    )
    positions = forms.TypedMultipleChoiceField(
        label=_("Betroffene Stellen"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, positions: Any = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["positions"]).choices = [
            (p.pk, f"{p.person_name} ({p.share} VZÄ, ab {p.start_date:%d.%m.%Y})")
            for p in positions
        ]
        if not positions:
            del self.fields["positions"]


class PaymentStepForm(forms.Form):
    action = forms.CharField(max_length=40)
    message = forms.CharField(
        label=_("Begründung (bei Ablehnung)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BankDetailsForm(forms.Form):
    account_holder = forms.CharField(label=_("Kontoinhaber"), max_length=200)
    iban = forms.CharField(
        label=_("IBAN"), max_length=42, help_text=_("z. B. DE89 3704 0044 0532 0130 00")
    )
