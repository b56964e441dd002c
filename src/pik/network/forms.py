"""Forms of the network pages: parse and show errors; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pik.casework.forms import CleanTextMixin, DateInput


class ReferralForm(CleanTextMixin, forms.Form):
    network_actor = forms.CharField(label=_("Netzwerkpartner"), max_length=200)
    purpose = forms.CharField(label=_("Anlass / was wird weitergegeben"), max_length=300)
    shared_on = forms.DateField(label=_("weitergegeben am"), widget=DateInput())
